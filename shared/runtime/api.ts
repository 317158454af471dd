/**
 * The runtime's public surface (DESIGN.md §5). The app's run worker, the CLI, tests and benches
 * code against these types only; everything else in shared/runtime is implementation.
 *
 * Times: simulated milliseconds from the start of the run (`SimTimeMs`) unless a name says Sec.
 * Scenario and Fault are zod schemas because they cross boundaries (IPC, SQLite, CLI files);
 * the outputs (events, snapshots, summary) are plain interfaces produced by the runtime itself.
 */
import { z } from 'zod';
import type { Topology } from '../model/topology';

export type SimTimeMs = number;

// ---------------------------------------------------------------------------------------------
// Scenario and faults (inputs)

const nodeRef = z.string().min(1).max(64);
const sec = z.number().min(0).max(31_536_000); // up to a simulated year

/**
 * A fault active on [startSec, endSec) of simulated time. Scheduled in the scenario before the
 * run, or injected while it runs (a window that already started applies from "now").
 */
export const Fault = z.discriminatedUnion('kind', [
  /** a service or sink is down: it stops consuming (work waits in brokers, then drains); calls to it fail */
  z.object({ kind: z.literal('down'), nodeId: nodeRef, startSec: sec, endSec: sec }),
  /** a service's processing time or a sink's latency multiplied by factor */
  z.object({ kind: z.literal('slowdown'), nodeId: nodeRef, startSec: sec, endSec: sec, factor: z.number().min(1).max(1000) }),
  /** a service's or sink's failure probability replaced by failurePct (0..100) */
  z.object({ kind: z.literal('error-rate'), nodeId: nodeRef, startSec: sec, endSec: sec, failurePct: z.number().min(0).max(100) }),
  /** a producer's arrival rate multiplied by factor (flash sale) */
  z.object({ kind: z.literal('burst'), nodeId: nodeRef, startSec: sec, endSec: sec, factor: z.number().min(0).max(1000) }),
  /** a producer emits poison messages (always fail processing) with probability pct */
  z.object({ kind: z.literal('poison'), nodeId: nodeRef, startSec: sec, endSec: sec, pct: z.number().min(0).max(100) }),
  /** a service runs instances × concurrency slots (a sink: concurrency) instead of its setting: scaling, as an autoscaler would */
  z.object({ kind: z.literal('scale'), nodeId: nodeRef, startSec: sec, endSec: sec, instances: z.number().int().min(1).max(1000), concurrency: z.number().int().min(1).max(10_000) }),
]).refine((f) => f.endSec > f.startSec, { message: 'endSec must be after startSec', path: ['endSec'] });
export type Fault = z.infer<typeof Fault>;
export type FaultKind = Fault['kind'];

/** An end-to-end flow measured through correlationId: first `from` to first `to` of a trace. */
export const FlowSpec = z.object({
  name: z.string().min(1).max(120),
  from: z.string().min(1).max(80),
  to: z.string().min(1).max(80),
});
export type FlowSpec = z.infer<typeof FlowSpec>;

export const EventLogMode = z.enum(['all', 'sampled', 'none']);
export type EventLogMode = z.infer<typeof EventLogMode>;

/** a commerce lead's usual promise: an order is fulfilled within 5 minutes */
export const DEFAULT_ORDER_SLA_SEC = 300;
/** an order SLA: positive, at most a week of simulated time */
export const OrderSlaSec = z.number().positive().max(604_800);

export const Scenario = z.object({
  durationSec: z.number().positive().max(31_536_000),
  seed: z.number().int().min(0).max(0xffffffff),
  faults: z.array(Fault).max(1000).default([]),
  /** simulated ms between MetricsSnapshots (onSnapshot); 0 = no periodic snapshots */
  snapshotIntervalMs: z.number().min(0).max(86_400_000).default(1000),
  /** which SimEvents reach hooks.onEvent / onEventChunk: 'sampled' keeps whole traces (by correlationId) */
  eventLog: EventLogMode.default('none'),
  /** fraction of traces kept when eventLog = 'sampled' */
  eventLogSampleRate: z.number().min(0).max(1).default(0.01),
  /** end-to-end flows to measure; empty = the commerce defaults present in the topology */
  flows: z.array(FlowSpec).max(50).default([]),
  /** an order not fulfilled within this many simulated seconds counts as delayed (Kpis.ordersDelayed) */
  orderSlaSec: OrderSlaSec.default(DEFAULT_ORDER_SLA_SEC),
});
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

// ---------------------------------------------------------------------------------------------
// Events (the log)

/**
 * What happened to a message at one place. One message (same `id`) appears several times:
 * emitted by its source, published to a broker, delivered to a consumer, processed...
 */
