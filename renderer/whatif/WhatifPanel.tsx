/**
 * The What-if panel: vary one or two parameters of the open topology (typed, or added by the
 * inspector's "Sweep this"), watch the cells fill in as the backend's worker pool finishes them
 * (whatif.progress), a heatmap for two parameters and a uPlot line with a min–max band and the
 * knee for one. Every sweep is saved: past ones are listed and reopen; a cell opens its run (the
 * run view / replay), two cells compare with the run compare; the table exports as CSV, the chart
 * as SVG/PNG, the sweep as an HTML report.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WhatifCell, WhatifGoal, WhatifSweep, WhatifSweepMeta } from '../../shared/api/whatif';
import { parseAxisText } from '../../shared/whatif/axis';
import type { AxisSpec } from '../../shared/whatif/axis';
import { heatColour, lowerIsBetter } from '../../shared/whatif/heat-scale';
import { cellsCsv } from '../../shared/whatif/sweep-table';
import { linePoints, numText as fmt, sweepChartSvg } from '../../shared/whatif/sweep-svg';
import { sweepReportHtml } from '../../shared/report/sweep-report';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { useEditor } from '../editor/editor-context';
import { downloadText } from '../runs/panels/download';
import { downloadBlob } from '../export/rasterize';
import type { RunId } from '../runs/runs-api';
import { useWhatifUi, whatifUi, suggestedValues } from './whatif-store';
import { FindFields, GoalResult, findConditions, formOfGoal } from './GoalSeek';
import { BackpressureView } from './BackpressureView';
import { useRuns } from '../runs/react';
import type { FindForm } from './GoalSeek';
import './whatif.css';

interface Axis { path: string; values: number[] }
type Status = WhatifSweep['status'];

/** the metrics offered first (the rest follow alphabetically) */
const FIRST_METRICS = ['ordersLost', 'checkout.p99', 'orders', 'revenue', 'conversionRate', 'drops'];

const fileSlug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'sweep';

/** The panel's current sweep survives a tab switch (the dock unmounts the panel). */
let lastSweepId: string | undefined;

type Mode = 'grid' | 'find' | 'backpressure';
/** which saved sweeps the list shows: the open project's, those saved without one (eventflow sweep --save), or all */
type SavedScope = 'project' | 'none' | 'all';
let lastScope: SavedScope = 'project';
let lastMode: Mode = 'grid';
let lastBackpressureRun: RunId | undefined;
/** …and so does the Find form as last edited */
let lastFindForm: FindForm = { direction: 'min', path: 'payment.instances', range: '1..8', conditions: [{ metric: 'ordersLost', op: '=', value: '0' }], per: '', perRange: '' };

