/** Plain-text run summary: per-node table, flows, KPIs. Only simulated figures: two runs with the same seed print the same text. */
import type { LatencyStats, RunSummary } from '../../shared/runtime/api';

function table(head: string[], rows: string[][], rightAlign: boolean[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (rightAlign[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function ms(x: number): string {
  if (x === 0) return '-';
  if (x < 10) return x.toFixed(2);
  if (x < 1000) return x.toFixed(1);
  if (x < 60_000) return `${(x / 1000).toFixed(2)}s`;
  return `${(x / 60_000).toFixed(1)}m`;
}

/** ms() prints 950.0 / 3.45s / 5.9m: the bare number needs its unit */
const withUnit = (x: number): string => (x >= 1000 ? ms(x) : `${ms(x)} ms`);
const n = (x: number): string => (x === 0 ? '-' : x.toLocaleString('en-US'));
const rate = (x: number): string => (x === 0 ? '-' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const pct = (x: number): string => (x === 0 ? '-' : `${(x * 100).toFixed(1)}%`);

export function formatDuration(msValue: number): string {
  const s = Math.round(msValue / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', sec || (!h && !m) ? `${sec}s` : ''].join('');
}

function lat(l: LatencyStats): string[] {
  return l.count === 0 ? ['-', '-', '-'] : [ms(l.p50Ms), ms(l.p95Ms), ms(l.p99Ms)];
}

export function formatSummary(s: RunSummary): string {
  const out: string[] = [];
  out.push(`${s.topologyName} — ${formatDuration(s.simulatedMs)} simulated${s.completed ? '' : ' (stopped early)'}, seed ${s.seed}`);
  out.push(`${n(s.messages)} events, ${n(s.deliveries)} node deliveries`);
  if (s.faults.length > 0) out.push(`faults: ${s.faults.map((f) => `${f.kind} ${f.nodeId} ${f.startSec}-${f.endSec}s`).join(', ')}`);
  out.push('');
  const rows = s.nodes.map((x) => [
    x.id, x.kind, n(x.in), n(x.out), rate(x.throughputPerSec), n(x.queueDepthPeak), ...lat(x.latency),
    n(x.errors), n(x.retries), n(x.deadLetters), n(x.drops), pct(x.utilisation),
  ]);
  out.push(table(
    ['node', 'kind', 'in', 'out', 'out/s', 'peak queue', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'retries', 'DLQ', 'dropped', 'busy'],
    rows,
    [false, false, true, true, true, true, true, true, true, true, true, true, true, true],
  ));
  if (s.flows.length > 0) {
    out.push('');
    out.push(table(
      ['end-to-end flow', 'completed', 'open', 'mean', 'p50', 'p95', 'p99'],
      s.flows.map((f) => [f.name, n(f.latency.count), n(f.open), ms(f.latency.meanMs), ...lat(f.latency)]),
      [false, true, true, true, true, true, true],
    ));
  }
  const k = s.kpis;
  out.push('');
  out.push('business KPIs');
  const kv: [string, string][] = [];
  if (k.sessions > 0) kv.push(['sessions', n(k.sessions)]);
  kv.push(['checkouts', n(k.checkouts)], ['orders', n(k.orders)]);
  if (k.sessions > 0 || k.checkouts > 0) kv.push(['conversion', `${(k.conversionRate * 100).toFixed(2)}%`]);
  kv.push(['revenue', `${k.revenue.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${k.currency}`]);
  kv.push(['orders lost', n(k.ordersLost)]);
  if (k.fulfilmentSteps.length > 0) {
    // fulfilled = every step below happened for the order (shared/runtime/fulfilment.ts)
    kv.push(['fulfilled when', k.fulfilmentSteps.join(' + ')]);
    kv.push(['unfulfilled orders', `${n(k.ordersUnfulfilled)} (revenue at risk ${k.revenueAtRisk.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${k.currency})`]);
    if (k.ordersFailed > 0) kv.push(['orders failed', n(k.ordersFailed)]);
    kv.push(['order → fulfilled', k.ordersFulfilled === 0 ? '-' : `p50 ${withUnit(k.fulfilmentP50Ms)}, p99 ${withUnit(k.fulfilmentP99Ms)}`]);
    kv.push([`delayed > SLA ${formatDuration(k.orderSlaMs)}`, n(k.ordersDelayed)]);
  }
  if (k.cartsAbandoned > 0) kv.push(['carts abandoned', n(k.cartsAbandoned)], ['recovered carts', n(k.recoveredCarts)]);
  if (k.checkoutLatencyP99Ms > 0) kv.push(['checkout p99', `${ms(k.checkoutLatencyP99Ms)} ms`]);
  const w = Math.max(...kv.map(([a]) => a.length));
  for (const [a, b] of kv) out.push(`  ${a.padEnd(w)}  ${b}`);
  return `${out.join('\n')}\n`;
}

/** `[#####-----]  42%  25m/1h` on one terminal line */
export function progressLine(done: number, total: number, columns: number, label: string): string {
  const frac = total <= 0 ? 1 : Math.min(1, done / total);
  const tail = ` ${(frac * 100).toFixed(0).padStart(3)}%  ${label}`;
  const barWidth = Math.max(10, Math.min(50, columns - tail.length - 3));
  const filled = Math.round(frac * barWidth);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${tail}`;
}
