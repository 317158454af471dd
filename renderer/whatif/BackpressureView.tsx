/**
 * The What-if panel's Backpressure view: per topic and queue, when its backlog first crosses a
 * threshold and its capacity, how fast it grows, its peak, when it is back under the threshold and
 * how long that drain takes — predicted by the shared fluid model over the capacity analysis
 * (compareBackpressure, the same as `eventflow sweep` prints) for the open topology, and, for a
 * stored run, measured from its queue-depth series beside it, with the difference.
 */
import { useEffect, useMemo, useState } from 'react';
import type { RunMeta } from '../../shared/api/runs';
import type { Topology } from '../../shared/model/topology';
import { Scenario } from '../../shared/runtime/api';
import type { Fault } from '../../shared/runtime/api';
import { compareBackpressure, drainMs } from '../../shared/whatif/backpressure';
import type { BacklogFigures, BacklogSeries, BrokerBackpressure } from '../../shared/whatif/backpressure';
import { DEFAULT_BACKLOG_THRESHOLD } from '../../shared/whatif/cell-run';
import { numText as fmt } from '../../shared/whatif/sweep-svg';
import { useEditor } from '../editor/editor-context';
import type { RunId } from '../runs/runs-api';

type Source = { kind: 'topology' } | { kind: 'run'; runId: RunId };
type Kind = 'time' | 'count' | 'rate';
interface Figure { label: string; kind: Kind; of: (f: BacklogFigures) => number | null }

