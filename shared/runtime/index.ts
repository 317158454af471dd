export * from './api';
export { createSimulation, createSimulationWithInternals } from './simulation';
export type { SimulationWithInternals } from './simulation';
export { RealTimeDriver, MIN_SPEED, MAX_SPEED } from './realtime';
export { HeapScheduler, SimulationLimitError } from './heap-scheduler';
export { Histogram } from './histogram';
export { Rng, fnv1a, samplerFor } from './prng';
