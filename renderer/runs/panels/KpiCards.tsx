import type { Kpis } from '../../../shared/runtime/api';
import { grouped, money, ms, pct } from '../format';
import { CHECKOUT_NOT_MEASURED_WHY as NOT_MEASURED } from '../../../shared/report/checkout-measured';
import { useRuns } from '../react';

/** Conversion and checkout latency need checkout sessions: without any, 0 would read as a result. */
const measuresCheckout = (k: Kpis): boolean => k.sessions > 0 || k.checkouts > 0;

/** The business outcome of the shown run (live or at the scrubbed time). */
export function KpiCards() {
  const kpis = useRuns((s) => s.snapshot?.kpis);
  if (!kpis) return <p className="run-empty">Start a run (▶ Run) or open one from History to see its KPIs.</p>;
  const checkout = measuresCheckout(kpis);
  const cards: { id: string; label: string; value: string; tone?: 'bad' | 'muted'; title?: string }[] = [
    { id: 'orders', label: 'Orders', value: grouped(kpis.orders) },
    checkout || kpis.conversionRate > 0
      ? { id: 'conversion', label: 'Conversion', value: pct(kpis.conversionRate) }
      : { id: 'conversion', label: 'Conversion', value: 'not measured', tone: 'muted', title: NOT_MEASURED },
    { id: 'revenue', label: 'Revenue', value: money(kpis.revenue, kpis.currency) },
    { id: 'orders-lost', label: 'Orders lost', value: grouped(kpis.ordersLost), ...(kpis.ordersLost > 0 ? { tone: 'bad' as const } : {}) },
    checkout || kpis.checkoutLatencyP99Ms > 0
      ? { id: 'p99', label: 'p99 checkout', value: ms(kpis.checkoutLatencyP99Ms) }
      : { id: 'p99', label: 'p99 checkout', value: 'not measured', tone: 'muted', title: NOT_MEASURED },
  ];
  return (
    <div className="run-kpis" data-testid="run-kpis">
      {cards.map((c) => (
        <div key={c.id} className={`run-kpi${c.tone ? ` run-kpi--${c.tone}` : ''}`} data-testid={`kpi-${c.id}`} title={c.title ?? `${c.label}: ${c.value}`}>
          <span className="run-kpi__label">{c.label}</span>
          <span className="run-kpi__value" data-testid={`kpi-${c.id}-value`}>{c.value}</span>
        </div>
      ))}
    </div>
  );
}
