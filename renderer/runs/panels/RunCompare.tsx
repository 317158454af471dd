import { useEffect, useState } from 'react';
import type { CompareResult, KpiDiffRow, MetricSeries, RunMeta } from '../../../shared/api/runs';
import { TimeSeriesChart, alignSeries } from '../../charts/TimeSeriesChart';
import { useRunsRequired } from '../react';
import { CHECKOUT_METRICS, CHECKOUT_NOT_MEASURED_WHY, checkoutMeasured } from '../../../shared/report/checkout-measured';
import { FULFILMENT_METRICS, FULFILMENT_NOT_MEASURED_WHY } from '../../../shared/report/fulfilment-measured';
import type { RunId } from '../runs-api';
import { clock, money, ms } from '../format';
import { fieldChangeText } from '../../../shared/report/compare';
import { TwinTable } from '../../live/TwinTable';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const fine = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const num = (v: number): string => (Math.abs(v) >= 10 ? grouped : fine).format(v);

/** latencies read as 850 ms / 4.2 s / 15.7 min, not 942,495.4 */
const LATENCIES = new Set(['p99', 'p95', 'checkoutP99', 'fulfilmentP50', 'fulfilmentP99']);
/** the table says the unit in each cell, so the label's "(ms)" goes */
const label = (k: KpiDiffRow): string => (LATENCIES.has(k.metric) ? k.label.replace(/\s*\(ms\)$/, '') : k.label);
/** B/A with two significant digits, so 0.001× does not print as 0.00× */
const ratioText = (r: number): string => `${r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}×`;

/** A KPI in its own unit: conversion as %, revenue in the run's currency, the rest grouped. */
function kpiText(metric: string, v: number, currency: string, signed = false): string {
  const sign = signed && v > 0 ? '+' : '';
  if (metric === 'conversion') return `${sign}${(v * 100).toFixed(1)} ${signed ? 'pt' : '%'}`;
  if (metric === 'revenue' || metric === 'revenueAtRisk') return `${sign}${money(v, currency)}`;
  if (LATENCIES.has(metric)) return `${v < 0 ? '-' : sign}${ms(Math.abs(v))}`;
  return `${sign}${num(v)}`;
}

/** KPIs neither run measured (no customer sessions, no fulfilment step): say why, not "0 → 0" */
function notMeasured(k: KpiDiffRow, a: RunMeta, b: RunMeta): string | null {
  if (CHECKOUT_METRICS.has(k.metric) && !checkoutMeasured(a.kpis) && !checkoutMeasured(b.kpis)) return 'no checkout sessions in these runs';
  if (FULFILMENT_METRICS.has(k.metric) && !a.kpis.fulfilmentMeasured && !b.kpis.fulfilmentMeasured) return 'no fulfilment step in these runs';
  return null;
}
const WHY: Record<string, string> = { 'no checkout sessions in these runs': CHECKOUT_NOT_MEASURED_WHY, 'no fulfilment step in these runs': FULFILMENT_NOT_MEASURED_WHY };
/** the colour of a change: the verdict follows the metric's declared direction (shared/report/compare.ts) */
const TONE: Record<KpiDiffRow['verdict'], string> = { better: 'is-good', worse: 'is-bad', same: '', neutral: '' };

const startTime = (r: RunMeta): string => new Date(r.createdAt).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const runTitle = (r: RunMeta): string => `#${r.id} · ${r.name || 'Run'} · seed ${r.seed} · started ${startTime(r)}`;

