import { profileMeanRate, profilePeakRate } from './arrival-profiles';
import type { ArrivalProfile } from './arrival-profiles';
import { distributionMeanMs } from './distributions';
import type { TopologyEdge } from './edges';
import { consumerGroupOf, deadLetterTargetOf, edgeTypeFilter, stronglyConnected, topologyGraph } from './graph';
import type { TopologyGraph } from './graph';
import type { NodeOfKind, TopologyNode } from './nodes';

/**
 * Quick utilisation estimate per node (ρ = arrival rate / service capacity), shown on the canvas
 * and used by lint. Rates flow from producers (profile mean, and separately every producer at
 * its peak) along the edges with the runtime's semantics: a topic gives every consumer group the
 * types it takes and splits a group's share between members by partition ownership, a queue
 * splits between competing consumers in proportion to their capacity, bus routes filter by event
 * type (attribute conditions are assumed to match: an upper bound), services emit their
 * reactions per handled message (success/failure by failure %), dead letters go to the target,
 * synchronous calls add requests to the callee. Capacity of a worker = parallel slots / mean
 * time a message holds a slot (processing + synchronous calls, × expected attempts, + backoff).
 * A feedback loop that multiplies events (gain ≥ 1) is flagged `runaway` with infinite rates.
 * Outages, slow-downs and queueing delays inside callees are ignored: this is an estimate.
 */
export interface NodeLoad {
  /** events/s arriving at the node (a producer: events/s it emits), profile means */
  arrivalPerSec: number;
  /** the same with every producer at its peak rate */
  peakArrivalPerSec: number;
  /** events/s the node can handle; for a queue/topic the drain rate of its consumers; Infinity when unbounded */
  capacityPerSec: number;
  /** arrivalPerSec / capacityPerSec; undefined when capacity is unbounded */
  utilisation: number | undefined;
  /** peakArrivalPerSec / capacityPerSec; undefined when capacity is unbounded */
  peakUtilisation: number | undefined;
  /** services and sinks: mean time one message holds a slot, ms */
  serviceTimeMs?: number;
  /** services and sinks: messages handled in parallel (instances × concurrency, bounded by owned partitions) */
  parallelism?: number;
  /** mean arrivals per event type (call requests under "(call)") */
  arrivalsByType: Record<string, number>;
  /** new messages/s the node creates (producers' events, services' reactions, map/window/join outputs), profile means */
  createdPerSec: number;
  /** on a feedback loop that multiplies events (every event causes ≥ 1 more around the loop): rates are Infinity */
  runaway?: boolean;
  /** services and sinks: how capacity was computed, term by term (capacity-advice.ts explains it) */
  breakdown?: WorkerBreakdown;
}

/** One topic feeding a service: the partitions it has and the member's place in its group. */
export interface LaneFeed { topicId: string; partitions: number; members: number; index: number; lanes: number }

/** The terms of a worker's capacity = min(slots, lanes) × 1000 / serviceTimeMs. */
export interface WorkerBreakdown {
  /** mean own processing time per attempt, ms */
  processingMs: number;
  /** mean time per attempt spent waiting on each synchronous callee (timeouts applied), ms */
  calls: { target: string; ms: number }[];
  /** expected attempts per message (retries included) */
  attempts: number;
  /** expected backoff waited per message, ms */
  backoffMs: number;
  poisonPct: number;
  /** instances (services; 1 for a sink) and concurrency: their product is the slots */
  instances: number;
  concurrency: number;
  /** partitions owned across the feeding topics, when topics are the only feeders (bounds the slots used) */
  lanes?: { owned: number; feeds: LaneFeed[] };
}

/** Raw capacity of one node on its own: instances × concurrency / mean processing time (no calls, retries or partitions). */
export function nodeCapacityPerSec(node: TopologyNode): number {
  switch (node.kind) {
    case 'service': {
      const meanMs = distributionMeanMs(node.settings.processing);
      return meanMs <= 0 ? Infinity : (node.settings.instances * node.settings.concurrency * 1000) / meanMs;
    }
    case 'sink': {
      const meanMs = distributionMeanMs(node.settings.latency);
      return meanMs <= 0 ? Infinity : (node.settings.concurrency * 1000) / meanMs;
    }
    default:
      return Infinity;
  }
}