export function WhatifPanel({ onOpenRun, onCompare }: { onOpenRun: (runId: RunId) => void; onCompare: (a: RunId, b: RunId) => void }) {
  const { api, doc, projectId } = useEditor();
  const axesText = useWhatifUi((s) => s.axes);
  const added = useWhatifUi((s) => s.added);
  const [params, setParams] = useState<{ path: string; value: number }[]>([]);
  const [seeds, setSeeds] = useState(2);
  const [minutes, setMinutes] = useState(10);
  const [metric, setMetric] = useState('ordersLost');
  const [metrics, setMetrics] = useState<string[]>([]);
  const [issues, setIssues] = useState<string[]>([]);
  const [sweep, setSweep] = useState<{ id: string; name: string; axes: Axis[]; seeds: number[]; durationSec: number; createdAt: string; topologyName: string }>();
  const [cells, setCells] = useState<Map<number, WhatifCell>>(new Map());
  const [progress, setProgress] = useState<{ done: number; total: number; etaMs: number | null; status: Status }>();
  const [saved, setSaved] = useState<WhatifSweepMeta[]>([]);
  const [picked, setPicked] = useState<number[]>([]);
  const [mode, setModeState] = useState<Mode>(lastMode);
  const setMode = useCallback((m: Mode) => { lastMode = m; setModeState(m); }, []);
  const [bpRun, setBpRunState] = useState<RunId | undefined>(lastBackpressureRun);
  const setBpRun = useCallback((id: RunId | undefined) => { lastBackpressureRun = id; setBpRunState(id); }, []);
  const planned = useRuns((st) => st.plannedFaults);
  const plannedFaults = useMemo(() => planned.map((p) => p.fault), [planned]);
  const [findForm, setFindFormState] = useState<FindForm>(lastFindForm);
  const setFindForm = useCallback((f: FindForm | ((prev: FindForm) => FindForm)) => setFindFormState((prev) => {
    lastFindForm = typeof f === 'function' ? f(prev) : f;
    return lastFindForm;
  }), []);
  const [goal, setGoal] = useState<WhatifGoal>();
  /** cells in the order they completed (a goal seek's probes) */
  const [order, setOrder] = useState<number[]>([]);
  const stop = useRef<(() => void) | null>(null);

  const [scope, setScopeState] = useState<SavedScope>(lastScope);
  const setScope = (x: SavedScope): void => { lastScope = x; setScopeState(x); };
  const reloadSaved = useCallback(() => {
    const filter = scope === 'project' ? { projectId } : scope === 'none' ? { projectId: null } : {};
    void api.call('whatif.list', filter).then(setSaved).catch(() => setSaved([]));
  }, [api, projectId, scope]);
  useEffect(() => {
    void api.call('whatif.parameters', { topology: doc.getState().topology }).then((ps) => {
      setParams(ps);
      // Find starts on the first parameter if the topology has no payment.instances
      setFindForm((f) => (ps.some((p) => p.path === f.path) || ps.length === 0 ? f : { ...f, path: ps[0]!.path, range: suggestedValues(ps[0]!.value) }));
    }).catch(() => setParams([]));
    reloadSaved();
  }, [api, doc, reloadSaved, setFindForm]);
  useEffect(() => () => stop.current?.(), []);

  const follow = useCallback((id: string) => {
    stop.current?.();
    stop.current = api.subscribe('whatif.progress', { sweepId: id }, (e) => {
      setProgress({ done: e.done, total: e.total, etaMs: e.etaMs, status: e.status });
      const c = e.cell;
      if (c !== undefined) {
        setCells((m) => new Map(m).set(c.index, c));
        setOrder((o) => [...o, c.index]);
      }
      if (e.goal !== undefined) setGoal(e.goal);
      if (e.error !== undefined) setIssues([e.error]);
      if (e.status !== 'running') reloadSaved();
    });
  }, [api, reloadSaved]);

  /** Shows a sweep (saved or running) as the backend has it. */
  const load = useCallback(async (id: string) => {
    const s = await api.call('whatif.get', { sweepId: id });
    lastSweepId = id;
    const first = s.cells[0];
    if (first !== undefined) setMetrics(Object.keys(first.stats).sort());
    setSweep({ id, name: s.name, axes: s.axes, seeds: s.seeds, durationSec: Number(s.scenario.durationSec ?? 0), createdAt: s.createdAt, topologyName: s.topologyName });
    setCells(new Map(s.cells.map((c) => [c.index, c])));
    setGoal(s.goal);
    setOrder(s.goal?.answers?.[0]?.probeCells ?? s.cells.map((c) => c.index));
    if (s.goal !== undefined) setMetric(s.goal.conditions[0]?.metric ?? 'ordersLost');
    setProgress({ done: s.done, total: s.total, etaMs: null, status: s.status });
    setPicked([]);
    setIssues(s.error !== undefined ? [s.error] : []);
    if (s.status === 'running') follow(id);
    return s;
  }, [api, follow]);

  useEffect(() => {
    // back on the tab: the sweep shown before (after the first tick, not during this render)
    const id = lastSweepId;
    if (id !== undefined) void Promise.resolve().then(() => load(id)).catch(() => { lastSweepId = undefined; });
  }, [load]);

  const reopen = async (id: string): Promise<void> => {
    const s = await load(id);
    // the form shows what the sweep asked, so it can be run again or changed
    setMode(s.goal !== undefined ? 'find' : 'grid');
    if (s.goal !== undefined) setFindForm(formOfGoal(s.goal, s.axisTexts));
    else for (let i = 0; i < 2; i++) whatifUi.getState().setAxis(i, s.axisTexts[i] ?? '');
    setSeeds(s.seeds.length);
    setMinutes(Math.max(1, Math.round(Number(s.scenario.durationSec ?? 600) / 60)));
  };

  const start = async (): Promise<void> => {
    const texts = axesText.map((t) => t.trim()).filter((t) => t !== '');
    const parsed = texts.map(parseAxisText);
    const bad = parsed.flatMap((p) => (p.ok ? [] : [p.reason]));
    if (texts.length === 0) bad.push('give at least one parameter, e.g. payment.instances=1..8 (or use "Sweep this" beside a number in the inspector)');
    if (bad.length > 0) {
      setIssues(bad);
      return;
    }
    const input = {
      projectId, topology: doc.getState().topology, scenario: { durationSec: minutes * 60, seed: 1 },
      axes: parsed.map((p) => (p as { ok: true; value: AxisSpec }).value), seeds,
    };
    const plan = await api.call('whatif.plan', input);
    if (!plan.ok) {
      setIssues(plan.issues);
      return;
    }
    setIssues([]);
    setMetrics(plan.metrics);
    const { sweepId: id } = await api.call('whatif.start', input);
    lastSweepId = id;
    setSweep({ id, name: '', axes: plan.axes, seeds: Array.from({ length: seeds }, (_, i) => i + 1), durationSec: minutes * 60, createdAt: new Date().toISOString(), topologyName: doc.getState().topology.name });
    setCells(new Map());
    setOrder([]);
    setGoal(undefined);
    setPicked([]);
    setProgress({ done: 0, total: plan.runs, etaMs: null, status: 'running' });
    follow(id);
    reloadSaved();
  };

  // Find's metric pickers need the topology's metric names before anything ran
  useEffect(() => {
    if (mode !== 'find' || metrics.length > 0) return;
    const p = params.find((x) => x.path === findForm.path) ?? params[0];
    if (p === undefined) return;
    void api.call('whatif.plan', { projectId, topology: doc.getState().topology, scenario: { durationSec: 60, seed: 1 }, axes: [{ path: p.path, values: [p.value] }], seeds: 1 })
      .then((r) => { if (r.ok) setMetrics(r.metrics); }).catch(() => undefined);
  }, [api, doc, projectId, mode, metrics.length, params, findForm.path]);

  const startFind = async (): Promise<void> => {
    const bad: string[] = [];
    const axis = parseAxisText(`${findForm.path}=${findForm.range}`);
    if (!axis.ok) bad.push(`Candidates: ${axis.reason}`);
    const per = findForm.per === '' ? null : parseAxisText(`${findForm.per}=${findForm.perRange}`);
    if (per !== null && !per.ok) bad.push(`For each: ${per.reason}`);
    if (findForm.per === findForm.path) bad.push(`For each: ${findForm.per} is the parameter being found; pick another or none`);
    const conds = findConditions(findForm, metrics);
    if (!conds.ok) bad.push(...conds.reasons);
    if (!axis.ok || !conds.ok || bad.length > 0 || (per !== null && !per.ok)) {
      setIssues(bad);
      return;
    }
    const input = { projectId, topology: doc.getState().topology, scenario: { durationSec: minutes * 60, seed: 1 }, axes: per === null ? [axis.value] : [axis.value, per.value], seeds };
    const plan = await api.call('whatif.plan', input);
    if (!plan.ok) {
      setIssues(plan.issues);
      return;
    }
    const g = { direction: findForm.direction, path: findForm.path, conditions: conds.value };
    const { sweepId: id } = await api.call('whatif.find', { ...input, goal: g });
    setIssues([]);
    setMetrics(plan.metrics);
    setMetric(g.conditions[0]!.metric);
    lastSweepId = id;
    setSweep({ id, name: '', axes: plan.axes, seeds: Array.from({ length: seeds }, (_, i) => i + 1), durationSec: minutes * 60, createdAt: new Date().toISOString(), topologyName: doc.getState().topology.name });
    setCells(new Map());
    setOrder([]);
    setGoal({ text: '', ...g, answers: null });
    setPicked([]);
    setProgress({ done: 0, total: plan.runs, etaMs: null, status: 'running' });
    follow(id);
    reloadSaved();
  };

  const remove = async (): Promise<void> => {
    if (sweep === undefined) return;
    stop.current?.();
    await api.call('whatif.delete', { sweepId: sweep.id });
    lastSweepId = undefined;
    setSweep(undefined);
    setGoal(undefined);
    setOrder([]);
    setCells(new Map());
    setProgress(undefined);
    setPicked([]);
    reloadSaved();
  };

  const pick = (index: number): void => setPicked((p) => (p.includes(index) ? p.filter((x) => x !== index) : [...p, index].slice(-2)));

  const orderedMetrics = useMemo(() => [...FIRST_METRICS.filter((m) => metrics.includes(m)), ...metrics.filter((m) => !FIRST_METRICS.includes(m))], [metrics]);
  const cellList = useMemo(() => [...cells.values()].sort((a, b) => a.index - b.index), [cells]);
  const axes = sweep?.axes ?? [];
  const running = progress?.status === 'running';
  const stem = sweep === undefined ? 'sweep' : `${fileSlug(sweep.name || sweep.topologyName)}-${sweep.id}`;

  const exportCsv = (): void => downloadText(`${stem}.csv`, 'text/csv', cellsCsv(axes.map((a) => a.path), cellList, metrics));
  const exportSvg = (): void => downloadText(`${stem}-${fileSlug(metric)}.svg`, 'image/svg+xml', sweepChartSvg(axes, cellList, metric));
  const exportPng = (): void => void svgToPng(sweepChartSvg(axes, cellList, metric)).then((png) => downloadBlob(png, `${stem}-${fileSlug(metric)}.png`)).catch((e: unknown) => setIssues([`PNG export failed: ${(e as Error).message}`]));
  const exportReport = (): void => {
    if (sweep === undefined) return;
    const chosen = [metric, ...FIRST_METRICS.filter((m) => m !== metric && metrics.includes(m))].slice(0, 4);
    const html = sweepReportHtml({
      name: sweep.name || `${sweep.topologyName}: ${axes.map((a) => a.path).join(' × ')}`, topologyName: sweep.topologyName, status: progress?.status ?? 'running',
      createdAt: sweep.createdAt, axes, seeds: sweep.seeds, durationSec: sweep.durationSec, cells: cellList, metrics: chosen, sweepId: sweep.id,
    });
    downloadText(`${stem}-report.html`, 'text/html', html);
  };

  const pickedCells = picked.map((i) => cells.get(i)).filter((c): c is WhatifCell => c !== undefined);
  const cellLabel = (c: WhatifCell): string => axes.map((a, i) => `${a.path} = ${fmt(c.coords[i]!)}`).join(', ');
  const compareRuns = pickedCells.length === 2 && pickedCells.every((c) => c.runIds.length > 0) ? [pickedCells[0]!.runIds[0]!, pickedCells[1]!.runIds[0]!] as const : undefined;

  return (
    <div className="whatif" data-testid="whatif-panel">
      <div className="whatif__modes" role="tablist" aria-label="What-if mode">
        <button type="button" role="tab" aria-selected={mode === 'grid'} className={`whatif__mode${mode === 'grid' ? ' is-active' : ''}`} onClick={() => setMode('grid')} data-testid="whatif-mode-grid" title="Vary one or two parameters over a grid">Sweep</button>
        <button type="button" role="tab" aria-selected={mode === 'find'} className={`whatif__mode${mode === 'find' ? ' is-active' : ''}`} onClick={() => setMode('find')} data-testid="whatif-mode-find" title="Goal seek: the smallest (or largest) value of a parameter that meets a requirement">Find</button>
        <button type="button" role="tab" aria-selected={mode === 'backpressure'} className={`whatif__mode${mode === 'backpressure' ? ' is-active' : ''}`} onClick={() => setMode('backpressure')} data-testid="whatif-mode-backpressure" title="Time to backpressure per broker: predicted from the capacity analysis vs measured in a run">Backpressure</button>
      </div>
      {mode === 'backpressure' && <BackpressureView minutes={minutes} plannedFaults={plannedFaults} runId={bpRun} onRunChange={setBpRun} onOpenRun={onOpenRun} />}
      {mode !== 'backpressure' && <>
      <div className="whatif__form">
        {mode === 'find' && <FindFields form={findForm} onChange={setFindForm} params={params} metrics={orderedMetrics} />}
        {mode === 'grid' && [0, 1].map((i) => (
          <label key={i}>{i === 0 ? 'Parameter 1' : 'Parameter 2 (optional)'}
            <input list="whatif-params" value={axesText[i] ?? ''} onChange={(e) => whatifUi.getState().setAxis(i, e.target.value)} size={32} data-testid={`whatif-vary-${i + 1}`}
              placeholder="node.setting=1..8" className={added !== undefined && axesText[i] === added ? 'is-added' : undefined} />
          </label>
        ))}
        <datalist id="whatif-params">{params.map((p) => <option key={p.path} value={`${p.path}=${p.value}`} />)}</datalist>
        <label>Seeds<input type="number" min={1} max={100} value={seeds} onChange={(e) => setSeeds(Number(e.target.value))} /></label>
        <label>Minutes<input type="number" min={1} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} /></label>
        {mode === 'grid' && <label>Metric
          <select value={metric} onChange={(e) => setMetric(e.target.value)} data-testid="whatif-metric">
            {(orderedMetrics.length > 0 ? orderedMetrics : [metric]).map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>}
        {running
          ? <button type="button" className="btn" onClick={() => sweep && void api.call('whatif.cancel', { sweepId: sweep.id })} data-testid="whatif-cancel">Cancel</button>
          : mode === 'grid'
            ? <button type="button" className="btn btn-primary" onClick={() => void start().catch((e: unknown) => setIssues([(e as Error).message]))} data-testid="whatif-run">Run sweep</button>
            : <button type="button" className="btn btn-primary" onClick={() => void startFind().catch((e: unknown) => setIssues([(e as Error).message]))} data-testid="whatif-find-run" title="Bisection over the candidates: about log2(n) + 1 cells instead of n">Find</button>}
        <label>Saved of
          <select value={scope} onChange={(e) => setScope(e.target.value as SavedScope)} data-testid="whatif-saved-scope" title="Which saved sweeps to list">
            <option value="project">this project</option>
            <option value="none">no project (CLI --save)</option>
            <option value="all">all projects</option>
          </select>
        </label>
        <label>Saved sweeps
          <select value={sweep?.id ?? ''} onChange={(e) => e.target.value !== '' && void reopen(e.target.value).catch((x: unknown) => setIssues([(x as Error).message]))} data-testid="whatif-saved">
            <option value="">{saved.length === 0 ? '— none yet —' : `— ${saved.length} saved —`}</option>
            {saved.map((s) => <option key={s.sweepId} value={s.sweepId}>{`${scope !== 'project' ? `${s.projectId === null ? 'no project' : s.name.split(':')[0]} · ` : ''}${s.goalText !== undefined ? `find: ${s.goalText}` : s.axisTexts.join(' × ')} · ${s.seeds} seed${s.seeds === 1 ? '' : 's'} · ${s.status} · ${new Date(s.createdAt).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })}`}</option>)}
          </select>
        </label>
      </div>
      {added !== undefined && !running && sweep === undefined && <div className="whatif__hint">Added from the inspector: {added}. Edit the range, add a second parameter, then Run sweep.</div>}
      {issues.length > 0 && <ul className="whatif__issues" role="alert">{issues.map((i) => <li key={i}>{i}</li>)}</ul>}
      {progress && (
        <div className="whatif__bar">
          <div className="whatif__progress" data-testid="whatif-progress">
            {progress.status} · {progress.done}/{progress.total} runs{goal !== undefined && running ? ' at most (bisection stops early)' : ''}{progress.etaMs !== null && running ? ` · ETA ${Math.ceil(progress.etaMs / 1000)} s` : ''}
            {running && <progress max={progress.total} value={progress.done} />}
          </div>
          <div className="whatif__actions">
            <button type="button" className="btn btn-ghost" onClick={exportCsv} disabled={cellList.length === 0} data-testid="whatif-export-csv" title="The table: one row per cell, mean and sd of every metric">CSV</button>
            <button type="button" className="btn btn-ghost" onClick={exportSvg} disabled={cellList.length === 0} data-testid="whatif-export-svg" title="The chart of the chosen metric as SVG">SVG</button>
            <button type="button" className="btn btn-ghost" onClick={exportPng} disabled={cellList.length === 0} data-testid="whatif-export-png" title="The chart of the chosen metric as PNG">PNG</button>
            <button type="button" className="btn btn-ghost" onClick={exportReport} disabled={cellList.length === 0} data-testid="whatif-export-report" title="The sweep as a self-contained HTML report">Report</button>
            {!running && sweep && <button type="button" className="btn btn-ghost" onClick={() => void remove().catch((e: unknown) => setIssues([(e as Error).message]))} data-testid="whatif-delete" title="Delete this sweep and its cell runs">Delete</button>}
          </div>
        </div>
      )}
      <div className="whatif__body">
        {axes.length === 2 && <Heatmap axes={axes} cells={cells} metric={metric} picked={picked} onPick={pick} running={running} goalSeek={goal !== undefined} />}
        {axes.length === 1 && <Line axis={axes[0]!} cells={cellList} metric={metric} picked={picked} onPick={pick} />}
        {goal !== undefined && axes.length <= 2 && <GoalResult goal={goal} cells={cells} order={order} axes={axes} seeds={sweep?.seeds ?? []} running={running} onOpenRun={onOpenRun} />}
        {pickedCells.length > 0 && (
          <aside className="whatif__cellinfo" data-testid="whatif-cellinfo">
            {pickedCells.map((c) => {
              const s = c.stats[metric];
              return (
                <div key={c.index} className="whatif__picked">
                  <div><b>{cellLabel(c)}</b></div>
                  <div>{metric}: {s === undefined ? '—' : `${fmt(s.mean)} ± ${fmt(s.sd)} (min ${fmt(s.min)}, max ${fmt(s.max)})`}</div>
                  <div className="whatif__runs">
                    {c.runIds.length === 0 ? <span>its runs were pruned or deleted (the figures stay)</span> : c.runIds.map((id, k) => (
                      <button key={id} type="button" className="btn" onClick={() => onOpenRun(id)} data-testid="whatif-open-run" title={`Open run ${id} (seed ${sweep?.seeds[k] ?? k + 1}) in the run view`}>
                        Open run · seed {sweep?.seeds[k] ?? k + 1}
                      </button>
                    ))}
                    {c.runIds.length > 0 && (
                      <button type="button" className="btn btn-ghost" onClick={() => { setBpRun(c.runIds[0]!); setMode('backpressure'); }} data-testid="whatif-cell-backpressure"
                        title="Time to backpressure of this cell's first-seed run: predicted vs measured per broker">
                        Backpressure
                      </button>
                    )}
                  </div>
                </div>
              );
            })}
            <div className="whatif__runs">
              <button type="button" className="btn" disabled={compareRuns === undefined} onClick={() => compareRuns && onCompare(compareRuns[0], compareRuns[1])} data-testid="whatif-compare"
                title={pickedCells.length < 2 ? 'Pick a second cell to compare' : 'Compare the two cells\' first-seed runs'}>
                Compare {pickedCells.length < 2 ? '(pick a second cell)' : 'these two cells'}
              </button>
            </div>
          </aside>
        )}
      </div>
      </>}
    </div>
  );
}

