import { useCallback, useEffect, useState } from 'react';
import type { StorageUsage } from '../../shared/api/storage';
import { useApi } from '../api/react';
import { relativeTime } from './time';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const BUDGETS = [256 * MiB, 512 * MiB, GiB, 2 * GiB, 5 * GiB, 10 * GiB, 20 * GiB, 50 * GiB];
const ROWS = 8;

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < MiB) return `${(n / 1024).toFixed(0)} KB`;
  if (n < GiB) return `${(n / MiB).toFixed(n < 10 * MiB ? 1 : 0)} MB`;
  return `${(n / GiB).toFixed(1)} GB`;
}

/**
 * What the data folder holds and what takes the space: the database file against the event-log
 * budget, the biggest runs with one-click pruning of their event log or the whole run, and the
 * budget itself (oldest finished runs' event logs are pruned to fit; summaries and series stay).
 */
export function StoragePanel() {
  const api = useApi();
  const [usage, setUsage] = useState<StorageUsage>();
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();
  const [open, setOpen] = useState(false);
  const refresh = useCallback(() => {
    api.call('storage.usage', {}).then(setUsage, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [api]);
  useEffect(refresh, [refresh]);

  const act = async (what: Promise<{ runsDeleted: number[]; eventsPruned: number[]; bytesFreed: number }>) => {
    try {
      const r = await what;
      setNote(`${r.runsDeleted.length > 0 ? `${r.runsDeleted.length} run${r.runsDeleted.length === 1 ? '' : 's'} deleted` : `${r.eventsPruned.length} event log${r.eventsPruned.length === 1 ? '' : 's'} pruned`}, ${bytes(r.bytesFreed)} freed`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
    refresh();
  };
  const setBudget = async (b: number) => {
    try {
      setUsage(await api.call('storage.setBudget', { bytes: b }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  if (usage === undefined) return error ? <p className="storage-error" role="alert">{error}</p> : null;
  const pct = Math.min(100, (usage.eventBytes / usage.budgetBytes) * 100);
  const runs = usage.runs.filter((r) => r.eventBytes + r.seriesBytes > 0);
  return (
    <section className="storage" aria-label="Storage" data-testid="storage-panel">
      <button type="button" className="storage-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className="storage-title">Storage</span>
        <span className="storage-summary" data-testid="storage-summary">
          {bytes(usage.databaseBytes)} on disk · event logs {bytes(usage.eventBytes)} of {bytes(usage.budgetBytes)}
        </span>
        <span className="storage-bar" aria-hidden="true"><span style={{ width: `${pct}%` }} className={pct >= 90 ? 'is-high' : ''} /></span>
      </button>
      {open && (
        <div className="storage-body">
          <p className="storage-file" title={usage.databaseFile}>{usage.databaseFile}{usage.freeBytes > 0 ? ` · ${bytes(usage.freeBytes)} free inside, returned after the next run` : ''}</p>
          <label className="storage-budget">
            <span>Budget for event logs</span>
            <select value={usage.budgetBytes} onChange={(e) => void setBudget(Number(e.target.value))} data-testid="storage-budget">
              {[...new Set([...BUDGETS, usage.budgetBytes])].sort((a, b) => a - b).map((b) => <option key={b} value={b}>{bytes(b)}</option>)}
            </select>
            <span className="storage-hint">Past it, the oldest finished runs lose their event logs; summaries, KPIs and charts stay.</span>
          </label>
          {note && <p className="storage-note" role="status">{note}</p>}
          {error && <p className="storage-error" role="alert">{error}</p>}
          {runs.length === 0 ? (
            <p className="storage-empty">No runs stored yet.</p>
          ) : (
            <table className="storage-table" aria-label="Runs by size">
              <thead><tr><th>Run</th><th>Events</th><th>Size</th><th>Recorded</th><th aria-label="Actions" /></tr></thead>
              <tbody>
                {runs.slice(0, ROWS).map((r) => {
                  const live = r.status === 'running' || r.status === 'paused' || r.status === 'idle';
                  return (
                    <tr key={r.id} data-testid="storage-run" data-run-id={r.id}>
                      <td className="storage-name" title={r.name}>#{r.id} {r.name}</td>
                      <td>{r.eventsPrunedAt ? 'pruned' : r.eventCount.toLocaleString('en-US')}</td>
                      <td>{bytes(r.eventBytes + r.seriesBytes)}</td>
                      <td>{relativeTime(r.createdAt)}</td>
                      <td className="storage-actions">
                        <button type="button" className="btn btn-ghost" disabled={live || r.eventBytes === 0} title={live ? 'running: stop it first' : 'keep the summary and charts, drop the event log'}
                          onClick={() => void act(api.call('storage.prune', { runIds: [r.id], eventsOnly: true }))} data-testid="storage-prune-events">Drop events</button>
                        <button type="button" className="btn btn-ghost btn-danger" disabled={live} onClick={() => void act(api.call('storage.prune', { runIds: [r.id], eventsOnly: false }))} data-testid="storage-delete">Delete</button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {runs.length > ROWS && <p className="storage-more">… and {runs.length - ROWS} smaller runs (eventflow runs storage lists them all)</p>}
        </div>
      )}
    </section>
  );
}
