/**
 * What a sweep reads from each run: a flat record of named numbers, so a table, a chart, a goal
 * seek or a --fail-if can name any of them the same way. Latencies are in ms.
 *
 *   KPIs:      orders, ordersLost, conversionRate, revenue, checkoutP99 (alias checkout.p99),
 *              fulfilmentP50 / fulfilmentP99 (aliases fulfilment.p50 / .p99), ordersDelayed, …
 *   totals:    messages, drops, deadLetters, errors
 *   per node:  <id>.p50 .p95 .p99 .mean .max (time in node), <id>.utilisation, <id>.throughput,
 *              <id>.errors .retries .drops .deadLetters; brokers <id>.maxBacklog (peak depth),
 *              <id>.backlog (depth at the end); consumers <id>.lag
 *   flows:     e2e.<flow slug>.p50 .p95 .p99 .mean, e.g. e2e.order-payment-authorized.p99
 */
import type { LatencyStats, RunSummary } from '../runtime/api';

export type CellMetrics = Record<string, number>;

const KPI_ALIASES: Readonly<Record<string, string>> = {
  'checkout.p99': 'checkoutP99',
  'fulfilment.p50': 'fulfilmentP50',
  'fulfilment.p99': 'fulfilmentP99',
};

export function flowSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function latency(out: CellMetrics, prefix: string, l: LatencyStats): void {
  out[`${prefix}.p50`] = l.p50Ms;
  out[`${prefix}.p95`] = l.p95Ms;
  out[`${prefix}.p99`] = l.p99Ms;
  out[`${prefix}.mean`] = l.meanMs;
  out[`${prefix}.max`] = l.maxMs;
}

export function extractMetrics(s: RunSummary): CellMetrics {
  const k = s.kpis;
  const out: CellMetrics = {
    orders: k.orders, ordersLost: k.ordersLost, conversionRate: k.conversionRate, revenue: k.revenue,
    sessions: k.sessions, checkouts: k.checkouts, cartsAbandoned: k.cartsAbandoned, recoveredCarts: k.recoveredCarts,
    checkoutP99: k.checkoutLatencyP99Ms, ordersFulfilled: k.ordersFulfilled, ordersUnfulfilled: k.ordersUnfulfilled,
    revenueAtRisk: k.revenueAtRisk, ordersFailed: k.ordersFailed, fulfilmentP50: k.fulfilmentP50Ms, fulfilmentP99: k.fulfilmentP99Ms,
    ordersDelayed: k.ordersDelayed, messages: s.messages, drops: 0, deadLetters: 0, errors: 0,
  };
  const nodeIds = new Set(s.nodes.map((n) => n.id));
  for (const n of s.nodes) {
    out.drops! += n.drops;
    out.deadLetters! += n.deadLetters;
    out.errors! += n.errors;
    if (n.kind === 'group') continue;
    latency(out, n.id, n.latency);
    out[`${n.id}.utilisation`] = n.utilisation;
    out[`${n.id}.throughput`] = n.throughputPerSec;
    out[`${n.id}.errors`] = n.errors;
    out[`${n.id}.retries`] = n.retries;
    out[`${n.id}.drops`] = n.drops;
    out[`${n.id}.deadLetters`] = n.deadLetters;
    out[`${n.id}.meanInSystem`] = n.meanInSystem;
    if (n.kind === 'topic' || n.kind === 'queue' || n.kind === 'bus') {
      out[`${n.id}.maxBacklog`] = n.queueDepthPeak;
      out[`${n.id}.backlog`] = n.queueDepth;
    } else if (n.kind !== 'producer') out[`${n.id}.lag`] = n.consumerLag;
  }
  for (const f of s.flows) latency(out, `e2e.${flowSlug(f.name)}`, f.latency);
  // an alias never hides a node's own metric (the monolith template has a node "checkout")
  for (const [alias, name] of Object.entries(KPI_ALIASES)) {
    if (!nodeIds.has(alias.split('.')[0]!)) out[alias] = out[name]!;
  }
  return out;
}

/** Mean ± spread of one metric over a cell's seeds. */
export interface MetricStat {
  mean: number;
  /** sample standard deviation (0 for one seed) */
  sd: number;
  min: number;
  max: number;
}

export function aggregate(perSeed: readonly CellMetrics[]): Record<string, MetricStat> {
  const out: Record<string, MetricStat> = {};
  const first = perSeed[0];
  if (first === undefined) return out;
  for (const name of Object.keys(first)) {
    const xs = perSeed.map((m) => m[name]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    if (xs.length === 0) continue;
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    out[name] = { mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
  }
  return out;
}

/** The metric names a topology's runs will have (for refusing a typo before running). */
export function metricNames(sample: CellMetrics): string[] {
  return Object.keys(sample).sort();
}