export type SimEventStatus =
  | 'emitted'        // a producer/service/operator created the message
  | 'published'      // a broker accepted it
  | 'delivered'      // a consumer/operator/sink received it (queue receive, topic poll, route)
  | 'processed'      // a consumer finished it successfully
  | 'failed'         // one attempt failed (error, poison, outage, call failure)
  | 'retried'        // a new attempt is scheduled after backoff
  | 'redelivered'    // a queue made it visible again (visibility timeout / nack)
  | 'duplicate'      // an idempotent consumer saw it again and skipped it
  | 'dead-lettered'  // moved to a dead-letter target
  | 'dropped'        // lost: broker overflow, unmatched route, retries exhausted without DLQ
  | 'filtered';      // a stream operator discarded it (not a loss)

/** Every status, in a fixed order: EventChunk.status holds indexes into it (stored logs too). */
export const SIM_EVENT_STATUSES: readonly SimEventStatus[] = [
  'emitted', 'published', 'delivered', 'processed', 'failed', 'retried', 'redelivered', 'duplicate', 'dead-lettered', 'dropped', 'filtered',
];

export interface SimEvent {
  /** order in the log (0, 1, 2...) */
  seq: number;
  /** message id, unique within the run */
  id: number;
  type: string;
  /** simulated time of this record */
  time: SimTimeMs;
  /** entity key, e.g. an orderId */
  key: string;
  payload: Readonly<Record<string, unknown>>;
  /** id of the message that started the causal trace (itself for a root message) */
  correlationId: number;
  /** id of the message that caused this one (null for a root message) */
  causationId: number | null;
  /** node where this happened */
  source: string;
  /** node (or edge id for publish/route hops) the message goes to, '' when none */
  target: string;
  status: SimEventStatus;
  /** attempt number for processed/failed/retried, receive count for queue deliveries */
  attempt?: number;
  /** a short reason for failed/dropped/dead-lettered */
  reason?: string;
}

/** The run's names, append-only: EventChunk columns hold indexes into them. */
export interface EventNames {
  readonly types: readonly string[];
  /** sources and targets (node ids, edge ids, '' for "no target") */
  readonly nodes: readonly string[];
  readonly reasons: readonly string[];
}

/**
 * Consecutive records of the event log in columns (hooks.onEventChunk): record j is
 * `{ seq: firstSeq + j, time: time[j], id: id[j], ... }`. No object per record is made, which is
 * what lets a run persist every event at little cost. The chunk and its arrays are reused once the
 * callback returns: copy what you keep. Only the first `length` entries are meaningful.
 */
export interface EventChunk {
  readonly firstSeq: number;
  readonly length: number;
  readonly time: Float64Array;
  readonly id: Float64Array;
  readonly correlationId: Float64Array;
  /** -1 for a root message */
  readonly causationId: Float64Array;
  /** -1 when the record has no attempt */
  readonly attempt: Int32Array;
  /** index into SIM_EVENT_STATUSES */
  readonly status: Uint8Array;
  /** index into names.types */
  readonly type: Uint16Array;
  /** index into names.nodes */
  readonly source: Uint16Array;
  readonly target: Uint16Array;
  /** index into names.reasons, -1 for none */
  readonly reason: Int32Array;
  readonly key: readonly string[];
  /** the message's payload (the same object on every record of a message) */
  readonly payload: readonly Readonly<Record<string, unknown>>[];
  readonly names: EventNames;
}

// ---------------------------------------------------------------------------------------------
// Metrics (outputs)

