/** createSimulation: compile a topology for a scenario and expose the Simulation handle (api.ts). */
import type { Topology } from '../model/topology';
import { Fault, Scenario } from './api';
import type {
  CreateSimulation, EdgeMetrics, MetricsSnapshot, NodeMetrics, NodeState, NodeSummary, RunSummary, ScenarioInput,
  Simulation, SimulationHooks,
} from './api';
import { compile } from './compiler';
import type { CompiledGraph, CompiledNode } from './compiler';
import { RunContext } from './context';
import { DEFAULT_FLOWS, Flows } from './flows';
import { OrderFulfilment, fulfilmentOf } from './fulfilment';
import { HeapScheduler } from './heap-scheduler';
import { Worker } from './nodes/worker';

interface Prev { out: number; in: number; errors: number; busyArea: number }

class SimulationRun implements Simulation {
  readonly endMs: number;
  private readonly sched = new HeapScheduler();
  private readonly ctx: RunContext;
  private readonly graph: CompiledGraph;
  private readonly scenario: Scenario;
  private readonly prev = new Map<string, Prev>();
  private readonly prevEdge = new Map<string, number>();
  private lastSnapshotAt = 0;
  private readonly faults: Fault[];

  constructor(private readonly topology: Topology, scenarioInput: ScenarioInput, private readonly hooks: SimulationHooks) {
    const parsed = Scenario.safeParse(scenarioInput);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new RangeError(`scenario.${(i?.path ?? []).join('.')}: ${i?.message ?? 'invalid'}`);
    }
    this.scenario = parsed.data;
    this.endMs = this.scenario.durationSec * 1000;
    const flows = new Flows(this.scenario.flows.length > 0 ? this.scenario.flows : defaultFlows(topology));
    const ful = fulfilmentOf(topology);
    const fulfilment = new OrderFulfilment(ful.steps, ful.failures, this.scenario.orderSlaSec * 1000);
    this.ctx = new RunContext(this.sched, this.scenario.seed, this.scenario.eventLog, this.scenario.eventLogSampleRate, hooks.onEvent, flows, hooks.onEventChunk, fulfilment);
    this.graph = compile(topology, this.ctx);
    this.faults = [];
    for (const f of this.scenario.faults) this.addFault(f);
    for (const p of this.graph.producers) p.start();
    const every = this.scenario.snapshotIntervalMs;
    if (every > 0) this.sched.at(every, snapshotTick, this);
  }

  get now(): number {
    return this.sched.now();
  }

  get messages(): number {
    return this.ctx.messages;
  }

  get done(): boolean {
    return this.sched.now() >= this.endMs;
  }

  runUntil(simMs: number): void {
    try {
      this.sched.runUntil(Math.min(simMs, this.endMs));
    } finally {
      this.ctx.flushLog();
    }
  }

  runToEnd(): RunSummary {
    this.runUntil(this.endMs);
    return this.summary();
  }

  injectFault(fault: Fault): void {
    const f = Fault.parse(fault);
    this.addFault(f);
    const n = this.graph.byId.get(f.nodeId);
    if (f.kind === 'burst' && n !== undefined) for (const p of this.graph.producers) if (p.id === f.nodeId) p.rebuildArrivals();
  }

  private addFault(f: Fault): void {
    const n = this.graph.byId.get(f.nodeId);
    if (n === undefined) throw new RangeError(`fault on unknown node "${f.nodeId}"`);
    const kinds: Record<Fault['kind'], readonly string[]> = {
      down: ['service', 'sink'], slowdown: ['service', 'sink'], 'error-rate': ['service', 'sink'], burst: ['producer'], poison: ['producer'], scale: ['service', 'sink'],
    };
    if (!kinds[f.kind].includes(n.node.kind)) throw new RangeError(`a "${f.kind}" fault applies to ${kinds[f.kind].join(' or ')} nodes; "${f.nodeId}" is a ${n.node.kind}`);
    this.ctx.faultsOf(f.nodeId).add(f);
    this.faults.push(f);
    if (f.kind === 'scale' && n.runtime instanceof Worker) {
      n.runtime.wakeAtTime(f.startSec * 1000);
      n.runtime.wakeAtTime(f.endSec * 1000);
    }
  }

  tick(): void {
    const s = this.snapshot();
    this.ctx.flows.housekeeping(this.now);
    this.hooks.onSnapshot?.(s);
    const next = this.now + this.scenario.snapshotIntervalMs;
    if (next <= this.endMs) this.sched.at(next, snapshotTick, this);
  }

  snapshot(): MetricsSnapshot {
    const now = this.now;
    const interval = Math.max(1e-9, now - this.lastSnapshotAt);
    const nodes = this.graph.nodes.map((c) => this.nodeMetrics(c, now, interval));
    const edges: EdgeMetrics[] = this.graph.edges.map((e) => {
      const before = this.prevEdge.get(e.id) ?? 0;
      this.prevEdge.set(e.id, e.count);
      return { id: e.id, source: e.source, target: e.target, count: e.count, ratePerSec: rate(e.count - before, interval) };
    });
    this.lastSnapshotAt = now;
    return {
      timeMs: now, intervalMs: interval, nodes, edges, flows: this.ctx.flows.closeInterval(), kpis: this.ctx.kpis.snapshot(now),
      messages: this.ctx.messages, deliveries: this.ctx.deliveries,
    };
  }

  private nodeMetrics(c: CompiledNode, now: number, interval: number): NodeMetrics {
    const r = c.runtime;
    const st = r.stats;
    st.settle(now);
    const p = this.prev.get(c.node.id) ?? { out: 0, in: 0, errors: 0, busyArea: 0 };
    const slots = r.capacitySlots();
    const dErr = st.errors - p.errors;
    const dIn = st.in - p.in;
    let state: NodeState = r.state(now);
    if (state !== 'down' && dErr > 0 && dErr >= 0.5 * Math.max(1, dIn)) state = 'failing';
    else if (state === 'healthy' && (dErr > 0 || st.drops > 0 && dIn > 0 && (r.depth() > 0 || r.lag() > 0))) state = 'degraded';
    const m: NodeMetrics = {
      id: c.node.id, kind: c.node.kind, name: c.node.name, in: st.in, out: st.out,
      throughputPerSec: rate(st.out - p.out, interval),
      queueDepth: r.depth(), queueDepthPeak: r.depthPeak(), consumerLag: r.lag(), inFlight: st.inFlight,
      utilisation: slots > 0 ? round4((st.busyArea - p.busyArea) / (slots * interval)) : 0,
      latency: st.intervalLatency.stats(),
      errors: st.errors, retries: st.retries, deadLetters: st.deadLetters, drops: st.drops, duplicates: st.duplicates, state,
    };
    st.intervalLatency.reset();
    this.prev.set(c.node.id, { out: st.out, in: st.in, errors: st.errors, busyArea: st.busyArea });
    return m;
  }

  summary(): RunSummary {
    const now = this.now;
    const T = Math.max(1e-9, now);
    const nodes: NodeSummary[] = this.graph.nodes.map((c) => {
      const r = c.runtime;
      const st = r.stats;
      st.settle(now);
      const slots = r.capacitySlots();
      return {
        id: c.node.id, kind: c.node.kind, name: c.node.name, in: st.in, out: st.out,
        throughputPerSec: rate(st.out, T),
        queueDepth: r.depth(), queueDepthPeak: r.depthPeak(), consumerLag: r.lag(), inFlight: st.inFlight,
        utilisation: slots > 0 ? round4(st.busyArea / (slots * T)) : 0,
        latency: st.latency.stats(),
        meanInSystem: round4(st.systemArea / T),
        errors: st.errors, retries: st.retries, deadLetters: st.deadLetters, drops: st.drops, duplicates: st.duplicates,
        state: r.state(now),
      };
    });
    return {
      topologyName: this.topology.name, seed: this.scenario.seed, durationSec: this.scenario.durationSec, simulatedMs: now,
      completed: this.done, messages: this.ctx.messages, deliveries: this.ctx.deliveries, nodes,
      edges: this.graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, count: e.count, ratePerSec: rate(e.count, T) })),
      flows: this.ctx.flows.metrics(), kpis: this.ctx.kpis.snapshot(now), faults: [...this.faults],
      eventLogHash: this.ctx.logging ? (this.ctx.logHash >>> 0).toString(16).padStart(8, '0') : null,
    };
  }

  /** exact areas for tests (Little's law): message·ms integrals and raw histogram means */
  internals(id: string): { systemArea: number; busyArea: number; meanLatencyMs: number; out: number } | null {
    const c = this.graph.byId.get(id);
    if (c === undefined) return null;
    const st = c.runtime.stats;
    st.settle(this.now);
    return { systemArea: st.systemArea, busyArea: st.busyArea, meanLatencyMs: st.latency.mean(), out: st.out };
  }
}

