/**
 * Real-time pacing of a Simulation: simulated time advances at `speed` × wall time. Pure: the
 * wall clock is the injected `now()`, so it is testable and runs in a worker or the CLI alike.
 * The owner calls tick() periodically (e.g. every 16-50 ms).
 */
import type { DriverState, RealTimeDriverOptions, Simulation } from './api';

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1000;

export class RealTimeDriver {
  private stateValue: DriverState = 'idle';
  private anchorWall = 0;
  private anchorSim = 0;
  private speedValue: number;
  /** simulated ms the driver never runs past (a pause point); Infinity = none */
  limitMs = Infinity;

  constructor(private readonly sim: Simulation, private readonly opts: RealTimeDriverOptions) {
    this.speedValue = checkSpeed(opts.speed);
  }

  get state(): DriverState {
    return this.stateValue;
  }

  get speed(): number {
    return this.speedValue;
  }

  start(): void {
    if (this.stateValue !== 'idle') return;
    this.anchor();
    this.stateValue = 'running';
  }

  pause(): void {
    if (this.stateValue !== 'running') return;
    this.tick();
    if (this.stateValue === 'running') this.stateValue = 'paused';
  }

  resume(): void {
    if (this.stateValue !== 'paused') return;
    this.anchor();
    this.stateValue = 'running';
  }

  setSpeed(speed: number): void {
    const s = checkSpeed(speed);
    if (this.stateValue === 'running') this.tick();
    this.speedValue = s;
    this.anchor();
  }

  /** while paused (or idle): advance by simMs of simulated time at once */
  step(simMs: number): void {
    if (this.stateValue === 'running' || this.stateValue === 'completed') return;
    this.sim.runUntil(this.sim.now + simMs);
    if (this.sim.done) this.stateValue = 'completed';
  }

  /** advance the simulation to where wall time says it should be; returns simulated now */
  tick(): number {
    if (this.stateValue !== 'running') return this.sim.now;
    let target = this.anchorSim + (this.opts.now() - this.anchorWall) * this.speedValue;
    const slice = this.opts.maxSliceMs;
    if (slice !== undefined && target > this.sim.now + slice) target = this.sim.now + slice;
    if (target > this.limitMs) target = Math.max(this.sim.now, this.limitMs);
    this.sim.runUntil(target);
    if (this.sim.done) this.stateValue = 'completed';
    return this.sim.now;
  }

  private anchor(): void {
    this.anchorWall = this.opts.now();
    this.anchorSim = this.sim.now;
  }
}

function checkSpeed(speed: number): number {
  if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) throw new RangeError(`speed must be between ${MIN_SPEED} and ${MAX_SPEED}, got ${speed}`);
  return speed;
}
