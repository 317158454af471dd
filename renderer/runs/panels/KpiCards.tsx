import type { Kpis } from '../../../shared/runtime/api';
import { grouped, money, ms, pct } from '../format';
import { CHECKOUT_NOT_MEASURED_WHY as NOT_MEASURED } from '../../../shared/report/checkout-measured';

/** on the card itself, not only in its tooltip: why, and what to change */
const NEEDS_SESSIONS = 'needs customer sessions: set a producer\'s Mode to “sessions”';
import { FULFILMENT_NOT_MEASURED_WHY, fulfilledMeans, slaText } from '../../../shared/report/fulfilment-measured';
import { useRuns } from '../react';

/** Conversion and checkout latency need checkout sessions: without any, 0 would read as a result. */
const measuresCheckout = (k: Kpis): boolean => k.sessions > 0 || k.checkouts > 0;

type Card = { id: string; label: string; value: string; sub?: string; tone?: 'bad' | 'muted'; title?: string };

/** Unfulfilled orders, their revenue, order-to-fulfilment time and SLA breaches (shared/runtime/fulfilment.ts). */
function fulfilmentCards(k: Kpis): Card[] {
  // snapshots stored before fulfilment was measured have no steps
  const steps = k.fulfilmentSteps ?? [];
  if (steps.length === 0) {
    const muted = { value: 'not measured', tone: 'muted' as const, title: FULFILMENT_NOT_MEASURED_WHY };
    return [{ id: 'unfulfilled', label: 'Unfulfilled orders', ...muted }, { id: 'fulfilment', label: 'Order → fulfilled', ...muted }, { id: 'delayed', label: 'Delayed > SLA', ...muted }];
  }
  const means = fulfilledMeans(steps);
  const sla = slaText(k.orderSlaMs);
  return [
    {
      id: 'unfulfilled', label: 'Unfulfilled orders', value: grouped(k.ordersUnfulfilled), sub: `${money(k.revenueAtRisk, k.currency)} revenue at risk`,
      title: `Orders placed and not yet fulfilled, failed nor lost (waiting in brokers or in flight); ${means}`,
      ...(k.ordersUnfulfilled > 0.01 * Math.max(1, k.orders) ? { tone: 'bad' as const } : {}),
    },
    {
      id: 'fulfilment', label: 'Order → fulfilled p99', value: k.ordersFulfilled > 0 ? ms(k.fulfilmentP99Ms) : '–', sub: k.ordersFulfilled > 0 ? `p50 ${ms(k.fulfilmentP50Ms)}` : 'no order fulfilled yet',
      title: `OrderPlaced to its last fulfilment step, over ${grouped(k.ordersFulfilled)} fulfilled orders; ${means}`,
      ...(k.fulfilmentP99Ms > k.orderSlaMs ? { tone: 'bad' as const } : {}),
    },
    {
      id: 'delayed', label: `Delayed > ${sla} SLA`, value: grouped(k.ordersDelayed), sub: `${grouped(k.ordersFulfilled)} fulfilled`,
      title: `Orders fulfilled later than the project's SLA (${sla}) plus orders still unfulfilled and older than it`,
      ...(k.ordersDelayed > 0 ? { tone: 'bad' as const } : {}),
    },
  ];
}

/** The business outcome of the shown run (live or at the scrubbed time). */
export function KpiCards() {
  const kpis = useRuns((s) => s.snapshot?.kpis);
  if (!kpis) return <p className="run-empty">Start a run (▶ Run) or open one from History to see its KPIs.</p>;
  const checkout = measuresCheckout(kpis);
  const cards: Card[] = [
    { id: 'orders', label: 'Orders', value: grouped(kpis.orders) },
    checkout || kpis.conversionRate > 0
      ? { id: 'conversion', label: 'Conversion', value: pct(kpis.conversionRate) }
      : { id: 'conversion', label: 'Conversion', value: 'not measured', tone: 'muted', title: NOT_MEASURED, sub: NEEDS_SESSIONS },
    { id: 'revenue', label: 'Revenue', value: money(kpis.revenue, kpis.currency) },
    { id: 'orders-lost', label: 'Orders lost', value: grouped(kpis.ordersLost), ...(kpis.ordersLost > 0 ? { tone: 'bad' as const } : {}) },
    checkout || kpis.checkoutLatencyP99Ms > 0
      ? { id: 'p99', label: 'p99 checkout', value: ms(kpis.checkoutLatencyP99Ms) }
      : { id: 'p99', label: 'p99 checkout', value: 'not measured', tone: 'muted', title: NOT_MEASURED, sub: NEEDS_SESSIONS },
    ...fulfilmentCards(kpis),
  ];
  return (
    <div className="run-kpis" data-testid="run-kpis">
      {cards.map((c) => (
        <div key={c.id} className={`run-kpi${c.tone ? ` run-kpi--${c.tone}` : ''}`} data-testid={`kpi-${c.id}`} title={c.title ?? `${c.label}: ${c.value}${c.sub ? ` (${c.sub})` : ''}`}>
          <span className="run-kpi__label">{c.label}</span>
          <span className="run-kpi__value" data-testid={`kpi-${c.id}-value`}>{c.value}</span>
          {c.sub && <span className="run-kpi__sub" data-testid={`kpi-${c.id}-sub`}>{c.sub}</span>}
        </div>
      ))}
    </div>
  );
}
