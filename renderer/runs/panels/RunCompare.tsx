import { useEffect, useState } from 'react';
import type { CompareResult, MetricSeries } from '../../../shared/api/runs';
import { TimeSeriesChart, alignSeries } from '../../charts/TimeSeriesChart';
import { useRunsRequired } from '../react';
import type { RunId } from '../runs-api';

const fmt = (v: number): string => (Math.abs(v) >= 1000 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3).replace(/\.?0+$/, '') || '0');

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
  const nameA = result.a.name || `Run ${result.a.id}`;
  const nameB = result.b.name || `Run ${result.b.id}`;
  const over = (pick: (m: MetricSeries) => number[]) => () => alignSeries([series[0].timeMs.map((t) => t / 1000), pick(series[0])], [series[1].timeMs.map((t) => t / 1000), pick(series[1])]);
  const pair = [{ label: nameA, color: '#2563eb' }, { label: nameB, color: '#f97316', dash: true }];
  const t = result.topology;
  const topoLines = [
    ...t.nodesAdded.map((n) => `+ node ${n}`), ...t.nodesRemoved.map((n) => `− node ${n}`), ...t.nodesChanged.map((n) => `~ node ${n}`),
    ...t.edgesAdded.map((n) => `+ edge ${n}`), ...t.edgesRemoved.map((n) => `− edge ${n}`), ...t.edgesChanged.map((n) => `~ edge ${n}`),
  ];
  return (
    <div className="run-compare" data-testid="run-compare">
      <table className="run-table run-compare__kpis" data-testid="compare-kpis">
        <thead><tr><th>KPI</th><th>A: {nameA}</th><th>B: {nameB}</th><th>Δ</th><th>B/A</th></tr></thead>
        <tbody>
          {result.kpis.map((k) => {
            const better = k.delta === 0 ? '' : (k.delta > 0) === (k.better === 'higher') ? 'is-good' : 'is-bad';
            return (
              <tr key={k.metric} data-metric={k.metric}>
                <td>{k.label}</td><td>{fmt(k.a)}</td><td>{fmt(k.b)}</td>
                <td className={better}>{k.delta > 0 ? '+' : ''}{fmt(k.delta)}</td>
                <td>{k.ratio === null ? '–' : `${k.ratio.toFixed(2)}×`}</td>
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
