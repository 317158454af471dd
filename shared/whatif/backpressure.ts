/**
 * Time to backpressure, per broker: when its backlog first crosses a threshold and its capacity,
 * how fast it grows, its peak, and when it is back under the threshold after the overload —
 * predicted by a fluid model over the model's capacity estimate (estimateLoad: arrivals and drain
 * rate per phase of constant load), and measured from a run's snapshots, side by side.
 *
 * Phases start and end where a producer's rate changes (burst and step profiles, burst faults)
 * and where a consumer goes down (down faults, outages: its drain rate is 0 meanwhile). Within
 * a phase the backlog changes at (arrivals − drain) per second and never goes below 0, which is
 * what a queue does when the queueing noise is small against the overload.
 */
import { estimateLoad } from '../model/capacity';
import type { TopologyNode } from '../model/nodes';
import type { Topology } from '../model/topology';
import type { MetricsSnapshot, Scenario } from '../runtime/api';

export interface BacklogFigures {
  /** first time the backlog is ≥ the threshold, ms (null: never) */
  crossesAtMs: number | null;
  /** first time it is ≥ the broker's capacity setting (null: never) */
  fullAtMs: number | null;
  /** growth while overloaded, messages/s (predicted: of the first overloaded phase; measured: least squares up to the peak) */
  growthPerSec: number;
  peak: number;
  peakAtMs: number;
  /** first time after the peak it is under the threshold again (null: never within the run) */
  belowAtMs: number | null;
}

export interface BrokerBackpressure {
  brokerId: string;
  threshold: number;
  capacity: number;
  predicted: BacklogFigures;
  measured?: BacklogFigures;
}

interface Phase { startMs: number; endMs: number; rate: Map<string, number>; down: Set<string> }

function rateAt(n: Extract<TopologyNode, { kind: 'producer' }>, tSec: number): number {
  const p = n.settings.profile;
  switch (p.kind) {
    case 'constant':
    case 'poisson': return p.ratePerSec;
    case 'burst': return tSec >= p.burstStartSec && tSec < p.burstStartSec + p.burstDurationSec ? p.burstRatePerSec : p.baseRatePerSec;
    case 'step': {
      let r = 0;
      for (const s of p.steps) if (s.atSec <= tSec) r = s.ratePerSec;
      return r;
    }
    case 'diurnal': return p.meanRatePerSec * (1 + p.amplitude * Math.cos((2 * Math.PI * (tSec - p.peakAtSec)) / p.periodSec));
    case 'replay': return p.events.filter((e) => e.atMs <= tSec * 1000).length > 0 ? p.events.length / Math.max(1, (p.events[p.events.length - 1]?.atMs ?? 0) / 1000) : 0;
  }
}

function phases(t: Topology, scenario: Scenario): Phase[] {
  const endMs = scenario.durationSec * 1000;
  const cuts = new Set<number>([0, endMs]);
  for (const n of t.nodes) {
    if (n.kind === 'producer') {
      const p = n.settings.profile;
      if (p.kind === 'burst') cuts.add(p.burstStartSec * 1000).add((p.burstStartSec + p.burstDurationSec) * 1000);
      if (p.kind === 'step') for (const s of p.steps) cuts.add(s.atSec * 1000);
      // a diurnal curve is followed in 24 steps per period
      if (p.kind === 'diurnal') for (let x = 0; x < endMs; x += (p.periodSec * 1000) / 24) cuts.add(x);
    }
    if ((n.kind === 'service' || n.kind === 'sink')) for (const w of n.settings.outages) cuts.add(w.startSec * 1000).add(w.endSec * 1000);
  }
  for (const f of scenario.faults) if (f.kind === 'burst' || f.kind === 'down') cuts.add(f.startSec * 1000).add(f.endSec * 1000);
  const times = [...cuts].filter((x) => x >= 0 && x <= endMs).sort((a, b) => a - b);
  const out: Phase[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const startMs = times[i]!;
    const endPhase = times[i + 1]!;
    const mid = (startMs + endPhase) / 2000;
    const rate = new Map<string, number>();
    const down = new Set<string>();
    for (const n of t.nodes) {
      if (n.kind === 'producer') {
        let r = rateAt(n, mid);
        for (const f of scenario.faults) if (f.kind === 'burst' && f.nodeId === n.id && f.startSec <= mid && mid < f.endSec) r *= f.factor;
        rate.set(n.id, r);
      }
      if ((n.kind === 'service' || n.kind === 'sink') && n.settings.outages.some((w) => w.startSec <= mid && mid < w.endSec)) down.add(n.id);
    }
    for (const f of scenario.faults) if (f.kind === 'down' && f.startSec <= mid && mid < f.endSec) down.add(f.nodeId);
    out.push({ startMs, endMs: endPhase, rate, down });
  }
  return out;
}