/** Kept for callers that hold nodes and edges separately. */
export function estimateLoads(nodes: readonly TopologyNode[], edges: readonly TopologyEdge[]): Map<string, NodeLoad> {
  return estimateLoad({ nodes, edges });
}

type Rates = Map<string, number>;
const CALL = '(call)';

interface WorkerTiming {
  breakdown: WorkerBreakdown;
  serviceMs: number;
  /** probability a message ends failed after all attempts */
  finalFail: number;
  /** probability one attempt's own processing fails (before calls) */
  procFail: number;
  /** expected attempts per message */
  attempts: number;
  slots: number;
}

/**
 * `graph` may be passed when the caller already built it (lint does). `horizonSec`: the time over
 * which profile means are taken (a burst profile's mean depends on it); an hour by default.
 */
export function estimateLoad(
  topology: { nodes: readonly TopologyNode[]; edges: readonly TopologyEdge[] }, graph?: TopologyGraph, horizonSec = 3600,
): Map<string, NodeLoad> {
  const meanRate = (p: ArrivalProfile): number => profileMeanRate(p, horizonSec);
  const g = graph ?? topologyGraph(topology);
  const timing = workerTimings(g);
  const capacity = new Map<string, number>();
  for (const [id, w] of timing) capacity.set(id, w.serviceMs <= 0 ? Infinity : (w.slots * 1000) / w.serviceMs);
  const shares = edgeShares(g, capacity);
  const components = evaluationComponents(g);
  const runaway = new Set<string>();
  const mean = propagate(g, components, shares, timing, meanRate, runaway);
  const peak = propagate(g, components, shares, timing, profilePeakRate, runaway);

  const loads = new Map<string, NodeLoad>();
  for (const n of g.nodes) {
    const arrivals = mean.get(n.id) ?? new Map<string, number>();
    const loops = runaway.has(n.id);
    const arrivalPerSec = n.kind === 'producer' ? sum(producerRates(n, meanRate)) : loops ? Infinity : sum(arrivals);
    const peakArrivalPerSec = n.kind === 'producer' ? sum(producerRates(n, profilePeakRate)) : loops ? Infinity : sum(peak.get(n.id) ?? new Map());
    const cap = brokerOrWorkerCapacity(g, n, capacity, mean);
    const w = timing.get(n.id);
    const bounded = Number.isFinite(cap);
    const load: NodeLoad = {
      arrivalPerSec,
      peakArrivalPerSec,
      capacityPerSec: cap,
      utilisation: bounded ? ratio(arrivalPerSec, cap) : undefined,
      peakUtilisation: bounded ? ratio(peakArrivalPerSec, cap) : undefined,
      arrivalsByType: Object.fromEntries(arrivals),
      createdPerSec: loops ? Infinity : createdRate(n, arrivals, w, g, meanRate),
    };
    if (loops) load.runaway = true;
    if (w) {
      load.serviceTimeMs = w.serviceMs;
      load.parallelism = w.slots;
      load.breakdown = w.breakdown;
    }
    loads.set(n.id, load);
  }
  return loads;
}

/** Filters, throttles, debounces and brokers pass messages on; everything else makes new ones. */
function createdRate(n: TopologyNode, input: Rates, t: WorkerTiming | undefined, g: TopologyGraph, rateOf: (p: ArrivalProfile) => number): number {
  const creates = n.kind === 'producer' || n.kind === 'service'
    || (n.kind === 'operator' && (n.settings.op === 'window' || n.settings.op === 'join' || n.settings.op === 'map'));
  return creates ? sum(outputOf(n, input, t, g, rateOf)[0]) : 0;
}

function ratio(a: number, cap: number): number {
  if (cap > 0) return a / cap;
  return a > 0 ? Infinity : 0;
}

function sum(r: Rates): number {
  let s = 0;
  for (const v of r.values()) s += v;
  return s;
}

function add(r: Rates, type: string, v: number): void {
  if (v !== 0) r.set(type, (r.get(type) ?? 0) + v);
}

