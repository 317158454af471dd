/**
 * Types of the runs part of the api (issue 5): lifecycle, live streams, stored history,
 * event log paging, replay (stateAt), compare and export. Inputs are strict zod schemas; the
 * runtime's own outputs (MetricsSnapshot, RunSummary) are typed with z.custom because the
 * backend produces them itself (the runtime defines them as interfaces).
 */
import { z } from 'zod';
import { DEFAULT_ORDER_SLA_SEC, Fault, OrderSlaSec, Scenario } from '../runtime/api';
import type { MetricsSnapshot, NodeState, RunSummary, SimEventStatus } from '../runtime/api';
import { Topology } from '../model/topology';
import { ProjectId } from './types';

export const RunId = z.number().int().positive().max(2 ** 31);
export type RunId = z.infer<typeof RunId>;

/** idle: created, worker not started yet; terminal: stopped, completed, failed, interrupted */
export const RunStatus = z.enum(['idle', 'running', 'paused', 'stopped', 'completed', 'failed', 'interrupted']);
export type RunStatus = z.infer<typeof RunStatus>;
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['stopped', 'completed', 'failed', 'interrupted'];

/** 'max' = virtual time as fast as possible; a number = simulated ms per wall ms (0.1 .. 1000) */
export const RunSpeed = z.union([z.literal('max'), z.number().min(0.1).max(1000)]);
export type RunSpeed = z.infer<typeof RunSpeed>;

/** Which events a run keeps in SQLite (per project). */
export const EventRetention = z.enum(['all', 'sampled', 'none']);
export const RunSettings = z.object({
  retention: EventRetention.default('all'),
  /** 'all' stops storing events after this many (the run goes on; eventsTruncated = true) */
  eventCap: z.number().int().min(0).max(100_000_000).default(5_000_000),
  /** fraction of traces kept when retention = 'sampled' */
  sampleRate: z.number().min(0).max(1).default(0.05),
  /** the project's order SLA: orders not fulfilled within it count as delayed (applies to new runs) */
  orderSlaSec: OrderSlaSec.default(DEFAULT_ORDER_SLA_SEC),
});
export type RunSettings = z.infer<typeof RunSettings>;

/** The KPI columns a run list sorts by (live values while running, final ones after). */
export const RunKpis = z.object({
  orders: z.number(),
  revenue: z.number(),
  currency: z.string(),
  conversionRate: z.number(),
  ordersLost: z.number(),
  checkoutLatencyP99Ms: z.number(),
  /** end-to-end p99 of the first flow (e.g. OrderPlaced -> PaymentAuthorized), else max node p99 */
  p99Ms: z.number(),
  p95Ms: z.number(),
  /** node deliveries per simulated second over the run */
  throughputPerSec: z.number(),
  errors: z.number(),
  /** false when the topology performs no fulfilment step (then the figures below are 0) */
  fulfilmentMeasured: z.boolean(),
  ordersUnfulfilled: z.number(),
  revenueAtRisk: z.number(),
  fulfilmentP50Ms: z.number(),
  fulfilmentP99Ms: z.number(),
  ordersDelayed: z.number(),
  orderSlaMs: z.number(),
});
export type RunKpis = z.infer<typeof RunKpis>;

/** How a stored run ran on a real broker (issue 17, docs/live.md): the address without credentials. */
export const LiveRunMark = z.object({
  address: z.string(), product: z.string(), version: z.string(), prefix: z.string(),
  /** wall ms of traffic when it was stopped before its planned duration (the twin simulates that long) */
  trafficMs: z.number().optional(),
});
export type LiveRunMark = z.infer<typeof LiveRunMark>;