function Heatmap({ axes, cells, metric, picked, onPick, running, goalSeek }: { axes: Axis[]; cells: Map<number, WhatifCell>; metric: string; picked: number[]; onPick: (i: number) => void; running: boolean; goalSeek: boolean }) {
  const [rows, cols] = [axes[0]!, axes[1]!];
  const range = useMemo(() => {
    const xs = [...cells.values()].map((c) => c.stats[metric]?.mean).filter((x): x is number => x !== undefined);
    return { min: Math.min(...xs), max: Math.max(...xs) };
  }, [cells, metric]);
  const lower = lowerIsBetter(metric);
  return (
    <div className="whatif__grid" style={{ gridTemplateColumns: `auto repeat(${cols.values.length}, minmax(56px, 1fr))` }} data-testid="whatif-heatmap" role="table" aria-label={`${metric} by ${rows.path} and ${cols.path}`}>
      <div className="whatif__head whatif__corner">{rows.path} ↓ · {cols.path} →</div>
      {cols.values.map((v) => <div key={`c${v}`} className="whatif__head">{fmt(v)}</div>)}
      {rows.values.map((r, i) => [
        <div key={`r${r}`} className="whatif__head">{fmt(r)}</div>,
        ...cols.values.map((_, j) => {
          const index = i * cols.values.length + j;
          const cell = cells.get(index);
          const s = cell?.stats[metric];
          return s === undefined
            ? <div key={`${i}-${j}`} className="whatif__cell is-empty" title={running ? 'not run yet' : goalSeek ? 'not evaluated: bisection did not need this cell' : 'not run (the sweep did not finish)'}>{running ? '…' : ''}</div>
            : (
              <button type="button" key={`${i}-${j}`} className={`whatif__cell${picked.includes(index) ? ' is-picked' : ''}`} data-testid="whatif-cell" data-index={index}
                aria-pressed={picked.includes(index)} title={`${rows.path} = ${fmt(r)}, ${cols.path} = ${fmt(cols.values[j]!)}: ${metric} ${fmt(s.mean)} ± ${fmt(s.sd)} (min ${fmt(s.min)}, max ${fmt(s.max)}). Click to pick (open its run, compare)`}
                style={{ background: heatColour(s.mean, range.min, range.max, lower) }} onClick={() => onPick(index)}>{fmt(s.mean)}</button>
            );
        }),
      ])}
    </div>
  );
}

