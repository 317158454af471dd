import { count, money, ms, pct } from '../format';
import { useRuns } from '../react';

/** The business outcome of the shown run (live or at the scrubbed time). */
export function KpiCards() {
  const kpis = useRuns((s) => s.snapshot?.kpis);
  const cards: { id: string; label: string; value: string; tone?: 'bad' }[] = kpis
    ? [
        { id: 'orders', label: 'Orders', value: count(kpis.orders) },
        { id: 'conversion', label: 'Conversion', value: pct(kpis.conversionRate) },
        { id: 'revenue', label: 'Revenue', value: money(kpis.revenue, kpis.currency) },
        { id: 'orders-lost', label: 'Orders lost', value: count(kpis.ordersLost), ...(kpis.ordersLost > 0 ? { tone: 'bad' as const } : {}) },
        { id: 'p99', label: 'p99 checkout', value: ms(kpis.checkoutLatencyP99Ms) },
      ]
    : [];
  if (!kpis) return <p className="run-empty">Start a run (▶ Run) or open one from History to see its KPIs.</p>;
  return (
    <div className="run-kpis" data-testid="run-kpis">
      {cards.map((c) => (
        <div key={c.id} className={`run-kpi${c.tone ? ` run-kpi--${c.tone}` : ''}`} data-testid={`kpi-${c.id}`}>
          <span className="run-kpi__label">{c.label}</span>
          <span className="run-kpi__value" data-testid={`kpi-${c.id}-value`}>{c.value}</span>
        </div>
      ))}
    </div>
  );
}
