/**
 * Order fulfilment figures exist only when a service of the topology emits a fulfilment step
 * (shared/runtime/fulfilment.ts); without one, "0 unfulfilled" would read as a result. One rule
 * for the report, compare and the KPI cards.
 */
import { FULFILMENT_STEPS } from '../runtime/fulfilment';

export const FULFILMENT_NOT_MEASURED_WHY = `No service emits a fulfilment step (${FULFILMENT_STEPS.join(', ')}): add one to measure fulfilment`;

/** KPI metrics (shared/report/compare.ts names) that need fulfilment steps */
export const FULFILMENT_METRICS: ReadonlySet<string> = new Set(['unfulfilled', 'revenueAtRisk', 'fulfilmentP50', 'fulfilmentP99', 'ordersDelayed']);

/** An order SLA as a short phrase: "5 min", "90 s", "2 h". */
export function slaText(slaMs: number): string {
  const s = slaMs / 1000;
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600} h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60} min`;
  return `${Math.round(s * 10) / 10} s`;
}

/** The definition a card's tooltip shows: "fulfilled = InventoryReserved + PaymentAuthorized". */
export const fulfilledMeans = (steps: readonly string[]): string => `an order is fulfilled when ${steps.join(' and ')} happened for it`;
