/**
 * Comparing two runs: the KPI diff table, the topology diff, and `--fail-if` thresholds
 * ("p99 > 1.2x") that let a CI pipeline gate on a regression. Pure.
 *
 * Threshold grammar (docs/runs.md):   <metric> <op> <value>
 *   metric: one of KPI_METRICS names (p99, p95, checkoutP99, throughput, errors, orders, ordersLost,
 *           conversion, revenue, unfulfilled, revenueAtRisk, fulfilmentP50, fulfilmentP99, ordersDelayed)
 *   op:     >  <  >=  <=
 *   value:  <number>x  relative to run A (the baseline): "p99 > 1.2x" fails when B's p99 > 1.2 × A's
 *           <number>%  relative change: "throughput < -10%" fails when B is more than 10% below A
 *           <number>   absolute value of run B: "ordersLost > 0", "errors >= 100"
 */
import type { KpiDiffRow, RunKpis, TopologyDiff } from '../api/runs';
import type { Topology } from '../model/topology';

/**
 * Which way a metric should move: declared once here, used by Compare's colours, the CLI's
 * verdict column and anything else that says "better" or "worse".
 */
export type MetricDirection = 'higher' | 'lower' | 'neutral';
export type DeltaVerdict = 'better' | 'worse' | 'same' | 'neutral';

interface KpiMetric {
  label: string;
  better: MetricDirection;
  get: (k: RunKpis) => number;
}

export const KPI_METRICS: Readonly<Record<string, KpiMetric>> = {
  orders: { label: 'Orders', better: 'higher', get: (k) => k.orders },
  revenue: { label: 'Revenue', better: 'higher', get: (k) => k.revenue },
  conversion: { label: 'Conversion rate', better: 'higher', get: (k) => k.conversionRate },
  ordersLost: { label: 'Orders lost', better: 'lower', get: (k) => k.ordersLost },
  unfulfilled: { label: 'Unfulfilled orders', better: 'lower', get: (k) => k.ordersUnfulfilled },
  revenueAtRisk: { label: 'Revenue at risk', better: 'lower', get: (k) => k.revenueAtRisk },
  fulfilmentP50: { label: 'p50 order-to-fulfilment (ms)', better: 'lower', get: (k) => k.fulfilmentP50Ms },
  fulfilmentP99: { label: 'p99 order-to-fulfilment (ms)', better: 'lower', get: (k) => k.fulfilmentP99Ms },
  ordersDelayed: { label: 'Orders delayed beyond SLA', better: 'lower', get: (k) => k.ordersDelayed },
  p99: { label: 'p99 latency (ms)', better: 'lower', get: (k) => k.p99Ms },
  p95: { label: 'p95 latency (ms)', better: 'lower', get: (k) => k.p95Ms },
  checkoutP99: { label: 'p99 checkout latency (ms)', better: 'lower', get: (k) => k.checkoutLatencyP99Ms },
  // retries and redeliveries raise deliveries/s too: more is not better by itself
  throughput: { label: 'Throughput (deliveries/s)', better: 'neutral', get: (k) => k.throughputPerSec },
  errors: { label: 'Errors', better: 'lower', get: (k) => k.errors },
};

/** What a change of `delta` (B − A) means for a metric of this direction. */
export function deltaVerdict(better: MetricDirection, delta: number): DeltaVerdict {
  if (delta === 0 || !Number.isFinite(delta)) return 'same';
  if (better === 'neutral') return 'neutral';
  return (delta > 0) === (better === 'higher') ? 'better' : 'worse';
}

export function kpiDiff(a: RunKpis, b: RunKpis): KpiDiffRow[] {
  return Object.entries(KPI_METRICS).map(([metric, m]) => {
    const va = m.get(a);
    const vb = m.get(b);
    const delta = round(vb - va);
    return { metric, label: m.label, a: va, b: vb, delta, ratio: va === 0 ? null : round(vb / va), better: m.better, verdict: deltaVerdict(m.better, delta) };
  });
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

/** What differs between two topologies, by node and edge id (positions ignored). */
export function topologyDiff(a: Topology, b: Topology): TopologyDiff {
  const strip = (n: Topology['nodes'][number]): string => JSON.stringify({ ...n, position: undefined });
  const side = <T extends { id: string }>(xs: readonly T[], ys: readonly T[], key: (x: T) => string) => {
    const ma = new Map(xs.map((x) => [x.id, key(x)]));
    const mb = new Map(ys.map((y) => [y.id, key(y)]));
    return {
      added: [...mb.keys()].filter((id) => !ma.has(id)),
      removed: [...ma.keys()].filter((id) => !mb.has(id)),
      changed: [...ma.keys()].filter((id) => mb.has(id) && mb.get(id) !== ma.get(id)),
    };
  };
  const n = side(a.nodes, b.nodes, strip);
  const e = side(a.edges, b.edges, (x) => JSON.stringify(x));
  const fields: TopologyDiff['fields'] = [];
  const byId = <T extends { id: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.id, x]));
  const [na, nb, ea, eb] = [byId(a.nodes), byId(b.nodes), byId(a.edges), byId(b.edges)];
  for (const id of n.changed) {
    for (const c of fieldChanges({ ...na.get(id), position: undefined }, { ...nb.get(id), position: undefined })) fields.push({ kind: 'node', id, ...c });
  }
  for (const id of e.changed) for (const c of fieldChanges(ea.get(id), eb.get(id))) fields.push({ kind: 'edge', id, ...c });
  return {
    same: n.added.length + n.removed.length + n.changed.length + e.added.length + e.removed.length + e.changed.length === 0,
    nodesAdded: n.added, nodesRemoved: n.removed, nodesChanged: n.changed, edgesAdded: e.added, edgesRemoved: e.removed, edgesChanged: e.changed, fields,
  };
}