/** Events/s per type a producer emits: round-robin over `emits`, or the customer-session funnel. */
export function producerRates(n: NodeOfKind<'producer'>, rateOf: (p: ArrivalProfile) => number): Rates {
  const r = new Map<string, number>();
  const rate = rateOf(n.settings.profile);
  const s = n.settings;
  if (s.mode === 'sessions') {
    const buy = 1 - s.sessions.cartAbandonPct / 100;
    add(r, 'CartItemAdded', rate * s.sessions.meanItems);
    add(r, 'CartAbandoned', rate * (1 - buy));
    add(r, 'CheckoutStarted', rate * buy);
    add(r, 'OrderPlaced', rate * buy * (1 - s.sessions.checkoutAbandonPct / 100));
  } else if (s.profile.kind === 'replay') {
    const count = new Map<string, number>();
    for (const e of s.profile.events) count.set(e.type, (count.get(e.type) ?? 0) + 1);
    const total = s.profile.events.length;
    for (const [t, c] of count) add(r, t, (rate * c) / total);
  } else if (s.emits.length > 0) {
    for (const t of s.emits) add(r, t, rate / s.emits.length);
  }
  return r;
}

/** Mean slot-holding time of every service and sink, following synchronous calls (cycles cut). */
function workerTimings(g: TopologyGraph): Map<string, WorkerTiming> {
  const done = new Map<string, WorkerTiming>();
  const visiting = new Set<string>();
  const lanes = ownedLanes(g);
  const timingOf = (n: TopologyNode): WorkerTiming | undefined => {
    const known = done.get(n.id);
    if (known) return known;
    if (n.kind === 'sink') {
      const ms = distributionMeanMs(n.settings.latency);
      const breakdown: WorkerBreakdown = { processingMs: ms, calls: [], attempts: 1, backoffMs: 0, poisonPct: 0, instances: 1, concurrency: n.settings.concurrency };
      const t = { breakdown, serviceMs: ms, finalFail: n.settings.failurePct / 100, procFail: n.settings.failurePct / 100, attempts: 1, slots: n.settings.concurrency };
      done.set(n.id, t);
      return t;
    }
    if (n.kind !== 'service' || visiting.has(n.id)) return undefined;
    visiting.add(n.id);
    const s = n.settings;
    const proc = distributionMeanMs(s.processing);
    const f = s.failurePct / 100;
    let callMs = 0;
    let callOk = 1;
    const calls: { target: string; ms: number }[] = [];
    for (const e of g.outgoing.get(n.id) ?? []) {
      if (e.kind !== 'call') continue;
      const callee = g.byId.get(e.target);
      const ct = callee ? timingOf(callee) : undefined;
      if (!ct) continue; // a cycle: the lint reports it
      const ms = e.timeoutMs !== undefined ? Math.min(ct.serviceMs, e.timeoutMs) : ct.serviceMs;
      callMs += ms;
      calls.push({ target: e.target, ms: (1 - f) * ms });
      callOk *= 1 - ct.finalFail;
    }
    visiting.delete(n.id);
    const attemptMs = proc + (1 - f) * callMs;
    const q = 1 - (1 - f) * callOk;
    const nAttempts = s.retry.maxAttempts;
    const attempts = q < 1 ? (1 - q ** nAttempts) / (1 - q) : nAttempts;
    let backoff = 0;
    let poisonBackoff = 0;
    for (let k = 1; k < nAttempts; k++) {
      const delay = s.retry.backoffMs * s.retry.multiplier ** (k - 1);
      backoff += q ** k * delay;
      poisonBackoff += delay;
    }
    const pp = s.poisonPct / 100;
    const normal = attempts * attemptMs + backoff;
    const poison = nAttempts * proc + poisonBackoff;
    const slotsRaw = s.instances * s.concurrency;
    const bound = lanes.get(n.id);
    const breakdown: WorkerBreakdown = {
      processingMs: proc, calls, attempts: (1 - pp) * attempts + pp * nAttempts, backoffMs: (1 - pp) * backoff + pp * poisonBackoff, poisonPct: s.poisonPct,
      instances: s.instances, concurrency: s.concurrency, ...(bound !== undefined ? { lanes: bound } : {}),
    };
    const t: WorkerTiming = {
      breakdown,
      serviceMs: (1 - pp) * normal + pp * poison,
      finalFail: (1 - pp) * q ** nAttempts + pp,
      procFail: f,
      attempts: (1 - pp) * attempts + pp * nAttempts,
      slots: bound === undefined ? slotsRaw : Math.min(slotsRaw, bound.owned),
    };
    done.set(n.id, t);
    return t;
  };
  for (const n of g.nodes) timingOf(n);
  return done;
}