function snapshotTick(s: SimulationRun): void {
  s.tick();
}

const rate = (n: number, ms: number): number => Math.round((n / ms) * 1000 * 1000) / 1000;
const round4 = (x: number): number => Math.round(x * 10000) / 10000;

/** The commerce flows whose both ends some node of the topology can produce (live runs measure the same ones). */
export function defaultFlows(t: Topology): typeof DEFAULT_FLOWS[number][] {
  const types = new Set<string>();
  for (const n of t.nodes) {
    if (n.kind === 'producer') {
      if (n.settings.mode === 'sessions') for (const x of ['CartItemAdded', 'CheckoutStarted', 'OrderPlaced', 'CartAbandoned']) types.add(x);
      else for (const x of n.settings.emits) types.add(x);
      if (n.settings.profile.kind === 'replay') for (const r of n.settings.profile.events) types.add(r.type);
    } else if (n.kind === 'service') {
      for (const x of [...n.settings.emitsOnSuccess, ...n.settings.emitsOnFailure]) types.add(x);
    } else if (n.kind === 'operator') {
      const s = n.settings;
      if (s.op === 'map' && s.emitAs) types.add(s.emitAs);
      if (s.op === 'window' || s.op === 'join') types.add(s.emits);
    }
  }
  return DEFAULT_FLOWS.filter((f) => types.has(f.from) && types.has(f.to));
}

export type SimulationWithInternals = Simulation & { internals: SimulationRun['internals'] };

export const createSimulation: CreateSimulation = (topology, scenario, hooks = {}) => new SimulationRun(topology, scenario, hooks);

/** Same as createSimulation, with access to exact integrals (tests, benches). */
export function createSimulationWithInternals(topology: Topology, scenario: ScenarioInput, hooks: SimulationHooks = {}): SimulationWithInternals {
  return new SimulationRun(topology, scenario, hooks);
}