/**
 * The leaves that differ between two JSON values, as dotted paths ("settings.instances",
 * "settings.processing.meanMs"); arrays of plain values compare whole ("settings.consumes"),
 * arrays of objects by index ("settings.outages.0.endSec").
 */
export function fieldChanges(a: unknown, b: unknown, path = ''): { path: string; old: unknown; new: unknown }[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const objects = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.length > 0 && v.every(isObj);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== undefined || b[k] !== undefined);
    return keys.flatMap((k) => fieldChanges(a[k], b[k], path ? `${path}.${k}` : k));
  }
  if (objects(a) && objects(b) && a.length === b.length) return a.flatMap((x, i) => fieldChanges(x, b[i], `${path}.${i}`));
  return [{ path, old: a ?? null, new: b ?? null }];
}

/** "payment settings.instances 2 → 6" */
export function fieldChangeText(f: TopologyDiff['fields'][number]): string {
  const v = (x: unknown): string => (x === null || x === undefined ? '∅' : typeof x === 'string' ? `"${x}"` : JSON.stringify(x));
  return `${f.id} ${f.path} ${v(f.old)} → ${v(f.new)}`;
}

export type ThresholdOp = '>' | '<' | '>=' | '<=';
export interface Threshold {
  text: string;
  metric: string;
  op: ThresholdOp;
  value: number;
  unit: 'x' | '%' | 'abs';
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseThreshold(text: string): ParseResult<Threshold> {
  const m = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(>=|<=|>|<)\s*([+-]?\d+(?:\.\d+)?)\s*(x|%)?\s*$/.exec(text);
  if (m === null) return { ok: false, error: `"${text}": expected <metric> <op> <value>, e.g. "p99 > 1.2x", "ordersLost > 0", "throughput < -10%"` };
  const metric = m[1]!;
  if (!(metric in KPI_METRICS)) return { ok: false, error: `"${text}": unknown metric "${metric}" (one of ${Object.keys(KPI_METRICS).join(', ')})` };
  const unit = m[4] === 'x' ? 'x' : m[4] === '%' ? '%' : 'abs';
  return { ok: true, value: { text: text.trim(), metric, op: m[2] as ThresholdOp, value: Number(m[3]), unit } };
}

export interface ThresholdVerdict {
  threshold: Threshold;
  breached: boolean;
  /** the compared quantity: B/A for x, percent change for %, B for absolute */
  actual: number | null;
  message: string;
}

export function evaluateThreshold(t: Threshold, a: RunKpis, b: RunKpis): ThresholdVerdict {
  const m = KPI_METRICS[t.metric]!;
  const va = m.get(a);
  const vb = m.get(b);
  let actual: number | null;
  if (t.unit === 'abs') actual = vb;
  else if (va === 0) actual = vb === 0 ? (t.unit === 'x' ? 1 : 0) : null;
  else actual = t.unit === 'x' ? vb / va : ((vb - va) / Math.abs(va)) * 100;
  if (actual === null) {
    return { threshold: t, breached: false, actual, message: `${t.text}: not comparable (${t.metric} of run A is 0, run B ${vb})` };
  }
  const breached = t.op === '>' ? actual > t.value : t.op === '<' ? actual < t.value : t.op === '>=' ? actual >= t.value : actual <= t.value;
  const shown = t.unit === 'x' ? `${round(actual)}x` : t.unit === '%' ? `${round(actual)}%` : String(round(actual));
  return { threshold: t, breached, actual, message: `${t.text}: ${breached ? 'BREACHED' : 'ok'} (${t.metric} A=${round(va)} B=${round(vb)} → ${shown})` };
}