/** Backlog growth per broker in one phase: arrivals − drain (drain 0 while a consumer of it is down). */
function phaseGrowth(t: Topology, ph: Phase): Map<string, number> {
  const nodes = t.nodes.map((n): TopologyNode => (n.kind === 'producer'
    ? { ...n, settings: { ...n.settings, profile: { kind: 'poisson', ratePerSec: ph.rate.get(n.id) ?? 0 } } }
    : n));
  const loads = estimateLoad({ nodes, edges: t.edges });
  const out = new Map<string, number>();
  for (const n of t.nodes) {
    if (n.kind !== 'topic' && n.kind !== 'queue') continue;
    const l = loads.get(n.id);
    if (l === undefined) continue;
    const consumers = t.edges.filter((e) => e.source === n.id && e.kind === 'subscribe').map((e) => e.target);
    let drain = l.capacityPerSec;
    if (n.kind === 'queue') {
      // competing consumers: the ones up keep draining
      drain = consumers.filter((c) => !ph.down.has(c)).reduce((a, c) => a + (loads.get(c)?.capacityPerSec ?? 0), 0);
      if (consumers.length === 0) drain = 0;
    } else if (consumers.some((c) => ph.down.has(c))) drain = 0; // a topic's depth waits for its slowest group
    else if (consumers.length === 0) drain = Infinity; // nobody reads it: nothing is held for a group
    out.set(n.id, Number.isFinite(drain) ? l.arrivalPerSec - drain : -Infinity);
  }
  return out;
}

/** The fluid model's backlog figures per topic and queue. */
export function predictBackpressure(t: Topology, scenario: Scenario, threshold: number): BrokerBackpressure[] {
  const ps = phases(t, scenario);
  const growth = ps.map((p) => phaseGrowth(t, p));
  const out: BrokerBackpressure[] = [];
  for (const n of t.nodes) {
    if (n.kind !== 'topic' && n.kind !== 'queue') continue;
    const capacity = n.settings.capacity;
    let b = 0;
    let peak = 0;
    let peakAtMs = 0;
    let crossesAtMs: number | null = null;
    let fullAtMs: number | null = null;
    let belowAtMs: number | null = null;
    let firstGrowth = 0;
    ps.forEach((p, i) => {
      const g = growth[i]!.get(n.id) ?? -Infinity;
      if (g > 0 && firstGrowth === 0) firstGrowth = g;
      const dur = (p.endMs - p.startMs) / 1000;
      const start = b;
      const end = g === -Infinity ? 0 : Math.max(0, b + g * dur);
      if (g > 0) {
        if (crossesAtMs === null && end >= threshold) crossesAtMs = p.startMs + (Math.max(0, threshold - start) / g) * 1000;
        if (fullAtMs === null && end >= capacity) fullAtMs = p.startMs + (Math.max(0, capacity - start) / g) * 1000;
      } else if (g < 0 && start >= threshold && end < threshold && belowAtMs === null) {
        belowAtMs = g === -Infinity ? p.startMs : p.startMs + ((start - threshold) / -g) * 1000;
      }
      if (end > peak) {
        peak = end;
        peakAtMs = p.endMs;
        belowAtMs = null;
      }
      b = end;
    });
    out.push({ brokerId: n.id, threshold, capacity, predicted: { crossesAtMs, fullAtMs, growthPerSec: firstGrowth, peak, peakAtMs, belowAtMs } });
  }
  return out;
}