/**
 * Partitions a service owns across the topics it consumes, when topics are its only feeders:
 * a topic processes one message per partition per group at a time, so a member's parallelism
 * is bounded by the partitions it owns (member i of m owns partitions p with p mod m = i).
 */
function ownedLanes(g: TopologyGraph): Map<string, { owned: number; feeds: LaneFeed[] }> {
  const owned = new Map<string, { owned: number; feeds: LaneFeed[] }>();
  const unbounded = new Set<string>();
  for (const n of g.nodes) {
    if (n.kind !== 'topic') {
      for (const e of g.outgoing.get(n.id) ?? []) unbounded.add(e.target);
      continue;
    }
    for (const [, members] of topicGroups(g, n)) {
      members.forEach((m, i) => {
        const lanes = lanesOf(n.settings.partitions, members.length, i);
        const o = owned.get(m.target) ?? { owned: 0, feeds: [] };
        o.owned += lanes;
        o.feeds.push({ topicId: n.id, partitions: n.settings.partitions, members: members.length, index: i, lanes });
        owned.set(m.target, o);
      });
    }
  }
  for (const id of unbounded) owned.delete(id);
  return owned;
}

export function lanesOf(partitions: number, members: number, index: number): number {
  if (index >= partitions) return 0;
  return Math.floor((partitions - 1 - index) / members) + 1;
}

/** A topic's consumer groups: group name → its member edges, in edge order (as the runtime joins them). */
export function topicGroups(g: TopologyGraph, topic: TopologyNode): Map<string, TopologyEdge[]> {
  const groups = new Map<string, TopologyEdge[]>();
  for (const e of g.outgoing.get(topic.id) ?? []) {
    const target = g.byId.get(e.target);
    if (!target || e.kind !== 'subscribe') continue;
    const name = consumerGroupOf(target);
    const list = groups.get(name);
    if (list) list.push(e);
    else groups.set(name, [e]);
  }
  return groups;
}

/** Fraction of what the source offers (after type filtering) that each edge delivers. */
function edgeShares(g: TopologyGraph, capacity: ReadonlyMap<string, number>): Map<string, number> {
  const shares = new Map<string, number>();
  for (const n of g.nodes) {
    const out = (g.outgoing.get(n.id) ?? []).filter((e) => e.kind !== 'call');
    if (n.kind === 'queue') {
      const finite = out.map((e) => capacity.get(e.target) ?? Infinity).filter((c) => Number.isFinite(c));
      const fallback = finite.length > 0 ? finite.reduce((a, b) => a + b, 0) / finite.length : 1;
      const weights = out.map((e) => {
        const c = capacity.get(e.target) ?? Infinity;
        return Number.isFinite(c) ? c : fallback;
      });
      const total = weights.reduce((a, b) => a + b, 0);
      out.forEach((e, i) => shares.set(e.id, total > 0 ? (weights[i] as number) / total : 1 / out.length));
    } else if (n.kind === 'topic') {
      const p = n.settings.partitions;
      for (const [, members] of topicGroups(g, n)) {
        members.forEach((e, i) => shares.set(e.id, lanesOf(p, members.length, i) / p));
      }
    } else {
      for (const e of out) shares.set(e.id, 1);
    }
  }
  return shares;
}

/**
 * Components of the flow graph (events, calls, dead letters) in topological order: a DAG is
 * evaluated in one pass; only a cycle's own nodes are re-evaluated until their rates settle.
 */