const timeText = (ms: number | null): string => {
  if (ms === null) return 'never';
  const s = ms / 1000;
  return s < 120 ? `${fmt(Number(s.toFixed(1)))} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
};
const signed = (x: number, text: string): string => (x > 0 ? `+${text}` : x < 0 ? `−${text.replace(/^-/, '')}` : '0');

function valueText(kind: Kind, v: number | null): string {
  if (kind === 'time') return timeText(v);
  if (v === null) return '—';
  return kind === 'rate' ? `${fmt(Number(v.toFixed(2)))}/s` : fmt(Math.round(v));
}

/** measured − predicted, and relative to the prediction where that means something */
function diffText(kind: Kind, p: number | null, m: number | null): string {
  if (p === null && m === null) return '—';
  if (p === null) return 'only measured';
  if (m === null) return 'only predicted';
  const d = m - p;
  // below what the table shows (a hundredth of a message per second, half a message): no difference
  if ((kind === 'rate' && Math.abs(d) < 0.005) || (kind === 'count' && Math.abs(d) < 0.5) || (kind === 'time' && Math.abs(d) < 50)) return '0';
  const abs = kind === 'time' ? timeText(Math.abs(d)) : valueText(kind, Math.abs(d));
  // relative only where the prediction is big enough for a percentage to mean something
  const rel = kind !== 'time' && Math.abs(p) >= (kind === 'rate' ? 0.1 : 10) ? ` (${signed(d, `${fmt(Number(Math.abs((d / p) * 100).toFixed(1)))}%`)})` : '';
  return `${signed(d, abs)}${rel}`;
}

export function BackpressureView({ minutes, plannedFaults, runId, onRunChange, onOpenRun }: {
  minutes: number; plannedFaults: readonly Fault[]; runId: RunId | undefined; onRunChange: (id: RunId | undefined) => void; onOpenRun: (id: RunId) => void;
}) {
  const { api, doc, projectId } = useEditor();
  const [runs, setRuns] = useState<RunMeta[]>([]);
  const [thresholdText, setThresholdText] = useState(String(DEFAULT_BACKLOG_THRESHOLD));
  const [measured, setMeasured] = useState<{ runId: RunId; topology: Topology; scenario: Scenario; series: Map<string, BacklogSeries> }>();
  const [error, setError] = useState<string>();
  const source: Source = runId === undefined ? { kind: 'topology' } : { kind: 'run', runId };

  useEffect(() => {
    void api.call('runs.list', { projectId, limit: 200 }).then((rs) => setRuns(rs.filter((r) => r.status !== 'running' && r.status !== 'paused' && r.status !== 'idle'))).catch(() => setRuns([]));
  }, [api, projectId]);

  useEffect(() => {
    if (runId === undefined) return;
    let live = true;
    void (async () => {
      const d = await api.call('runs.get', { runId });
      const brokers = d.topology.nodes.filter((n) => n.kind === 'topic' || n.kind === 'queue');
      const series = new Map<string, BacklogSeries>();
      for (const b of brokers) {
        const m = await api.call('runs.metrics', { runId, nodeId: b.id });
        series.set(b.id, [{ timeMs: 0, depth: 0 }, ...m.timeMs.map((t, i) => ({ timeMs: t, depth: m.queueDepth[i] ?? 0 }))]);
      }
      if (live) {
        setMeasured({ runId, topology: d.topology, scenario: d.scenario, series });
        setError(undefined);
      }
    })().catch((e: unknown) => { if (live) setError(`run ${runId}: ${(e as Error).message}`); });
    return () => { live = false; };
  }, [api, runId]);

  const threshold = Number(thresholdText);
  const thresholdOk = Number.isFinite(threshold) && threshold > 0;
  const view = useMemo((): { rows: BrokerBackpressure[]; topology: Topology; what: string } | { error: string } | undefined => {
    if (!thresholdOk) return { error: `Threshold "${thresholdText}": give a positive number of messages` };
    try {
      if (source.kind === 'topology') {
        const topology = doc.getState().topology;
        const scenario = Scenario.parse({ durationSec: minutes * 60, seed: 1, faults: plannedFaults });
        return { rows: compareBackpressure(topology, scenario, threshold), topology, what: `the open topology over ${minutes} min${plannedFaults.length > 0 ? ` with ${plannedFaults.length} planned fault${plannedFaults.length === 1 ? '' : 's'}` : ''} (prediction only: pick a run to see it measured)` };
      }
      if (measured === undefined || measured.runId !== source.runId) return undefined;
      return {
        rows: compareBackpressure(measured.topology, measured.scenario, threshold, (id) => measured.series.get(id)), topology: measured.topology,
        what: `run ${measured.runId} (${timeText(measured.scenario.durationSec * 1000)} simulated, seed ${measured.scenario.seed}, ${measured.scenario.faults.length} fault${measured.scenario.faults.length === 1 ? '' : 's'}) — its topology and scenario as it ran`,
      };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [source.kind, source.kind === 'run' ? source.runId : undefined, measured, threshold, thresholdOk, thresholdText, doc, minutes, plannedFaults]); // eslint-disable-line react-hooks/exhaustive-deps

  const figures: Figure[] = [
    { label: `≥ ${fmt(threshold)} at`, kind: 'time', of: (f) => f.crossesAtMs },
    { label: 'full (capacity) at', kind: 'time', of: (f) => f.fullAtMs },
    { label: 'growth', kind: 'rate', of: (f) => (f.crossesAtMs === null && f.growthPerSec <= 0 ? null : f.growthPerSec) },
    { label: 'peak', kind: 'count', of: (f) => f.peak },
    { label: 'peak at', kind: 'time', of: (f) => (f.peak >= 0.5 ? f.peakAtMs : null) },
    { label: `< ${fmt(threshold)} again at`, kind: 'time', of: (f) => f.belowAtMs },
    { label: 'drains in', kind: 'time', of: drainMs },
  ];
  const nameOf = (t: Topology, id: string): string => t.nodes.find((n) => n.id === id)?.name ?? id;

  return (
    <div className="whatif__bp" data-testid="whatif-backpressure">
      <div className="whatif__form">
        <label>Of
          <select value={runId === undefined ? '' : String(runId)} onChange={(e) => onRunChange(e.target.value === '' ? undefined : Number(e.target.value))} data-testid="whatif-bp-source">
            <option value="">the open topology (predicted)</option>
            {runId !== undefined && !runs.some((r) => r.id === runId) && <option value={String(runId)}>{`run ${runId} (a sweep cell's)`}</option>}
            {runs.map((r) => <option key={r.id} value={String(r.id)}>{`run ${r.id} · ${r.name || r.topologyName} · ${r.status}`}</option>)}
          </select>
        </label>
        <label>Threshold (messages)
          <input value={thresholdText} onChange={(e) => setThresholdText(e.target.value)} size={8} data-testid="whatif-bp-threshold" />
        </label>
        {runId !== undefined && <button type="button" className="btn btn-ghost" onClick={() => onOpenRun(runId)} data-testid="whatif-bp-open-run" title="Open this run in the run view (replay its queue depths)">Open run</button>}
      </div>
      {error !== undefined && <ul className="whatif__issues" role="alert"><li>{error}</li></ul>}
      {view !== undefined && 'error' in view && <ul className="whatif__issues" role="alert"><li>{view.error}</li></ul>}
      {view === undefined && error === undefined && <div className="whatif__progress">reading the run…</div>}
      {view !== undefined && 'rows' in view && (
        <>
          <div className="whatif__hint" data-testid="whatif-bp-what">Time to backpressure of {view.what}. Predicted: a fluid model over the capacity analysis (utilisation ρ per phase of constant load); measured: the run&apos;s queue depth.</div>
          {view.rows.length === 0 ? <div className="whatif__hint">This topology has no topic or queue.</div> : (
            <div className="whatif__bpscroll">
            <table className="whatif__table whatif__bptable" data-testid="whatif-bp-table">
              <thead><tr><th>broker</th><th /><th>capacity</th>{figures.map((f) => <th key={f.label}>{f.label}</th>)}</tr></thead>
              {view.rows.map((r) => {
                const rows: [string, BacklogFigures | undefined][] = [['predicted', r.predicted], ['measured', r.measured]];
                const quiet = r.predicted.crossesAtMs === null && (r.measured === undefined || r.measured.crossesAtMs === null);
                return (
                  <tbody key={r.brokerId} data-testid="whatif-bp-broker" data-broker={r.brokerId} className={quiet ? 'is-quiet' : undefined}>
                    {rows.filter(([, f]) => f !== undefined).map(([label, f], k) => (
                      <tr key={label} data-testid={`whatif-bp-${label}`}>
                        {k === 0 && <th rowSpan={r.measured === undefined ? 1 : 3} scope="rowgroup">{nameOf(view.topology, r.brokerId)}{quiet && <div className="whatif__muted">stays under {fmt(threshold)}</div>}</th>}
                        <td className="whatif__muted whatif__bplabel">{label}</td>
                        {k === 0 && <td rowSpan={r.measured === undefined ? 1 : 3}>{fmt(r.capacity)}</td>}
                        {figures.map((g) => <td key={g.label}>{valueText(g.kind, g.of(f!))}</td>)}
                      </tr>
                    ))}
                    {r.measured !== undefined && (
                      <tr className="whatif__diff" data-testid="whatif-bp-diff">
                        <td className="whatif__muted whatif__bplabel">Δ measured − predicted</td>
                        {figures.map((g) => <td key={g.label}>{diffText(g.kind, g.of(r.predicted), g.of(r.measured!))}</td>)}
                      </tr>
                    )}
                  </tbody>
                );
              })}
            </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
