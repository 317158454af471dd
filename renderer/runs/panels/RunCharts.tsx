import { useCallback, useEffect } from 'react';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart';
import { ms } from '../format';
import { useRuns, useRunsRequired } from '../react';
import { SYSTEM, latencyGaps } from '../series';
import type { SeriesColumn } from '../series';

const LATENCY = [
  { label: 'p50', color: '#16a34a' },
  { label: 'p95', color: '#ca8a04' },
  { label: 'p99', color: '#dc2626' },
];

/** Throughput, latency percentiles, queue depth and errors of the selected node or the whole system. */
export function RunCharts({ nodeId, nodeName }: { nodeId: string | undefined; nodeName: string | undefined }) {
  const { store, control } = useRunsRequired();
  const version = useRuns((s) => s.seriesVersion);
  const mode = useRuns((s) => s.mode);
  const runId = useRuns((s) => s.runId);
  // replay: every chart marks the scrubbed time
  const markerSec = useRuns((s) => (s.mode === 'replay' ? s.simTimeMs / 1000 : undefined));
  const key = nodeId ?? SYSTEM;

  // replay: stored series come from runs.metrics per node
  useEffect(() => {
    if (mode === 'replay' && runId !== undefined) void control.loadReplaySeries(nodeId);
  }, [mode, runId, nodeId, control]);

  // what the latency chart's points cover, and the whole-run figure it is not (the summary's)
  const windowMs = useRuns((s) => s.snapshot?.intervalMs);
  const flow = useRuns((s) => s.snapshot?.flows[0]);
  const cols = useCallback((names: SeriesColumn[]) => () => store.series(key).columns(['t', ...names]), [store, key]);
  const latencyCols = useCallback(() => latencyGaps(store.series(key).columns(['t', 'p50', 'p95', 'p99'])), [store, key]);
  const scope = nodeName ?? 'Whole system';
  const per = windowMs !== undefined && windowMs > 0 ? ` per ${ms(windowMs)}` : ' per interval';
  const subject = nodeId ? '' : flow ? ` (${flow.name}; p99 whole run so far ${ms(flow.latency.p99Ms)})` : '';
  return (
    <div className="run-charts" data-testid="run-charts" data-scope={key}>
      <TimeSeriesChart testId="chart-throughput" title={`${scope} · throughput`} unit="/s" series={[{ label: nodeId ? 'completions/s' : 'arrivals/s', color: '#2563eb' }]} data={cols(['throughput'])} version={version} markerSec={markerSec} />
      <TimeSeriesChart testId="chart-latency" title={`${scope} · latency${per}${subject}`} unit="ms" series={LATENCY} data={latencyCols} version={version} markerSec={markerSec} />
      <TimeSeriesChart testId="chart-queue" title={`${scope} · queue depth`} series={[{ label: 'depth', color: '#7c3aed' }]} data={cols(['queueDepth'])} version={version} markerSec={markerSec} />
      <TimeSeriesChart testId="chart-errors" title={`${scope} · errors per interval`} series={[{ label: 'errors', color: '#e11d48' }]} data={cols(['errors'])} version={version} markerSec={markerSec} />
    </div>
  );
}