/** Two runs side by side: KPI diff, system charts overlaid, topology differences. */
export function RunCompare({ a, b }: { a: RunId; b: RunId }) {
  const { api } = useRunsRequired();
  const [result, setResult] = useState<CompareResult>();
  const [series, setSeries] = useState<[MetricSeries, MetricSeries]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    Promise.all([api.compare(a, b), api.metrics(a), api.metrics(b)]).then(
      ([c, sa, sb]) => {
        if (!live) return;
        setResult(c);
        setSeries([sa, sb]);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => { live = false; };
  }, [api, a, b]);

  if (error) return <div className="run-error" role="alert">{error}</div>;
  if (!result || !series) return <p className="run-empty">Comparing…</p>;
  // runs of one project often share a name: the id and start time tell them apart
  const nameA = `#${result.a.id} ${result.a.name || 'Run'}`;
  const nameB = `#${result.b.id} ${result.b.name || 'Run'}`;
  const currency = result.a.kpis.currency;
  const over = (pick: (m: MetricSeries) => number[]) => () => alignSeries([series[0].timeMs.map((t) => t / 1000), pick(series[0])], [series[1].timeMs.map((t) => t / 1000), pick(series[1])]);
  const pair = [{ label: nameA, color: '#2563eb' }, { label: nameB, color: '#f97316', dash: true }];
  const t = result.topology;
  const topoLines = [
    ...t.nodesAdded.map((n) => `+ node ${n}`), ...t.nodesRemoved.map((n) => `− node ${n}`),
    ...t.edgesAdded.map((n) => `+ edge ${n}`), ...t.edgesRemoved.map((n) => `− edge ${n}`),
    // a changed node or edge names each field, old → new
    ...t.fields.map((f) => `~ ${f.kind} ${fieldChangeText(f)}`),
    ...[...t.nodesChanged.filter((id) => !t.fields.some((f) => f.id === id)).map((n) => `~ node ${n}`), ...t.edgesChanged.filter((id) => !t.fields.some((f) => f.id === id)).map((n) => `~ edge ${n}`)],
  ];
  return (
    <div className="run-compare" data-testid="run-compare">
      <TwinTable a={result.a} b={result.b} />
      {Math.abs(result.a.simulatedMs - result.b.simulatedMs) > 0.05 * Math.max(result.a.simulatedMs, result.b.simulatedMs) && (
        <p className="run-compare__note" role="note">
          The runs cover different simulated time (A {clock(result.a.simulatedMs)}, B {clock(result.b.simulatedMs)}): counts such as orders and revenue are not like for like; rates and latencies are.
        </p>
      )}
      <table className="run-table run-compare__kpis" data-testid="compare-kpis">
        <thead><tr><th>KPI</th><th title={runTitle(result.a)}>A: {result.a.name || 'Run'} <span className="run-compare__id">#{result.a.id}</span></th><th title={runTitle(result.b)}>B: {result.b.name || 'Run'} <span className="run-compare__id">#{result.b.id}</span></th><th>Δ</th><th>B/A</th></tr></thead>
        <tbody>
          {result.kpis.map((k) => {
            const why = notMeasured(k, result.a, result.b);
            if (why !== null) {
              return (
                <tr key={k.metric} data-metric={k.metric} className="is-muted">
                  <td>{label(k)}</td><td colSpan={4} title={WHY[why]}>– not measured ({why})</td>
                </tr>
              );
            }
            // one side measured it, the other could not (no sessions there): no difference to show
            const oneSided = CHECKOUT_METRICS.has(k.metric) && checkoutMeasured(result.a.kpis) !== checkoutMeasured(result.b.kpis);
            if (oneSided) {
              const cell = (r: RunMeta, v: number) => (checkoutMeasured(r.kpis) ? kpiText(k.metric, v, currency) : <span className="is-muted" title={CHECKOUT_NOT_MEASURED_WHY}>not measured</span>);
              return (
                <tr key={k.metric} data-metric={k.metric}>
                  <td>{label(k)}</td><td>{cell(result.a, k.a)}</td><td>{cell(result.b, k.b)}</td><td>–</td><td>–</td>
                </tr>
              );
            }
            return (
              <tr key={k.metric} data-metric={k.metric}>
                <td>{label(k)}</td><td>{kpiText(k.metric, k.a, currency)}</td><td>{kpiText(k.metric, k.b, currency)}</td>
                <td className={TONE[k.verdict]} data-verdict={k.verdict} title={k.better === 'neutral' ? 'neither direction is better by itself' : `${k.better} is better`}>{kpiText(k.metric, k.delta, currency, true)}</td>
                <td>{k.ratio === null ? '–' : ratioText(k.ratio)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="run-compare__topology" data-testid="compare-topology">
        <strong>Topology:</strong> {t.same ? 'identical in both runs' : `${topoLines.length} difference(s)`}
        {!t.same && <ul>{topoLines.map((l) => <li key={l}><code>{l}</code></li>)}</ul>}
      </div>
      <div className="run-charts">
        <TimeSeriesChart title="Throughput (system)" unit="/s" series={pair} data={over((m) => m.throughputPerSec)} version={1} />
        <TimeSeriesChart title="p99 latency (system)" unit="ms" series={pair} data={over((m) => m.p99Ms)} version={1} />
        <TimeSeriesChart title="Queue depth (system)" series={pair} data={over((m) => m.queueDepth)} version={1} />
        <TimeSeriesChart title="Orders (cumulative)" series={pair} data={over((m) => m.orders)} version={1} />
      </div>
    </div>
  );
}