/** One parameter: a uPlot line of the mean with a min–max band over seeds, the knee circled, and a row per cell to pick. */
function Line({ axis, cells, metric, picked, onPick }: { axis: Axis; cells: WhatifCell[]; metric: string; picked: number[]; onPick: (i: number) => void }) {
  const { points, knee } = useMemo(() => linePoints(axis, cells, metric), [axis, cells, metric]);
  const data = useCallback(() => [points.map((p) => p.x), points.map((p) => p.s.mean), points.map((p) => p.s.max), points.map((p) => p.s.min)], [points]);
  const k = knee === undefined ? undefined : points[knee];
  const mark = useMemo(() => (k === undefined ? undefined : { x: k.x, y: k.s.mean, label: `knee: ${fmt(k.x)}` }), [k]);
  if (points.length === 0) return <div className="whatif__progress">waiting for the first cell…</div>;
  return (
    <div className="whatif__line" data-testid="whatif-line" data-knee={k?.x}>
      <TimeSeriesChart title={`${metric} by ${axis.path} — mean, band: min–max over seeds`} testId="whatif-line-chart" height={170} version={points.length * 1000 + (knee ?? 0)}
        series={[{ label: 'mean', color: '#2563eb', points: true }, { label: 'band max', color: '#2563eb', hidden: true }, { label: 'band min', color: '#2563eb', hidden: true }]}
        band={{ upper: 2, lower: 3, fill: 'rgba(37, 99, 235, 0.18)' }} data={data} xTick={fmt} xSplits={axis.values} mark={mark} />
      {k !== undefined && <div className="whatif__progress" data-testid="whatif-knee">knee (where more stops paying off): {axis.path} = {fmt(k.x)}</div>}
      <table className="whatif__table">
        <thead><tr><th>{axis.path}</th><th>{metric} mean ± sd</th><th>min</th><th>max</th></tr></thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.index} className={picked.includes(p.index) ? 'is-picked' : undefined} onClick={() => onPick(p.index)} data-testid="whatif-row" aria-selected={picked.includes(p.index)}>
              <td>{fmt(p.x)}{knee !== undefined && points[knee] === p ? ' ◉' : ''}</td><td>{fmt(p.s.mean)} ± {fmt(p.s.sd)}</td><td>{fmt(p.s.min)}</td><td>{fmt(p.s.max)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The chart's SVG drawn on a canvas at 2× (a PNG for slides and docs). */
function svgToPng(svg: string): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const c = document.createElement('canvas');
      c.width = img.width * 2;
      c.height = img.height * 2;
      const ctx = c.getContext('2d');
      if (ctx === null) return reject(new Error('no 2D canvas'));
      ctx.scale(2, 2);
      ctx.drawImage(img, 0, 0);
      c.toBlob((b) => (b === null ? reject(new Error('the chart could not be encoded as PNG')) : resolve(b)), 'image/png');
    };
    img.onerror = () => reject(new Error('the chart could not be drawn'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}
