import { Fragment, useCallback, useEffect, useState } from 'react';
import { clock, grouped, money, ms } from '../format';
import { useRuns, useRunsRequired } from '../react';
import type { ExportFormat, RunId, RunListSort, RunMeta } from '../runs-api';
import { downloadText } from './download';
import { currentTheme } from '../../workspace/theme-store';
import { LiveRunTag, TwinButton } from '../../live/TwinButton';
import './tables.css';

/** `low`: the first columns to go when the dock is narrow (tables.css); the row's ⋯ shows them */
const COLUMNS: { sort: RunListSort | undefined; label: string; low?: boolean }[] = [
  { sort: undefined, label: 'Run' },
  { sort: 'date', label: 'Started', low: true },
  { sort: undefined, label: 'Status' },
  { sort: undefined, label: 'Sim time', low: true },
  { sort: 'orders', label: 'Orders' },
  { sort: 'revenue', label: 'Revenue' },
  { sort: 'ordersLost', label: 'Lost' },
  { sort: 'p99', label: 'p99' },
  { sort: 'errors', label: 'Errors', low: true },
];

/** "Nov 25, 10:28:48": the full date and zone stay in the cell's tooltip, the table must fit a laptop */
const startedText = (iso: string): string => new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * The project's stored runs, sortable by date and KPIs: open one to replay it, pick two to
 * compare, rename, annotate, export (HTML report, CSV metrics, JSON) or delete.
 */