export const RunMeta = z.object({
  id: RunId,
  projectId: z.string().nullable(),
  name: z.string(),
  status: RunStatus,
  topologyName: z.string(),
  seed: z.number(),
  durationSec: z.number(),
  /** simulated time reached */
  simulatedMs: z.number(),
  speed: RunSpeed,
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  kpis: RunKpis,
  eventCount: z.number().int(),
  eventsTruncated: z.boolean(),
  retention: EventRetention,
  /** why it failed / was refused, else null */
  error: z.string().nullable(),
  /** set for a live run on a broker (null or absent: simulated) */
  live: LiveRunMark.nullable().optional(),
});
export type RunMeta = z.infer<typeof RunMeta>;

/** A fault of a run: from the scenario, or injected live (with its wall and simulated time). */
export const RunFault = z.object({
  id: z.number().int(),
  source: z.enum(['scenario', 'live']),
  fault: Fault,
  /** ISO wall time of a live injection */
  injectedAt: z.string().nullable(),
  injectedSimMs: z.number().nullable(),
  /** set when an open-ended live fault was ended (runs.endFault) */
  endedSimMs: z.number().nullable(),
});
export type RunFault = z.infer<typeof RunFault>;

export const RunAnnotation = z.object({
  id: z.number().int(),
  runId: RunId,
  /** simulated time the note is about (null = the whole run) */
  atMs: z.number().nullable(),
  text: z.string(),
  createdAt: z.string(),
});
export type RunAnnotation = z.infer<typeof RunAnnotation>;

const summaryOf = z.custom<RunSummary>((v) => typeof v === 'object' && v !== null && 'kpis' in v, 'a run summary');
const snapshotOf = z.custom<MetricsSnapshot>((v) => typeof v === 'object' && v !== null && 'nodes' in v && 'timeMs' in v, 'a metrics snapshot');

export const RunDetail = RunMeta.extend({
  scenario: Scenario,
  topology: Topology,
  summary: summaryOf.nullable(),
  faults: z.array(RunFault),
  annotations: z.array(RunAnnotation),
});
export type RunDetail = z.infer<typeof RunDetail>;

const sec = z.number().min(0).max(31_536_000);
const nodeRef = z.string().min(1).max(64);
const when = { startSec: sec.optional(), endSec: sec.optional() };
/**
 * A fault injected while running. startSec defaults to "now"; without endSec it stays active
 * until runs.endFault (take Payment down ... bring it back).
 */
export const LiveFault = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('down'), nodeId: nodeRef, ...when }),
  z.object({ kind: z.literal('slowdown'), nodeId: nodeRef, ...when, factor: z.number().min(1).max(1000) }),
  z.object({ kind: z.literal('error-rate'), nodeId: nodeRef, ...when, failurePct: z.number().min(0).max(100) }),
  z.object({ kind: z.literal('burst'), nodeId: nodeRef, ...when, factor: z.number().min(0).max(1000) }),
  z.object({ kind: z.literal('poison'), nodeId: nodeRef, ...when, pct: z.number().min(0).max(100) }),
  /** live scaling, as an autoscaler would: instances × concurrency slots from startSec (until endSec or ended) */
  z.object({ kind: z.literal('scale'), nodeId: nodeRef, ...when, instances: z.number().int().min(1).max(1000), concurrency: z.number().int().min(1).max(10_000) }),
]);
export type LiveFault = z.infer<typeof LiveFault>;

const statusValues = ['emitted', 'published', 'delivered', 'processed', 'failed', 'retried', 'redelivered', 'duplicate', 'dead-lettered', 'dropped', 'filtered'] as const satisfies readonly SimEventStatus[];
export const EventStatus = z.enum(statusValues);

/** One stored event-log record (SimEvent as kept in SQLite). */
export const RunEvent = z.object({
  seq: z.number().int(),
  id: z.number().int(),
  type: z.string(),
  timeMs: z.number(),
  key: z.string(),
  correlationId: z.number().int(),
  causationId: z.number().int().nullable(),
  source: z.string(),
  target: z.string(),
  status: EventStatus,
  attempt: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** the message payload (stored once per message; filled in where known) */
  payload: z.record(z.string(), z.unknown()).nullable(),
});
export type RunEvent = z.infer<typeof RunEvent>;

