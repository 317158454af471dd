import type { TopologyGraph } from './graph';
import type { LaneFeed, NodeLoad, WorkerBreakdown } from './capacity';
import { lanesOf } from './capacity';
import type { TopologyNode } from './nodes';

/**
 * Why a worker's capacity is what it is, and what raises it: the capacity estimate of
 * capacity.ts (min(slots, owned partitions) × 1000 / ms per message) turned into the sentence an
 * architect can act on. Every number here is recomputed from the same terms, so following the
 * remedy gives the capacity it promises (capacity-advice.test.ts re-estimates to check).
 */

/** What limits a worker: the one term whose change raises capacity first. */
export type BindingFactor = 'partitions' | 'slots' | 'callee' | 'retries' | 'processing';

export interface CapacityAdvice {
  binding: BindingFactor;
  capacityPerSec: number;
  /** how the capacity was computed, e.g. "12 lanes × 1000 / 240.5 ms per message = 49.9/s" */
  computation: string;
  /** what a message's time is made of, e.g. "40 ms processing + 200 ms waiting on "Payment gateway"" */
  timeParts: string;
  /** the binding factor in words */
  limit: string;
  /** the change that raises capacity to the target, with the capacity it reaches */
  remedy: string;
  /** capacity after the remedy, events/s */
  remedyCapacityPerSec: number;
}

/** Utilisation the remedy aims at: above it waiting times climb steeply (the lint's headroom). */
export const TARGET_UTILISATION = 0.8;
const MAX_PARTITIONS = 1024;
const MAX_INSTANCES = 1000;
const MAX_CONCURRENCY = 10_000;