export function RunHistory({ onCompare }: { onCompare: (a: RunId, b: RunId) => void }) {
  const { api, projectId, control } = useRunsRequired();
  const version = useRuns((s) => s.historyVersion);
  const openId = useRuns((s) => (s.mode === 'replay' ? s.runId : undefined));
  const [runs, setRuns] = useState<RunMeta[]>();
  const [sort, setSort] = useState<{ by: RunListSort; order: 'asc' | 'desc' }>({ by: 'date', order: 'desc' });
  const [picked, setPicked] = useState<RunId[]>([]);
  const [editing, setEditing] = useState<{ id: RunId; field: 'name' | 'note'; value: string }>();
  const [confirmDelete, setConfirmDelete] = useState<RunId>();
  // one row's actions open at a time, in a row under it: the table fits 1280 px without scrolling sideways
  const [expanded, setExpanded] = useState<RunId>();
  const [error, setError] = useState<string>();
  // runs of every project: the monolith template's "compare with the event-driven checkout" needs it
  const [everyProject, setEveryProject] = useState(false);

  const reload = useCallback(() => {
    api.list(everyProject ? undefined : projectId, sort.by, sort.order).then(setRuns, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [api, projectId, sort, everyProject]);
  useEffect(reload, [reload, version]);

  const guard = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
    reload();
  };
  const exportRun = (id: RunId, format: ExportFormat) => guard(async () => {
    const r = await api.exportRun(id, format, currentTheme());
    downloadText(r.fileName, r.mimeType, r.text);
  });
  const saveEdit = () => {
    if (!editing) return;
    const { id, field, value } = editing;
    setEditing(undefined);
    if (!value.trim()) return;
    void guard(() => (field === 'name' ? api.rename(id, value.trim()) : api.annotate(id, value.trim())));
  };
  const toggle = (id: RunId) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));

  return (
    <div className="run-history" data-testid="run-history">
      <div className="run-history__bar">
        <button type="button" className="btn" disabled={picked.length !== 2} onClick={() => onCompare(Math.min(picked[0], picked[1]), Math.max(picked[0], picked[1]))} data-testid="history-compare">
          Compare {picked.length === 2 ? 'the 2 picked runs' : '(pick 2)'}
        </button>
        <label className="run-field run-field--check" title="List the runs of every project, to compare across projects">
          <input type="checkbox" checked={everyProject} onChange={(e) => setEveryProject(e.target.checked)} data-testid="history-all-projects" />
          <span>All projects</span>
        </label>
        <button type="button" className="btn btn-ghost" onClick={reload}>↻ Refresh</button>
        {error && <span className="run-error" role="alert">{error}</span>}
      </div>
      {runs && runs.length === 0 && <p className="run-empty">No runs yet: press ▶ Run. Every run is kept here.</p>}
      {runs && runs.length > 0 && (
        <table className="run-table">
          <thead>
            <tr>
              <th aria-label="Pick" />
              {COLUMNS.map((c) => (
                <th key={c.label} className={c.low ? 'is-low' : undefined} aria-sort={c.sort === sort.by ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {c.sort ? (
                    <button type="button" className="run-table__sort" onClick={() => setSort((s) => ({ by: c.sort as RunListSort, order: s.by === c.sort && s.order === 'desc' ? 'asc' : 'desc' }))}>
                      {c.label}{c.sort === sort.by ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ''}
                    </button>
                  ) : c.label}
                </th>
              ))}
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <Fragment key={r.id}>
              <tr className={openId === r.id ? 'is-open' : ''} data-testid="history-row" data-run-id={r.id} data-status={r.status}>
                <td><input type="checkbox" aria-label={`Pick ${r.name} for comparison`} checked={picked.includes(r.id)} onChange={() => toggle(r.id)} /></td>
                <td className="run-table__name">
                  {editing?.id === r.id && editing.field === 'name' ? (
                    <input autoFocus aria-label="Run name" value={editing.value} onChange={(e) => setEditing({ ...editing, value: e.target.value })} onBlur={saveEdit} onKeyDown={(e) => { if (e.key === 'Enter') saveEdit(); if (e.key === 'Escape') setEditing(undefined); }} />
                  ) : (
                    r.projectId === projectId ? (
                      <button type="button" className="run-table__open" onClick={() => void control.openRun(r.id)} title={`Open ${r.name || `Run ${r.id}`} and replay it`} data-testid="history-open">{r.name || `Run ${r.id}`}</button>
                    ) : (
                      // another project's run replays on its own canvas; here it can be compared
                      <span className="run-table__foreign" title={`A run of “${r.topologyName}” (another project): pick it to compare; open its project to replay it`} data-testid="history-foreign">
                        {r.name || `Run ${r.id}`} <span className="run-table__project">{r.topologyName}</span>
                      </span>
                    )
                  )}
                  <LiveRunTag run={r} />
                  <TwinButton run={r} onCompare={onCompare} />
                  {editing?.id === r.id && editing.field === 'note' && (
                    <input autoFocus aria-label="Run note" placeholder="note…" value={editing.value} onChange={(e) => setEditing({ ...editing, value: e.target.value })} onBlur={saveEdit} onKeyDown={(e) => { if (e.key === 'Enter') saveEdit(); if (e.key === 'Escape') setEditing(undefined); }} />
                  )}
                </td>
                <td className="is-low" title={new Date(r.createdAt).toLocaleString()}>{startedText(r.createdAt)}</td>
                <td><span className={`run-phase run-phase--${r.status}`}>{r.status}</span></td>
                <td className="is-low">{clock(r.simulatedMs)}</td>
                <td>{grouped(r.kpis.orders)}</td>
                <td>{money(r.kpis.revenue, r.kpis.currency)}</td>
                <td className={r.kpis.ordersLost > 0 ? 'is-bad' : ''}>{grouped(r.kpis.ordersLost)}</td>
                <td>{ms(r.kpis.checkoutLatencyP99Ms || r.kpis.p99Ms)}</td>
                <td className="is-low">{grouped(r.kpis.errors)}</td>
                <td className="run-table__more">
                  <button type="button" className="btn btn-ghost" aria-expanded={expanded === r.id} onClick={() => setExpanded(expanded === r.id ? undefined : r.id)}
                    aria-label={`Actions for ${r.name || `Run ${r.id}`}`} title="Rename, note, export, delete" data-testid="history-more">⋯</button>
                </td>
              </tr>
              {expanded === r.id && (
                <tr className="run-table__detail" data-testid="history-detail">
                  <td />
                  <td colSpan={COLUMNS.length}>
                    <div className="run-table__actions">
                    <button type="button" className="btn btn-ghost" onClick={() => setEditing({ id: r.id, field: 'name', value: r.name })} aria-label={`Rename ${r.name}`}>Rename</button>
                    <button type="button" className="btn btn-ghost" onClick={() => setEditing({ id: r.id, field: 'note', value: '' })} aria-label={`Annotate ${r.name}`}>Note</button>
                    {(['html', 'csv', 'json'] as const).map((f) => (
                      <button key={f} type="button" className="btn btn-ghost" onClick={() => void exportRun(r.id, f)} aria-label={`Export ${r.name} as ${f.toUpperCase()}`} data-testid={`history-export-${f}`}>{f.toUpperCase()}</button>
                    ))}
                    {confirmDelete === r.id ? (
                      <>
                        <button type="button" className="btn btn-danger" autoFocus onClick={() => { setConfirmDelete(undefined); void guard(() => api.remove(r.id)); }}>Really delete</button>
                        <button type="button" className="btn btn-ghost" onClick={() => setConfirmDelete(undefined)} onKeyDown={(e) => e.key === 'Escape' && setConfirmDelete(undefined)}>Cancel</button>
                      </>
                    ) : (
                      <button type="button" className="btn btn-ghost" onClick={() => setConfirmDelete(r.id)} aria-label={`Delete ${r.name}`} disabled={r.status === 'running' || r.status === 'paused'}>Delete</button>
                    )}
                    <span className="run-table__facts">started {new Date(r.createdAt).toLocaleString()} · sim time {clock(r.simulatedMs)} · {grouped(r.kpis.errors)} errors</span>
                    </div>
                  </td>
                </tr>
              )}
            </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