export interface LatencyStats {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export type NodeState = 'healthy' | 'degraded' | 'down' | 'failing';

export interface NodeMetrics {
  id: string;
  kind: Topology['nodes'][number]['kind'];
  name: string;
  /** cumulative counts since the start of the run */
  in: number;
  out: number;
  /** completions (or outputs for brokers/producers) per simulated second over the last interval */
  throughputPerSec: number;
  /**
   * Messages waiting *at* this node now (docs/runtime.md "Figures"). Topic: not yet delivered to
   * its slowest consumer group, each message once, + publishers blocked at a full topic; queue:
   * visible + blocked; service/sink: its own inbox (bus routes, operator pushes, synchronous
   * calls waiting for a slot). A message waiting in a broker is in the broker's depth only.
   */
  queueDepth: number;
  /** highest queueDepth seen so far */
  queueDepthPeak: number;
  /**
   * Consumers (services, sinks, operators): messages their brokers hold for them now — the
   * partitions their group member owns + visible messages of queues they pull from. Never more
   * than those brokers' depth. 0 on brokers and producers (a broker's backlog is its depth).
   */
  consumerLag: number;
  inFlight: number;
  /** busy slots / (instances × concurrency) over the last interval (services and sinks) */
  utilisation: number;
  /** time in node (wait + processing) for messages finished in the last interval */
  latency: LatencyStats;
  errors: number;
  retries: number;
  deadLetters: number;
  drops: number;
  duplicates: number;
  state: NodeState;
}

export interface EdgeMetrics {
  id: string;
  source: string;
  target: string;
  count: number;
  ratePerSec: number;
}

export interface FlowMetrics extends FlowSpec {
  /** cumulative end-to-end latency of completed traces */
  latency: LatencyStats;
  /** traces that started the flow but have not reached `to` (yet) */
  open: number;
}

/** A flow in a snapshot: the cumulative figures and those of the snapshot's interval. */
export interface FlowIntervalMetrics extends FlowMetrics {
  /** traces that completed during the last interval (count 0: none did, no percentile) */
  intervalLatency: LatencyStats;
}

export interface Kpis {
  sessions: number;
  checkouts: number;
  orders: number;
  /** orders / sessions (0..1); for event-mode producers: orders / checkouts when known */
  conversionRate: number;
  revenue: number;
  currency: string;
  /** orders whose OrderPlaced (or a follow-up carrying its orderId) was dropped or dead-lettered where
   * it matters: brokers, and services other than notification-only ones (see nodes/worker.ts) */
  ordersLost: number;
  cartsAbandoned: number;
  /** abandoned carts that a reaction (e-mail) brought back to purchase */
  recoveredCarts: number;
  checkoutLatencyP99Ms: number;
  /** the steps that make an order fulfilled (fulfilment.ts); empty = fulfilment not measured */
  fulfilmentSteps: string[];
  /** orders whose every step succeeded */
  ordersFulfilled: number;
  /** orders placed and not yet fulfilled, failed nor lost: waiting in brokers or in flight now */
  ordersUnfulfilled: number;
  /** sum of the unfulfilled orders' amounts */
  revenueAtRisk: number;
  /** orders closed by a failure event (PaymentFailed, OutOfStock, OrderCancelled) */
  ordersFailed: number;
  /** OrderPlaced -> last fulfilment step, over fulfilled orders */
  fulfilmentP50Ms: number;
  fulfilmentP99Ms: number;
  orderSlaMs: number;
  /** fulfilled later than the SLA + unfulfilled and older than the SLA now */
  ordersDelayed: number;
}

export interface MetricsSnapshot {
  /** simulated time of the snapshot */
  timeMs: SimTimeMs;
  /** length of the interval the rates and interval latencies cover */
  intervalMs: number;
  nodes: NodeMetrics[];
  edges: EdgeMetrics[];
  flows: FlowIntervalMetrics[];
  kpis: Kpis;
  /** messages created and node deliveries so far */
  messages: number;
  deliveries: number;
}

export interface NodeSummary extends Omit<NodeMetrics, 'latency' | 'throughputPerSec' | 'utilisation'> {
  /** mean completions per simulated second over the whole run */
  throughputPerSec: number;
  utilisation: number;
  /** cumulative over the whole run */
  latency: LatencyStats;
  /** time-average of (waiting + in flight): L in Little's law */
  meanInSystem: number;
}

export interface RunSummary {
  topologyName: string;
  seed: number;
  durationSec: number;
  simulatedMs: SimTimeMs;
  completed: boolean;
  messages: number;
  deliveries: number;
  nodes: NodeSummary[];
  edges: EdgeMetrics[];
  flows: FlowMetrics[];
  kpis: Kpis;
  faults: Fault[];
  /** FNV-1a hash (hex) of the event log when eventLog != 'none', else null */
  eventLogHash: string | null;
}

// ---------------------------------------------------------------------------------------------
// The handle

export interface SimulationHooks {
  /** every logged record as an object, synchronously (simple; costs an object per record) */
  onEvent?: (e: SimEvent) => void;
  /** the same records in columns, when a chunk is full and at the end of every runUntil (cheap: use it to store a log) */
  onEventChunk?: (c: EventChunk) => void;
  onSnapshot?: (s: MetricsSnapshot) => void;
}

/**
 * A compiled run. Nothing happens until runUntil/runToEnd is called: the caller owns the clock
 * (virtual: call runToEnd; real time: RealTimeDriver calls runUntil in slices).
 */
export interface Simulation {
  /** current simulated time */
  readonly now: SimTimeMs;
  /** durationSec × 1000 */
  readonly endMs: SimTimeMs;
  readonly done: boolean;
  /** messages created so far (what RunSummary.messages reports), cheap to read after each slice */
  readonly messages: number;
  /** process everything scheduled at or before min(simMs, endMs); emits due snapshots */
  runUntil(simMs: SimTimeMs): void;
  runToEnd(): RunSummary;
  /** add a fault while running (validated; throws RangeError naming an unknown node) */
  injectFault(fault: Fault): void;
  /** a snapshot now; it closes the current interval (rates and interval latencies restart), like
   * the periodic ones do: prefer hooks.onSnapshot for the regular series */
  snapshot(): MetricsSnapshot;
  /** cumulative figures so far (callable at any time, changes nothing) */
  summary(): RunSummary;
}

export type CreateSimulation = (topology: Topology, scenario: ScenarioInput, hooks?: SimulationHooks) => Simulation;

export type DriverState = 'idle' | 'running' | 'paused' | 'completed';

/** Real-time pacing (RealTimeDriver in ./realtime): pure, reads wall time from `now`. */
export interface RealTimeDriverOptions {
  /** wall clock in ms, e.g. performance.now */
  now: () => number;
  /** simulated ms per wall ms: 0.1 .. 1000 */
  speed: number;
  /** longest simulated slice one tick may run (keeps a worker responsive) */
  maxSliceMs?: number;
}
