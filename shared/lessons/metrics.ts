import { z } from 'zod';
import type { Kpis } from '../runtime/api';

/**
 * The figures a claim may name. Each list is checked against the runtime's types at compile
 * time (`satisfies`), so a lesson can only name a figure the simulator really reports.
 */

type NumericKeys<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T];

export const KPI_FIGURES = [
  'sessions', 'checkouts', 'orders', 'conversionRate', 'revenue', 'ordersLost', 'cartsAbandoned', 'recoveredCarts',
  'checkoutLatencyP99Ms', 'ordersFulfilled', 'ordersUnfulfilled', 'revenueAtRisk', 'ordersFailed', 'fulfilmentP50Ms',
  'fulfilmentP99Ms', 'ordersDelayed',
] as const satisfies readonly NumericKeys<Kpis>[];
export type KpiFigure = (typeof KPI_FIGURES)[number];

/** Per-node figures of a run's summary (cumulative over the whole run). */
export const NODE_FIGURES = [
  'in', 'out', 'throughputPerSec', 'queueDepth', 'queueDepthPeak', 'consumerLag', 'inFlight', 'utilisation',
  'latencyMeanMs', 'latencyP50Ms', 'latencyP95Ms', 'latencyP99Ms', 'latencyMaxMs', 'errors', 'retries', 'deadLetters',
  'drops', 'duplicates', 'meanInSystem',
] as const;
export type NodeFigure = (typeof NODE_FIGURES)[number];

/** Per-node figures of one snapshot (a point of the run's time series). */
export const SERIES_FIGURES = [
  'queueDepth', 'consumerLag', 'inFlight', 'utilisation', 'throughputPerSec', 'latencyP99Ms', 'latencyP50Ms', 'in', 'out', 'drops',
] as const;
export type SeriesFigure = (typeof SERIES_FIGURES)[number];

export const FLOW_FIGURES = ['latencyMeanMs', 'latencyP50Ms', 'latencyP99Ms', 'completed', 'open'] as const;
export type FlowFigure = (typeof FLOW_FIGURES)[number];

const nodeId = z.string().min(1).max(64);

/** A figure of a run: one KPI, one node's figure, a node's figure at a time, or a flow's figure. */
export const Metric = z.union([
  z.strictObject({ kpi: z.enum(KPI_FIGURES) }),
  z.strictObject({ node: nodeId, figure: z.enum(NODE_FIGURES) }),
  z.strictObject({ node: nodeId, series: z.enum(SERIES_FIGURES), atSec: z.number().min(0).max(31_536_000) }),
  z.strictObject({ flow: z.string().min(1).max(120), figure: z.enum(FLOW_FIGURES) }),
]);
export type Metric = z.infer<typeof Metric>;

const KPI_LABEL: Partial<Record<KpiFigure, string>> = {
  conversionRate: 'conversion', checkoutLatencyP99Ms: 'checkout p99', ordersLost: 'orders lost', revenue: 'revenue',
  recoveredCarts: 'recovered carts', fulfilmentP99Ms: 'fulfilment p99', ordersUnfulfilled: 'unfulfilled orders',
};

const FIGURE_LABEL: Record<string, string> = {
  latencyMeanMs: 'mean latency', latencyP50Ms: 'p50', latencyP95Ms: 'p95', latencyP99Ms: 'p99', latencyMaxMs: 'max latency',
  queueDepthPeak: 'peak backlog', queueDepth: 'backlog', consumerLag: 'consumer lag', meanInSystem: 'mean in system',
  throughputPerSec: 'throughput', deadLetters: 'dead letters', inFlight: 'in flight', in: 'messages in', out: 'messages out',
};

/** "Payment p99", "orders lost", "orders backlog at 150 s": the metric in words, named after the node. */
export function describeMetric(m: Metric, nodeName: (id: string) => string = (id) => id): string {
  if ('kpi' in m) return KPI_LABEL[m.kpi] ?? m.kpi;
  if ('series' in m) return `${nodeName(m.node)} ${FIGURE_LABEL[m.series] ?? m.series} at ${m.atSec} s`;
  if ('flow' in m) return `flow "${m.flow}" ${FIGURE_LABEL[m.figure] ?? m.figure}`;
  return `${nodeName(m.node)} ${FIGURE_LABEL[m.figure] ?? m.figure}`;
}

/** The unit a value of this metric is shown in. */
export function unitOfMetric(m: Metric): 'ms' | '%' | '' {
  const name = 'kpi' in m ? m.kpi : 'series' in m ? m.series : m.figure;
  if (name.endsWith('Ms')) return 'ms';
  if (name === 'conversionRate' || name === 'utilisation') return '%';
  return '';
}