export const EventsQuery = z.object({
  runId: RunId,
  types: z.array(z.string().min(1).max(80)).max(100).optional(),
  statuses: z.array(EventStatus).max(20).optional(),
  /** events that happened at this node (source) or went to it (target) */
  nodeId: z.string().min(1).max(64).optional(),
  key: z.string().min(1).max(200).optional(),
  fromMs: z.number().min(0).optional(),
  toMs: z.number().min(0).optional(),
  /** keyset cursor: return events with seq > afterSeq (pass the previous page's nextAfterSeq) */
  afterSeq: z.number().int().min(-1).default(-1),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type EventsQuery = z.input<typeof EventsQuery>;

export const EventsPage = z.object({
  events: z.array(RunEvent),
  /** pass as afterSeq for the next page */
  nextAfterSeq: z.number().int(),
  /** true when nothing after nextAfterSeq matches (for now: a running run keeps growing) */
  done: z.boolean(),
  /** events stored for the run so far */
  total: z.number().int(),
});
export type EventsPage = z.infer<typeof EventsPage>;

export const TraceResult = z.object({ correlationId: z.number().int(), events: z.array(RunEvent), truncated: z.boolean() });
export type TraceResult = z.infer<typeof TraceResult>;

/** Time series, columnar (uPlot-ready): every array has the length of timeMs. */
export const MetricSeries = z.object({
  nodeId: z.string().nullable(),
  timeMs: z.array(z.number()),
  throughputPerSec: z.array(z.number()),
  queueDepth: z.array(z.number()),
  consumerLag: z.array(z.number()),
  inFlight: z.array(z.number()),
  utilisation: z.array(z.number()),
  p50Ms: z.array(z.number()),
  p95Ms: z.array(z.number()),
  p99Ms: z.array(z.number()),
  errors: z.array(z.number()),
  retries: z.array(z.number()),
  deadLetters: z.array(z.number()),
  drops: z.array(z.number()),
  /** per point: node state ('healthy' for the whole system) */
  states: z.array(z.enum(['healthy', 'degraded', 'down', 'failing'] as const satisfies readonly NodeState[])),
  /** whole system only (nodeId null), else empty */
  orders: z.array(z.number()),
  revenue: z.array(z.number()),
  ordersLost: z.array(z.number()),
});
export type MetricSeries = z.infer<typeof MetricSeries>;

export const StateAt = z.object({
  /** the time asked for */
  timeMs: z.number(),
  /** the stored snapshot used (the last one at or before timeMs), null when none yet */
  snapshot: snapshotOf.nullable(),
  activeFaults: z.array(RunFault),
});
export type StateAt = z.infer<typeof StateAt>;

export const KpiDiffRow = z.object({
  metric: z.string(),
  label: z.string(),
  a: z.number(),
  b: z.number(),
  delta: z.number(),
  /** b / a (null when a is 0) */
  ratio: z.number().nullable(),
  /** the metric's declared direction (shared/report/compare.ts KPI_METRICS) */
  better: z.enum(['higher', 'lower', 'neutral']),
  /** what the change from A to B means by that direction: the colour Compare shows */
  verdict: z.enum(['better', 'worse', 'same', 'neutral']),
});
export type KpiDiffRow = z.infer<typeof KpiDiffRow>;

export const TopologyDiff = z.object({
  same: z.boolean(),
  nodesAdded: z.array(z.string()),
  nodesRemoved: z.array(z.string()),
  nodesChanged: z.array(z.string()),
  edgesAdded: z.array(z.string()),
  edgesRemoved: z.array(z.string()),
  edgesChanged: z.array(z.string()),
  /** every changed field of a changed node or edge, old → new (JSON values; positions ignored) */
  fields: z.array(z.object({ kind: z.enum(['node', 'edge']), id: z.string(), path: z.string(), old: z.unknown(), new: z.unknown() })).default([]),
});
export type TopologyDiff = z.infer<typeof TopologyDiff>;

export const CompareResult = z.object({ a: RunMeta, b: RunMeta, kpis: z.array(KpiDiffRow), topology: TopologyDiff });
export type CompareResult = z.infer<typeof CompareResult>;

export const ExportFormat = z.enum(['html', 'csv', 'json']);
export const ExportResult = z.object({ fileName: z.string(), mimeType: z.string(), text: z.string() });

export const RunListSort = z.enum(['date', 'orders', 'revenue', 'conversion', 'ordersLost', 'p99', 'throughput', 'errors']);

/** A live event sent for token animation (no payload). */
export const SampledEvent = z.object({
  seq: z.number().int(),
  id: z.number().int(),
  type: z.string(),
  timeMs: z.number(),
  key: z.string(),
  correlationId: z.number().int(),
  source: z.string(),
  target: z.string(),
  status: EventStatus,
});
export type SampledEvent = z.infer<typeof SampledEvent>;

export const RunSnapshotEvent = z.object({ runId: RunId, status: RunStatus, speed: RunSpeed, endMs: z.number(), snapshot: snapshotOf });
export type RunSnapshotEvent = z.infer<typeof RunSnapshotEvent>;
export const RunSampledEvents = z.object({ runId: RunId, events: z.array(SampledEvent) });
export const RunStatusEvent = z.object({
  runId: RunId,
  projectId: z.string().nullable(),
  status: RunStatus,
  simMs: z.number(),
  endMs: z.number(),
  error: z.string().nullable(),
});
export type RunStatusEvent = z.infer<typeof RunStatusEvent>;

const byRun = z.object({ runId: RunId });

/** The runs entries of apiContract (spread into contract.ts). */
export const runMethods = {
  start: z.object({
    projectId: ProjectId,
    scenario: Scenario,
    speed: RunSpeed.default('max'),
    /** the canvas's current (maybe unsaved) topology; default: the project's saved one */
    topology: Topology.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    /** start paused at t = 0 (then runs.step / runs.resume) */
    startPaused: z.boolean().default(false),
    /** pause when the simulated clock reaches these seconds (a scheduled fault's start, when asked) */
    pauseAtSec: z.array(sec).max(100).default([]),
  }),
  byRun,
  step: z.object({ runId: RunId, simMs: z.number().positive().max(86_400_000).optional() }),
  setSpeed: z.object({ runId: RunId, speed: RunSpeed }),
  /** pauseOnStart: the run pauses when the fault begins (now, or at its startSec) */
  injectFault: z.object({ runId: RunId, fault: LiveFault, pauseOnStart: z.boolean().default(false) }),
  endFault: z.object({ runId: RunId, faultId: z.number().int() }),
  list: z.object({
    projectId: ProjectId.optional(),
    sortBy: RunListSort.default('date'),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: z.number().int().min(1).max(10_000).default(500),
  }),
  rename: z.object({ runId: RunId, name: z.string().trim().min(1).max(200) }),
  annotate: z.object({ runId: RunId, text: z.string().trim().min(1).max(10_000), atMs: z.number().min(0).optional() }),
  trace: z.object({ runId: RunId, correlationId: z.number().int().min(0) }),
  metrics: z.object({ runId: RunId, nodeId: z.string().min(1).max(64).optional(), fromMs: z.number().min(0).optional(), toMs: z.number().min(0).optional() }),
  stateAt: z.object({ runId: RunId, timeMs: z.number().min(0) }),
  compare: z.object({ a: RunId, b: RunId }),
  /** theme: the HTML report's colours (the app passes its own theme; default light) */
  export: z.object({ runId: RunId, format: ExportFormat, theme: z.enum(['light', 'dark']).optional() }),
  settings: z.object({ projectId: ProjectId }),
  setSettings: z.object({ projectId: ProjectId, settings: RunSettings }),
};

export const RunControlResult = z.object({ runId: RunId, status: RunStatus, simMs: z.number() });
export type RunControlResult = z.infer<typeof RunControlResult>;