/** One broker's backlog over a run: (time ms, depth) from the snapshots. */
export type BacklogSeries = { timeMs: number; depth: number }[];

export function backlogSeries(snapshots: readonly MetricsSnapshot[], brokerId: string): BacklogSeries {
  const out: BacklogSeries = [];
  for (const s of snapshots) {
    const n = s.nodes.find((x) => x.id === brokerId);
    if (n !== undefined) out.push({ timeMs: s.timeMs, depth: n.queueDepth });
  }
  return out;
}

/** Measured figures, read the same way as the prediction; growth is the least-squares slope from `fromMs` to the peak. */
export function measureBackpressure(series: BacklogSeries, threshold: number, capacity: number, fromMs = 0): BacklogFigures {
  let peak = 0;
  let peakAtMs = 0;
  let crossesAtMs: number | null = null;
  let fullAtMs: number | null = null;
  for (const p of series) {
    if (crossesAtMs === null && p.depth >= threshold) crossesAtMs = p.timeMs;
    if (fullAtMs === null && p.depth >= capacity) fullAtMs = p.timeMs;
    if (p.depth > peak) {
      peak = p.depth;
      peakAtMs = p.timeMs;
    }
  }
  let belowAtMs: number | null = null;
  if (crossesAtMs !== null) for (const p of series) if (p.timeMs > peakAtMs && p.depth < threshold) { belowAtMs = p.timeMs; break; }
  const pts = series.filter((p) => p.timeMs >= fromMs && p.timeMs <= peakAtMs);
  return { crossesAtMs, fullAtMs, growthPerSec: slopePerSec(pts), peak, peakAtMs, belowAtMs };
}

function slopePerSec(pts: BacklogSeries): number {
  if (pts.length < 2) return 0;
  const n = pts.length;
  const mx = pts.reduce((a, p) => a + p.timeMs, 0) / n;
  const my = pts.reduce((a, p) => a + p.depth, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of pts) {
    sxy += (p.timeMs - mx) * (p.depth - my);
    sxx += (p.timeMs - mx) ** 2;
  }
  return sxx === 0 ? 0 : (sxy / sxx) * 1000;
}

/** When the first overloaded phase starts for a broker (where the measured slope is read from). */
export function overloadStartMs(t: Topology, scenario: Scenario, brokerId: string): number {
  const ps = phases(t, scenario);
  for (const p of ps) if ((phaseGrowth(t, p).get(brokerId) ?? 0) > 0) return p.startMs;
  return 0;
}

/** How long the backlog takes from its peak to be under the threshold again (null: it never crossed, or never came back). */
export function drainMs(f: BacklogFigures): number | null {
  return f.crossesAtMs === null || f.belowAtMs === null ? null : f.belowAtMs - f.peakAtMs;
}

/**
 * Predicted and (with a run's backlog series) measured figures per topic and queue, read the
 * same way as a sweep's cells: the What-if panel's Backpressure view of a run or of the topology.
 */
export function compareBackpressure(t: Topology, scenario: Scenario, threshold: number, seriesOf?: (brokerId: string) => BacklogSeries | undefined): BrokerBackpressure[] {
  return predictBackpressure(t, scenario, threshold).map((p) => {
    const series = seriesOf?.(p.brokerId);
    return series === undefined ? p : { ...p, measured: measureBackpressure(series, threshold, p.capacity, overloadStartMs(t, scenario, p.brokerId)) };
  });
}
