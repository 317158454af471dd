/**
 * A run as a self-contained HTML report (KPIs, charts as inline SVG, topology picture, faults,
 * annotations) and its metric series as CSV. Pure string builders: no scripts, no external
 * resources, every user text escaped, so the file opens anywhere and cannot run code.
 */
import type { MetricSeries, RunDetail } from '../api/runs';
import { topologySvg } from '../export/svg';
import { duration, escapeXml, lineChartSvg, simClock } from './chart-svg';
import { CHECKOUT_NOT_MEASURED_WHY, checkoutMeasured } from './checkout-measured';
import { FULFILMENT_NOT_MEASURED_WHY, slaText } from './fulfilment-measured';

export interface RunReportData {
  run: RunDetail;
  /** whole-system series (nodeId null) */
  system: MetricSeries;
  /** per-node series (queue depth charts) */
  nodes: MetricSeries[];
  /** page, charts and topology picture in light or dark colours (default light; the app passes its theme) */
  theme?: 'light' | 'dark';
}

/** Page colours per theme: background, text, quiet text, lines, faint lines, card label. */
const PAGE = {
  light: { bg: '#ffffff', text: '#111111', meta: '#555555', line: '#dddddd', faint: '#eeeeee', muted: '#888888' },
  dark: { bg: '#16181d', text: '#e4e7ec', meta: '#9aa3b2', line: '#3a3f4b', faint: '#2d313b', muted: '#8a94a3' },
} as const;

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

/** stored percentiles are 0 for an interval in which nothing completed: a gap, not 0 ms */
const gaps = (v: readonly number[]): number[] => v.map((x) => (x > 0 ? x : NaN));

const num = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits }) : '—');