function evaluationComponents(g: TopologyGraph): TopologyNode[][] {
  const next = new Map<string, string[]>();
  const link = (a: string, b: string): void => {
    const l = next.get(a);
    if (l) l.push(b);
    else next.set(a, [b]);
  };
  for (const e of g.edges) link(e.source, e.target);
  for (const n of g.nodes) {
    const d = deadLetterTargetOf(n);
    if (d && g.byId.has(d)) link(n.id, d);
  }
  return stronglyConnected(g.nodes.map((n) => n.id), (id) => next.get(id) ?? [])
    .map((ids) => ids.map((id) => g.byId.get(id) as TopologyNode));
}

interface Inflow { edge: TopologyEdge; source: TopologyNode; filter: ReadonlySet<string> | null; share: number }

/** Pull rates component by component; a loop with gain ≥ 1 stops after a bounded number of passes. */
function propagate(
  g: TopologyGraph, components: readonly TopologyNode[][], shares: ReadonlyMap<string, number>,
  timing: ReadonlyMap<string, WorkerTiming>, rateOf: (p: ArrivalProfile) => number,
  runaway: Set<string>,
): Map<string, Rates> {
  const inputs = new Map<string, Rates>();
  const outputs = new Map<string, Rates>();
  const deadLetters = new Map<string, Rates>();
  const inflows = new Map<string, Inflow[]>();
  for (const n of g.nodes) {
    inflows.set(n.id, (g.incoming.get(n.id) ?? []).map((e) => {
      const source = g.byId.get(e.source) as TopologyNode;
      return { edge: e, source, filter: edgeTypeFilter(e, source, n), share: shares.get(e.id) ?? 1 };
    }));
  }
  const evaluate = (n: TopologyNode): number => {
    const input = new Map<string, number>();
    for (const f of inflows.get(n.id) ?? []) {
      if (f.edge.kind === 'call') {
        const srcIn = inputs.get(f.source.id);
        const t = timing.get(f.source.id);
        if (srcIn && t) add(input, CALL, sum(srcIn) * t.attempts * (1 - t.procFail));
        continue;
      }
      const offered = outputs.get(f.source.id);
      if (!offered) continue;
      for (const [type, rate] of offered) if (f.filter === null || f.filter.has(type)) add(input, type, rate * f.share);
    }
    for (const d of g.deadLetterSources.get(n.id) ?? []) {
      for (const [type, rate] of deadLetters.get(d.id) ?? []) add(input, type, rate);
    }
    const change = difference(inputs.get(n.id), input);
    inputs.set(n.id, input);
    const [out, dead] = outputOf(n, input, timing.get(n.id), g, rateOf);
    outputs.set(n.id, out);
    deadLetters.set(n.id, dead);
    return change;
  };
  for (const comp of components) {
    const only = comp[0] as TopologyNode;
    const selfLoop = comp.length === 1 && (deadLetterTargetOf(only) === only.id || (g.outgoing.get(only.id) ?? []).some((e) => e.target === only.id));
    if (comp.length === 1 && !selfLoop) {
      evaluate(only);
      continue;
    }
    // a loop with gain < 1 settles geometrically; one whose increments stop shrinking never does
    let previous = Infinity;
    for (let pass = 0; pass < 60; pass++) {
      const before = new Map(comp.map((n) => [n.id, sum(inputs.get(n.id) ?? new Map())]));
      let change = 0;
      for (const n of comp) change = Math.max(change, evaluate(n));
      if (change < 1e-9) break;
      const increment = Math.max(...comp.map((n) => sum(inputs.get(n.id) ?? new Map()) - (before.get(n.id) ?? 0)));
      if (pass >= 3 && increment > 0 && increment >= 0.98 * previous) {
        for (const n of comp) runaway.add(n.id);
        break;
      }
      previous = increment;
    }
  }
  return inputs;
}

function difference(a: Rates | undefined, b: Rates): number {
  let d = 0;
  const keys = new Set([...(a?.keys() ?? []), ...b.keys()]);
  for (const k of keys) {
    const x = a?.get(k) ?? 0;
    const y = b.get(k) ?? 0;
    d = Math.max(d, Math.abs(x - y) / (1 + Math.abs(y)));
  }
  return d;
}

