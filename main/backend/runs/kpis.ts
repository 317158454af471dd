import type { RunKpis } from '../../../shared/api/runs';
import type { MetricsSnapshot, RunSummary } from '../../../shared/runtime/api';

/** The sortable KPI columns of a run, from a live snapshot or the final summary. */
export function runKpisOf(s: MetricsSnapshot | RunSummary, simMs: number): RunKpis {
  const k = s.kpis;
  const flow = s.flows[0];
  let p99 = flow !== undefined && flow.latency.count > 0 ? flow.latency.p99Ms : 0;
  let p95 = flow !== undefined && flow.latency.count > 0 ? flow.latency.p95Ms : 0;
  if (flow === undefined || flow.latency.count === 0) {
    for (const n of s.nodes) {
      if (n.latency.count > 0) {
        p99 = Math.max(p99, n.latency.p99Ms);
        p95 = Math.max(p95, n.latency.p95Ms);
      }
    }
  }
  let errors = 0;
  for (const n of s.nodes) errors += n.errors;
  return {
    orders: k.orders,
    revenue: Math.round(k.revenue * 100) / 100,
    currency: k.currency,
    conversionRate: k.conversionRate,
    ordersLost: k.ordersLost,
    checkoutLatencyP99Ms: k.checkoutLatencyP99Ms,
    p99Ms: p99,
    p95Ms: p95,
    throughputPerSec: simMs > 0 ? Math.round((s.deliveries / simMs) * 1000 * 1000) / 1000 : 0,
    errors,
    fulfilmentMeasured: k.fulfilmentSteps.length > 0,
    ordersUnfulfilled: k.ordersUnfulfilled,
    revenueAtRisk: k.revenueAtRisk,
    fulfilmentP50Ms: k.fulfilmentP50Ms,
    fulfilmentP99Ms: k.fulfilmentP99Ms,
    ordersDelayed: k.ordersDelayed,
    orderSlaMs: k.orderSlaMs,
  };
}

export const EMPTY_KPIS: RunKpis = {
  orders: 0, revenue: 0, currency: 'EUR', conversionRate: 0, ordersLost: 0, checkoutLatencyP99Ms: 0, p99Ms: 0, p95Ms: 0, throughputPerSec: 0, errors: 0,
  // runs stored before fulfilment was measured read as "not measured", not as 0 unfulfilled
  fulfilmentMeasured: false, ordersUnfulfilled: 0, revenueAtRisk: 0, fulfilmentP50Ms: 0, fulfilmentP99Ms: 0, ordersDelayed: 0, orderSlaMs: 0,
};