/** An ISO timestamp as "2026-11-25 10:14:33 UTC" (the same on every machine; the raw ISO is unreadable). */
function when(iso: string | null | undefined): string {
  if (!iso) return '?';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

const NOT_MEASURED = `<span class="muted" title="${CHECKOUT_NOT_MEASURED_WHY}">not measured</span>`;
const NO_FULFILMENT = `<span class="muted" title="${escapeXml(FULFILMENT_NOT_MEASURED_WHY)}">not measured</span>`;

function faultBands(run: RunDetail): { fromMs: number; toMs: number; label: string }[] {
  return run.faults.map((f) => ({
    fromMs: f.fault.startSec * 1000,
    toMs: Math.min(f.fault.endSec * 1000, f.endedSimMs ?? Infinity, run.simulatedMs || Infinity),
    label: `${f.fault.kind} ${f.fault.nodeId}`,
  }));
}

function describeFault(f: RunDetail['faults'][number], nameOf: (id: string) => string): string {
  const x = f.fault;
  const extra = x.kind === 'slowdown' || x.kind === 'burst' ? ` ×${x.factor}` : x.kind === 'error-rate' ? ` ${x.failurePct}%` : x.kind === 'poison' ? ` ${x.pct}%` : '';
  const end = f.endedSimMs !== null ? `${simClock(f.endedSimMs)} (ended live)` : Number.isFinite(x.endSec) ? simClock(x.endSec * 1000) : 'the end';
  return `${x.kind}${extra} on ${nameOf(x.nodeId)}, simulated ${simClock(x.startSec * 1000)} → ${end}${f.source === 'live' ? ` · injected live at ${when(f.injectedAt)}` : ' · scenario'}`;
}

export function runReportHtml(d: RunReportData): string {
  const r = d.run;
  const k = r.kpis;
  const bands = faultBands(r);
  const theme = d.theme ?? 'light';
  const page = PAGE[theme];
  const s = d.system;
  const names = new Map(r.topology.nodes.map((n) => [n.id, n.name]));
  const nameOf = (id: string): string => names.get(id) ?? id;
  const checkout = checkoutMeasured(k);
  const ful = k.fulfilmentMeasured;
  const cards: [string, string][] = [
    ['Orders', num(k.orders, 0)],
    ['Conversion', checkout ? `${num(k.conversionRate * 100, 1)} %` : NOT_MEASURED],
    ['Revenue', `${num(k.revenue, 0)} ${escapeXml(k.currency)}`],
    ['Orders lost', num(k.ordersLost, 0)],
    ['p99 checkout latency', checkout ? duration(k.checkoutLatencyP99Ms) : NOT_MEASURED],
    ['p99 end-to-end', duration(k.p99Ms)],
    ['Throughput', `${num(k.throughputPerSec, 1)} /s`],
    ['Errors', num(k.errors, 0)],
    ['Unfulfilled orders', ful ? num(k.ordersUnfulfilled, 0) : NO_FULFILMENT],
    ['Revenue at risk', ful ? `${num(k.revenueAtRisk, 0)} ${escapeXml(k.currency)}` : NO_FULFILMENT],
    ['Order → fulfilled p50 / p99', ful ? `${duration(k.fulfilmentP50Ms)} / ${duration(k.fulfilmentP99Ms)}` : NO_FULFILMENT],
    [`Delayed > ${ful ? slaText(k.orderSlaMs) : 'SLA'}`, ful ? num(k.ordersDelayed, 0) : NO_FULFILMENT],
  ];
  const charts = [
    lineChartSvg({ title: 'Throughput (deliveries / s)', x: s.timeMs, lines: [{ name: 'throughput', values: s.throughputPerSec, color: COLORS[0]! }], bands, theme }),
    lineChartSvg({
      // per snapshot interval; the "p99 end-to-end" card above is the whole run's (cumulative)
      title: `End-to-end latency per ${duration(r.scenario.snapshotIntervalMs)} interval`, x: s.timeMs, bands, theme, unit: 'ms',
      lines: [{ name: 'p50', values: gaps(s.p50Ms), color: COLORS[2]! }, { name: 'p95', values: gaps(s.p95Ms), color: COLORS[3]! }, { name: 'p99', values: gaps(s.p99Ms), color: COLORS[1]! }],
    }),
    lineChartSvg({
      title: 'Queue depth (messages)', x: s.timeMs, bands, theme, empty: 'no queue built up',
      lines: d.nodes.filter((n) => n.queueDepth.some((v) => v > 0)).slice(0, 6).map((n, i) => ({ name: n.nodeId ? nameOf(n.nodeId) : 'system', values: n.queueDepth, color: COLORS[i % COLORS.length]! })),
    }),
    lineChartSvg({ title: 'Errors (cumulative)', x: s.timeMs, lines: [{ name: 'errors', values: s.errors, color: COLORS[1]! }], bands, theme }),
  ];
  let picture: string;
  try {
    picture = topologySvg(r.topology, { padding: 16, theme });
  } catch {
    picture = '<p>(topology picture unavailable)</p>';
  }
  const nodeRows = (r.summary?.nodes ?? []).map((n) =>
    `<tr><td>${escapeXml(n.name)}</td><td>${escapeXml(n.kind)}</td><td>${num(n.in, 0)}</td><td>${num(n.out, 0)}</td><td>${num(n.throughputPerSec, 1)}</td><td>${num(n.queueDepthPeak, 0)}</td><td>${duration(n.latency.p99Ms)}</td><td>${num(n.errors, 0)}</td><td>${num(n.drops + n.deadLetters, 0)}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en" data-theme="${theme}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeXml(r.name)} — EventFlow Studio run report</title>
<style>
:root{color-scheme:${theme}}
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1040px;background:${page.bg};color:${page.text};padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid ${page.line};padding-bottom:4px}
.meta{color:${page.meta}}.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:8px}
.card{border:1px solid ${page.line};border-radius:8px;padding:8px 12px}.card b{display:block;font-size:20px}.card .muted{font-size:15px;font-weight:600;color:${page.muted}}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:12px}.charts svg{width:100%;height:auto;border:1px solid ${page.faint};border-radius:6px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid ${page.faint};padding:4px 6px;text-align:right}td:first-child,th:first-child,td:nth-child(2),th:nth-child(2){text-align:left}
.topology svg{max-width:100%;height:auto}
</style></head><body>
<h1>${escapeXml(r.name)}</h1>
<p class="meta">Run #${r.id} · ${escapeXml(r.topologyName)} · status <b>${escapeXml(r.status)}</b> · seed ${r.seed} · ${simClock(r.simulatedMs)} of ${simClock(r.durationSec * 1000)} simulated · started ${escapeXml(when(r.createdAt))} · ${num(r.eventCount, 0)} events stored${r.eventsTruncated ? ' (capped)' : ''}</p>
${r.error ? `<p class="meta">Note: ${escapeXml(r.error)}</p>` : ''}
<h2>KPIs</h2>
<div class="cards">${cards.map(([label, v]) => `<div class="card">${escapeXml(label)}<b>${v}</b></div>`).join('')}</div>
<h2>Charts</h2>
<div class="charts">${charts.join('\n')}</div>
<h2>Faults</h2>
${r.faults.length === 0 ? '<p>None.</p>' : `<ul>${r.faults.map((f) => `<li>${escapeXml(describeFault(f, nameOf))}</li>`).join('')}</ul>`}
${r.annotations.length === 0 ? '' : `<h2>Notes</h2><ul>${r.annotations.map((a) => `<li>${a.atMs !== null ? `at ${simClock(a.atMs)}: ` : ''}${escapeXml(a.text)}</li>`).join('')}</ul>`}
<h2>Topology</h2>
<div class="topology">${picture}</div>
<h2>Nodes</h2>
<table><thead><tr><th>Node</th><th>Kind</th><th>In</th><th>Out</th><th>Throughput /s</th><th>Peak depth</th><th>p99 (whole run)</th><th>Errors</th><th>Lost</th></tr></thead><tbody>${nodeRows || '<tr><td colspan="9">no summary (run did not finish)</td></tr>'}</tbody></table>
<p class="meta">Generated by EventFlow Studio.</p>
</body></html>
`;
}

function csvCell(v: string | number): string {
  const s = String(v);
  // quote when needed; a leading = + - @ would be a formula in spreadsheets
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const METRICS_CSV_HEADER = ['node', 'time_ms', 'throughput_per_sec', 'queue_depth', 'consumer_lag', 'in_flight', 'utilisation', 'p50_ms', 'p95_ms', 'p99_ms', 'errors', 'retries', 'dead_letters', 'drops', 'state'];

/** One row per node (or 'system') per snapshot time. */
export function metricsCsv(series: readonly MetricSeries[]): string {
  const lines = [METRICS_CSV_HEADER.join(',')];
  for (const s of series) {
    const node = s.nodeId ?? 'system';
    for (let i = 0; i < s.timeMs.length; i++) {
      lines.push([
        node, s.timeMs[i]!, s.throughputPerSec[i]!, s.queueDepth[i]!, s.consumerLag[i]!, s.inFlight[i]!, s.utilisation[i]!, s.p50Ms[i]!, s.p95Ms[i]!, s.p99Ms[i]!,
        s.errors[i]!, s.retries[i]!, s.deadLetters[i]!, s.drops[i]!, s.states[i]!,
      ].map(csvCell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