/** What a node emits, and what it dead-letters, for a given input. */
function outputOf(n: TopologyNode, input: Rates, t: WorkerTiming | undefined, g: TopologyGraph, rateOf: (p: ArrivalProfile) => number): [Rates, Rates] {
  const out = new Map<string, number>();
  const dead = new Map<string, number>();
  const total = sum(input);
  switch (n.kind) {
    case 'producer': return [producerRates(n, rateOf), dead];
    case 'topic': case 'queue': return [new Map(input), dead];
    case 'bus': {
      const routed = new Set<string>();
      let routesAll = false;
      for (const e of g.outgoing.get(n.id) ?? []) {
        if (e.eventTypes.length === 0) routesAll = true;
        for (const ty of e.eventTypes) routed.add(ty);
      }
      if (n.settings.unmatched === 'dead-letter' && !routesAll) {
        for (const [ty, v] of input) if (!routed.has(ty)) add(dead, ty, v);
      }
      return [new Map(input), dead];
    }
    case 'service': {
      const fail = t?.finalFail ?? 0;
      const handled = total; // event arrivals + call requests
      for (const ty of n.settings.emitsOnSuccess) add(out, ty, handled * (1 - fail));
      for (const ty of n.settings.emitsOnFailure) add(out, ty, handled * fail);
      if (n.settings.deadLetterTarget) for (const [ty, v] of input) if (ty !== CALL) add(dead, ty, v * fail);
      return [out, dead];
    }
    case 'operator': {
      const s = n.settings;
      const events = new Map([...input].filter(([ty]) => ty !== CALL));
      const evTotal = sum(events);
      switch (s.op) {
        case 'filter': {
          if (s.field === 'type' && (s.comparator === '==' || s.comparator === '!=')) {
            for (const [ty, v] of events) if ((ty === s.value) === (s.comparator === '==')) add(out, ty, v);
            return [out, dead];
          }
          return [events, dead]; // unknown selectivity: upper bound
        }
        case 'map':
          if (!s.emitAs) return [events, dead];
          add(out, s.emitAs, evTotal);
          return [out, dead];
        case 'throttle': return [scaled(events, Math.min(1, 1000 / s.intervalMs / Math.max(evTotal, 1e-12))), dead];
        case 'debounce': return [scaled(events, Math.min(1, 1000 / s.quietMs / Math.max(evTotal, 1e-12))), dead];
        case 'window': add(out, s.emits, evTotal / (s.threshold + 1)); return [out, dead];
        case 'join': add(out, s.emits, Math.min(events.get(s.left) ?? 0, events.get(s.right) ?? 0)); return [out, dead];
      }
      return [out, dead];
    }
    case 'sink': case 'group': return [out, dead];
  }
}

function scaled(r: Rates, f: number): Rates {
  return new Map([...r].map(([k, v]) => [k, v * f]));
}

/** Workers: their own capacity. Queues: the sum of consumers' capacity. Topics: the most loaded group's. */
function brokerOrWorkerCapacity(g: TopologyGraph, n: TopologyNode, capacity: ReadonlyMap<string, number>, mean: ReadonlyMap<string, Rates>): number {
  if (n.kind === 'service' || n.kind === 'sink') return capacity.get(n.id) ?? Infinity;
  if (n.kind === 'queue') {
    const consumers = (g.outgoing.get(n.id) ?? []).map((e) => capacity.get(e.target) ?? Infinity);
    if (consumers.length === 0) return Infinity;
    return consumers.reduce((a, b) => a + b, 0);
  }
  if (n.kind === 'topic') {
    let worst = Infinity;
    let worstRho = -1;
    for (const [, members] of topicGroups(g, n)) {
      const cap = members.reduce((a, e) => a + (capacity.get(e.target) ?? Infinity), 0);
      const arrival = members.reduce((a, e) => a + sum(mean.get(e.target) ?? new Map()), 0);
      const rho = Number.isFinite(cap) ? ratio(arrival, cap) : 0;
      if (rho > worstRho) {
        worstRho = rho;
        worst = cap;
      }
    }
    return worst;
  }
  return Infinity;
}