export const fmtRate = (x: number): string => (!Number.isFinite(x) ? '∞' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fmtMs = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** Capacity with `slots` usable in parallel at the load's time per message. */
function capacityWith(load: NodeLoad, slots: number): number {
  const ms = load.serviceTimeMs ?? 0;
  return ms <= 0 ? Infinity : (slots * 1000) / ms;
}

/** Lanes a member gets when each feeding topic has `partitions(feed)` partitions. */
function lanesWith(feeds: readonly LaneFeed[], partitions: (f: LaneFeed) => number): number {
  return feeds.reduce((s, f) => s + lanesOf(partitions(f), f.members, f.index), 0);
}

function describeTime(b: WorkerBreakdown, serviceMs: number, name: (id: string) => string): string {
  const parts = [`${fmtMs(b.processingMs)} ms processing`];
  for (const c of b.calls) if (c.ms > 0) parts.push(`${fmtMs(c.ms)} ms waiting on "${name(c.target)}" (synchronous call)`);
  let text = parts.join(' + ');
  if (b.attempts > 1.005) text = `(${text}) × ${b.attempts.toFixed(2)} attempts`;
  if (b.backoffMs > 0.05) text += ` + ${fmtMs(b.backoffMs)} ms retry backoff`;
  return `${fmtMs(serviceMs)} ms per message ≈ ${text}`;
}

/** The biggest contributor to a message's time, when it is not the node's own processing. */
function timeBinding(b: WorkerBreakdown, serviceMs: number): 'callee' | 'retries' | 'processing' {
  const callMs = b.calls.reduce((s, c) => s + c.ms, 0) * b.attempts;
  const retryMs = (b.attempts - 1) * (b.processingMs + callMs / Math.max(b.attempts, 1)) + b.backoffMs;
  if (callMs >= 0.5 * serviceMs) return 'callee';
  if (retryMs >= 0.25 * serviceMs) return 'retries';
  return 'processing';
}

/**
 * The advice for one service or sink; undefined for other kinds, unbounded capacity or a
 * runaway loop. `targetPerSec` is the arrival rate the remedy must carry at TARGET_UTILISATION
 * (default: the higher of the mean and peak arrival).
 */
export function capacityAdvice(node: TopologyNode, load: NodeLoad | undefined, graph: TopologyGraph, targetPerSec?: number): CapacityAdvice | undefined {
  if (!load || load.runaway || !load.breakdown || (node.kind !== 'service' && node.kind !== 'sink')) return undefined;
  const cap = load.capacityPerSec;
  const ms = load.serviceTimeMs ?? 0;
  if (!Number.isFinite(cap) || ms <= 0) return undefined;
  const b = load.breakdown;
  const name = (id: string): string => graph.byId.get(id)?.name ?? id;
  const slotsRaw = b.instances * b.concurrency;
  const lanes = b.lanes;
  const used = lanes === undefined ? slotsRaw : Math.min(slotsRaw, lanes.owned);
  const want = Math.max(targetPerSec ?? Math.max(load.arrivalPerSec, load.peakArrivalPerSec), 1e-9) / TARGET_UTILISATION;
  const neededSlots = Math.max(1, Math.ceil((want * ms) / 1000 - 1e-9));
  const slotWords = node.kind === 'sink' ? `concurrency ${b.concurrency}` : `${b.instances} instance${b.instances === 1 ? '' : 's'} × ${b.concurrency} concurrency = ${slotsRaw} slot${slotsRaw === 1 ? '' : 's'}`;
  const unit = lanes !== undefined && lanes.owned < slotsRaw ? 'lane' : 'parallel slot';
  const computation = `${used} ${unit}${used === 1 ? '' : 's'} × 1000 / ${fmtMs(ms)} ms per message = ${fmtRate(cap)}/s`;
  const timeParts = describeTime(b, ms, name);
  const partitionBound = lanes !== undefined && lanes.owned < slotsRaw;

  let binding: BindingFactor;
  let limit: string;
  if (partitionBound) {
    binding = 'partitions';
    const topics = lanes.feeds.map((f) => `"${name(f.topicId)}" has ${f.partitions} partition${f.partitions === 1 ? '' : 's'}${f.members > 1 ? ` shared by ${f.members} members of its group (this one owns ${f.lanes})` : ''}`);
    limit = `${topics.join('; ')}: "${node.name}" can use at most ${lanes.owned} lane${lanes.owned === 1 ? '' : 's'} (one message in flight per partition) of its ${slotWords}`;
  } else {
    const t = timeBinding(b, ms);
    binding = t === 'processing' ? 'slots' : t;
    limit = node.kind === 'sink'
      ? `the external system takes ${fmtMs(ms)} ms per request with ${b.concurrency} in parallel`
      : `${slotWords}, each held ${fmtMs(ms)} ms per message`;
    if (t === 'callee') {
      const slowest = [...b.calls].sort((x, y) => y.ms - x.ms)[0];
      if (slowest) limit += `, most of it waiting on "${name(slowest.target)}" (synchronous call)`;
    } else if (t === 'retries') limit += `, much of it on retries (${b.attempts.toFixed(2)} attempts per message)`;
  }

  const remedyParts: string[] = [];
  let slotsAfter = Math.max(used, neededSlots);
  if (lanes !== undefined && neededSlots > lanes.owned) {
    const parts = partitionsFor(lanes.feeds, neededSlots);
    lanes.feeds.forEach((f, i) => {
      if (parts[i]! > f.partitions) remedyParts.push(`raise "${name(f.topicId)}" to ${parts[i]} partitions`);
    });
    slotsAfter = Math.min(lanesWith(lanes.feeds, (f) => parts[lanes.feeds.indexOf(f)]!), Math.max(slotsRaw, neededSlots));
  }
  if (neededSlots > slotsRaw) {
    if (node.kind === 'sink') {
      const c = Math.min(MAX_CONCURRENCY, neededSlots);
      remedyParts.push(`raise its concurrency to ${c}`);
      slotsAfter = Math.min(slotsAfter, c);
    } else {
      const inst = Math.min(MAX_INSTANCES, Math.ceil(neededSlots / b.concurrency));
      const conc = inst * b.concurrency >= neededSlots ? b.concurrency : Math.min(MAX_CONCURRENCY, Math.ceil(neededSlots / inst));
      const instWords = `${inst} instance${inst === 1 ? '' : 's'}`;
      remedyParts.push(conc === b.concurrency ? `run ${instWords} (× ${b.concurrency} concurrency)` : `run ${instWords} × ${conc} concurrency`);
      slotsAfter = Math.min(slotsAfter, inst * conc);
    }
  }
  const remedyCap = capacityWith(load, slotsAfter);
  let remedy: string;
  if (remedyParts.length === 0) remedy = `none needed: ${fmtRate(cap)}/s already carries ${fmtRate(want * TARGET_UTILISATION)}/s below ρ ${TARGET_UTILISATION}`;
  else {
    remedy = `${remedyParts.join(' and ')} → ${fmtRate(remedyCap)}/s (ρ ${(want * TARGET_UTILISATION / remedyCap).toFixed(2)})`;
    if (binding === 'callee') remedy += ', or make the synchronous call faster or asynchronous';
    if (binding === 'retries') remedy += ', or cut the failure rate or the retries';
  }
  return { binding, capacityPerSec: cap, computation, timeParts, limit, remedy, remedyCapacityPerSec: remedyCap };
}

/** Partitions per feeding topic so that the member's lanes reach `needed`: one topic exactly, several scaled alike. */
function partitionsFor(feeds: readonly LaneFeed[], needed: number): number[] {
  if (feeds.length === 1) {
    const f = feeds[0]!;
    let p = f.partitions;
    while (lanesOf(p, f.members, f.index) < needed && p < MAX_PARTITIONS) p++;
    return [p];
  }
  let k = 1;
  const scaled = (): number[] => feeds.map((f) => Math.min(MAX_PARTITIONS, Math.ceil(f.partitions * k)));
  while (lanesWith(feeds, (f) => scaled()[feeds.indexOf(f)]!) < needed && k < MAX_PARTITIONS) k *= 1.05;
  return scaled();
}

/** One paragraph for tooltips and lint messages. */
export function adviceText(a: CapacityAdvice): string {
  return `Capacity ${a.computation} (${a.timeParts}). Limit: ${a.limit}. To raise it: ${a.remedy}.`;
}
