/**
 * The What-if panel: vary one or two parameters of the open topology, watch the cells fill in as
 * the backend's worker pool finishes them (whatif.progress), a heatmap for two parameters and a
 * mean ± spread line for one. The plan is checked by the backend first, so a refused sweep shows
 * its reasons and runs nothing.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { WhatifCell, WhatifSweep } from '../../shared/api/whatif';
import { parseAxisText } from '../../shared/whatif/axis';
import { kneeIndex } from '../../shared/whatif/knee';
import type { AxisSpec } from '../../shared/whatif/axis';
import { useEditor } from '../editor/editor-context';
import { heatColour, lowerIsBetter } from './heat-scale';
import './whatif.css';

interface Axis { path: string; values: number[] }

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));

export function WhatifPanel() {
  const { api, doc } = useEditor();
  const [params, setParams] = useState<{ path: string; value: number }[]>([]);
  const [vary1, setVary1] = useState('payment.instances=1..8');
  const [vary2, setVary2] = useState('');
  const [seeds, setSeeds] = useState(2);
  const [minutes, setMinutes] = useState(10);
  const [metric, setMetric] = useState('ordersLost');
  const [metrics, setMetrics] = useState<string[]>([]);
  const [issues, setIssues] = useState<string[]>([]);
  const [sweepId, setSweepId] = useState<string>();
  const [axes, setAxes] = useState<Axis[]>([]);
  const [cells, setCells] = useState<Map<number, WhatifCell>>(new Map());
  const [progress, setProgress] = useState<{ done: number; total: number; etaMs: number | null; status: WhatifSweep['status'] }>();
  const stop = useRef<(() => void) | null>(null);

  useEffect(() => {
    void api.call('whatif.parameters', { topology: doc.getState().topology }).then(setParams).catch(() => setParams([]));
  }, [api, doc]);
  useEffect(() => () => stop.current?.(), []);

  const start = async (): Promise<void> => {
    const texts = [vary1, vary2].map((t) => t.trim()).filter((t) => t !== '');
    const parsed = texts.map(parseAxisText);
    const bad = parsed.flatMap((p) => (p.ok ? [] : [p.reason]));
    if (bad.length > 0) {
      setIssues(bad);
      return;
    }
    const input = {
      topology: doc.getState().topology, scenario: { durationSec: minutes * 60, seed: 1 },
      axes: parsed.map((p) => (p as { ok: true; value: AxisSpec }).value), seeds,
    };
    const plan = await api.call('whatif.plan', input);
    if (!plan.ok) {
      setIssues(plan.issues);
      return;
    }
    setIssues([]);
    setMetrics(plan.metrics);
    setAxes(plan.axes);
    setCells(new Map());
    const { sweepId: id } = await api.call('whatif.start', input);
    setSweepId(id);
    setProgress({ done: 0, total: plan.runs, etaMs: null, status: 'running' });
    stop.current?.();
    stop.current = api.subscribe('whatif.progress', { sweepId: id }, (e) => {
      setProgress({ done: e.done, total: e.total, etaMs: e.etaMs, status: e.status });
      const c = e.cell;
      if (c !== undefined) setCells((m) => new Map(m).set(c.index, c));
      if (e.error !== undefined) setIssues([e.error]);
    });
  };

  const running = progress?.status === 'running';
  return (
    <div className="whatif" data-testid="whatif-panel">
      <div className="whatif__form">
        <label>Parameter 1<input list="whatif-params" value={vary1} onChange={(e) => setVary1(e.target.value)} size={32} data-testid="whatif-vary-1" /></label>
        <label>Parameter 2 (optional)<input list="whatif-params" value={vary2} onChange={(e) => setVary2(e.target.value)} size={32} data-testid="whatif-vary-2" /></label>
        <datalist id="whatif-params">{params.map((p) => <option key={p.path} value={`${p.path}=${p.value}`} />)}</datalist>
        <label>Seeds<input type="number" min={1} max={100} value={seeds} onChange={(e) => setSeeds(Number(e.target.value))} /></label>
        <label>Minutes<input type="number" min={1} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} /></label>
        <label>Metric
          <select value={metric} onChange={(e) => setMetric(e.target.value)} data-testid="whatif-metric">
            {(metrics.length > 0 ? metrics : [metric]).map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        {running
          ? <button type="button" className="btn" onClick={() => sweepId && void api.call('whatif.cancel', { sweepId })}>Cancel</button>
          : <button type="button" className="btn btn-primary" onClick={() => void start().catch((e: unknown) => setIssues([(e as Error).message]))} data-testid="whatif-run">Run sweep</button>}
      </div>
      {issues.length > 0 && <ul className="whatif__issues" role="alert">{issues.map((i) => <li key={i}>{i}</li>)}</ul>}
      {progress && (
        <div className="whatif__progress" data-testid="whatif-progress">
          {progress.status} · {progress.done}/{progress.total} runs{progress.etaMs !== null && running ? ` · ETA ${Math.ceil(progress.etaMs / 1000)} s` : ''}
        </div>
      )}
      {axes.length === 2 && <Heatmap axes={axes} cells={cells} metric={metric} />}
      {axes.length === 1 && <Line axis={axes[0]!} cells={cells} metric={metric} />}
    </div>
  );
}

function Heatmap({ axes, cells, metric }: { axes: Axis[]; cells: Map<number, WhatifCell>; metric: string }) {
  const [rows, cols] = [axes[0]!, axes[1]!];
  const range = useMemo(() => {
    const xs = [...cells.values()].map((c) => c.stats[metric]?.mean).filter((x): x is number => x !== undefined);
    return { min: Math.min(...xs), max: Math.max(...xs) };
  }, [cells, metric]);
  const lower = lowerIsBetter(metric);
  return (
    <div className="whatif__grid" style={{ gridTemplateColumns: `auto repeat(${cols.values.length}, 1fr)` }} data-testid="whatif-heatmap" role="table" aria-label={`${metric} by ${rows.path} and ${cols.path}`}>
      <div className="whatif__head">{rows.path} ↓ · {cols.path} →</div>
      {cols.values.map((v) => <div key={`c${v}`} className="whatif__head">{fmt(v)}</div>)}
      {rows.values.map((r, i) => [
        <div key={`r${r}`} className="whatif__head">{fmt(r)}</div>,
        ...cols.values.map((_, j) => {
          const cell = cells.get(i * cols.values.length + j);
          const s = cell?.stats[metric];
          return s === undefined
            ? <div key={`${i}-${j}`} className="whatif__cell is-empty">…</div>
            : <div key={`${i}-${j}`} className="whatif__cell" data-testid="whatif-cell" title={`${metric} ${fmt(s.mean)} ± ${fmt(s.sd)} (min ${fmt(s.min)}, max ${fmt(s.max)})`}
              style={{ background: heatColour(s.mean, range.min, range.max, lower) }}>{fmt(s.mean)}</div>;
        }),
      ])}
    </div>
  );
}

/** Mean with a min..max band over seeds, as an SVG (uPlot spread bands are not wired yet). */
function Line({ axis, cells, metric }: { axis: Axis; cells: Map<number, WhatifCell>; metric: string }) {
  const pts = axis.values.map((x, i) => ({ x, s: cells.get(i)?.stats[metric] })).filter((p) => p.s !== undefined) as { x: number; s: { mean: number; min: number; max: number } }[];
  if (pts.length === 0) return <div className="whatif__progress">waiting for the first cell…</div>;
  const W = 480;
  const H = 160;
  const xs = axis.values;
  const lo = Math.min(...pts.map((p) => p.s.min));
  const hi = Math.max(...pts.map((p) => p.s.max));
  const X = (x: number): number => (xs.length < 2 ? W / 2 : ((x - xs[0]!) / (xs[xs.length - 1]! - xs[0]!)) * (W - 40) + 30);
  const Y = (y: number): number => H - 20 - (hi > lo ? ((y - lo) / (hi - lo)) * (H - 40) : (H - 40) / 2);
  const knee = pts.length === xs.length ? kneeIndex(pts.map((p) => p.x), pts.map((p) => p.s.mean)) : undefined;
  const band = [...pts.map((p) => `${X(p.x)},${Y(p.s.max)}`), ...[...pts].reverse().map((p) => `${X(p.x)},${Y(p.s.min)}`)].join(' ');
  return (
    <svg width={W} height={H} role="img" aria-label={`${metric} by ${axis.path}`} data-testid="whatif-line">
      <polygon className="whatif__band" points={band} />
      <polyline className="whatif__line" points={pts.map((p) => `${X(p.x)},${Y(p.s.mean)}`).join(' ')} />
      {knee !== undefined && <circle cx={X(pts[knee]!.x)} cy={Y(pts[knee]!.s.mean)} r={5} fill="none" stroke="currentColor" data-testid="whatif-knee"><title>knee: {fmt(pts[knee]!.x)}</title></circle>}
      {pts.map((p) => <text key={p.x} x={X(p.x)} y={H - 4} fontSize={10} textAnchor="middle" fill="currentColor">{fmt(p.x)}</text>)}
      <text x={4} y={12} fontSize={10} fill="currentColor">{fmt(hi)}</text>
      <text x={4} y={H - 22} fontSize={10} fill="currentColor">{fmt(lo)}</text>
    </svg>
  );
}
