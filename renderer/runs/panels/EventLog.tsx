import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EventsQuery, RunEvent } from '../../../shared/api/runs';
import { eventColor } from '../../canvas/event-colors';
import { clock, grouped } from '../format';
import { useRuns, useRunsRequired } from '../react';
import { EventInspector } from './EventInspector';

const ROW_H = 24;
const PAGE = 200;
/** rows kept in memory while scrolling; a log of millions is paged, never loaded whole */
const MAX_ROWS = 50_000;

export interface LogFilters {
  type: string;
  nodeId: string;
  key: string;
  fromSec: string;
  toSec: string;
}

const NO_FILTERS: LogFilters = { type: '', nodeId: '', key: '', fromSec: '', toSec: '' };

/**
 * The stored event log of the shown run, paged from SQLite by keyset (afterSeq) as the list
 * scrolls, filtered by type, node, key and time range. Only the visible rows are in the DOM.
 */
export function EventLog({ nodes, types }: { nodes: readonly { id: string; name: string }[]; types: readonly string[] }) {
  const runId = useRuns((s) => s.runId);
  const [filters, setFilters] = useState<LogFilters>(NO_FILTERS);
  const [reload, setReload] = useState(0);
  const query = useMemo((): EventsQuery | undefined => {
    if (runId === undefined) return undefined;
    const from = Number(filters.fromSec);
    const to = Number(filters.toSec);
    return {
      runId,
      limit: PAGE,
      ...(filters.type ? { types: [filters.type] } : {}),
      ...(filters.nodeId ? { nodeId: filters.nodeId } : {}),
      ...(filters.key.trim() ? { key: filters.key.trim() } : {}),
      ...(filters.fromSec !== '' && Number.isFinite(from) ? { fromMs: Math.max(0, from * 1000) } : {}),
      ...(filters.toSec !== '' && Number.isFinite(to) ? { toMs: Math.max(0, to * 1000) } : {}),
    };
  }, [runId, filters]);
  const set = (patch: Partial<LogFilters>) => setFilters((f) => ({ ...f, ...patch }));
  if (!query) return <p className="run-empty">Start a run or open one from History to browse its events.</p>;
  return (
    <div className="run-log__outer">
      <div className="run-log__filters" role="group" aria-label="Event filters">
        <select aria-label="Event type" value={filters.type} onChange={(e) => set({ type: e.target.value })} data-testid="log-filter-type">
          <option value="">all types</option>
          {types.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        <select aria-label="Node" value={filters.nodeId} onChange={(e) => set({ nodeId: e.target.value })} data-testid="log-filter-node">
          <option value="">all nodes</option>
          {nodes.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
        </select>
        <input aria-label="Key" placeholder="key (orderId…)" value={filters.key} onChange={(e) => set({ key: e.target.value })} data-testid="log-filter-key" />
        <input aria-label="From (s)" placeholder="from s" type="number" min={0} value={filters.fromSec} onChange={(e) => set({ fromSec: e.target.value })} />
        <input aria-label="To (s)" placeholder="to s" type="number" min={0} value={filters.toSec} onChange={(e) => set({ toSec: e.target.value })} />
        <button type="button" className="btn btn-ghost" onClick={() => setReload((n) => n + 1)} title="Read the log again (a live run keeps writing)">↻</button>
      </div>
      <EventRows key={`${JSON.stringify(query)}#${reload}`} query={query} />
    </div>
  );
}

/** The rows of one query: first page on mount, the next ones as the list scrolls near its end. */
function EventRows({ query }: { query: EventsQuery }) {
  const { api } = useRunsRequired();
  const [rows, setRows] = useState<RunEvent[]>([]);
  const [total, setTotal] = useState<number>();
  const [more, setMore] = useState(true);
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<RunEvent>();
  const [view, setView] = useState({ top: 0, height: 240 });
  const box = useRef<HTMLDivElement>(null);
  const paging = useRef({ after: -1, done: false, loading: false, alive: true });

  const loadMore = useCallback(() => {
    const p = paging.current;
    if (p.done || p.loading) return;
    p.loading = true;
    api.events({ ...query, afterSeq: p.after }).then(
      (page) => {
        p.loading = false;
        if (!p.alive) return;
        p.after = page.nextAfterSeq;
        p.done = page.done || page.events.length === 0;
        setRows((r) => {
          const next = [...r, ...page.events];
          return next.length > MAX_ROWS ? next.slice(next.length - MAX_ROWS) : next;
        });
        setTotal(page.total);
        setMore(!p.done);
      },
      (e: unknown) => {
        p.loading = false;
        if (p.alive) setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [api, query]);

  useEffect(() => {
    const p = paging.current;
    p.alive = true;
    loadMore();
    const el = box.current;
    const ro = el ? new ResizeObserver(() => setView((v) => ({ ...v, height: el.clientHeight }))) : undefined;
    if (el) ro?.observe(el);
    return () => {
      p.alive = false;
      ro?.disconnect();
    };
  }, [loadMore]);

  const onScroll = (top: number, height: number) => {
    setView({ top, height });
    if ((top + height) / ROW_H >= rows.length - 40) loadMore();
  };
  const first = Math.max(0, Math.floor(view.top / ROW_H) - 5);
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / ROW_H) + 5);
  return (
    <div className="run-log">
      <div className="run-log__main">
        <span className="run-log__count" data-testid="log-count">{grouped(rows.length)}{more ? '+' : ''} shown{total !== undefined ? ` · ${grouped(total)} stored` : ''}</span>
        <div className="run-log__row run-log__head" role="row" aria-hidden="true">
          <span title="Simulated time">Sim time</span><span>Event type</span><span>Status</span><span>Where</span><span>Key</span>
        </div>
        {error && <div className="run-error" role="alert">{error}</div>}
        <div className="run-log__rows" ref={box} onScroll={(e) => onScroll(e.currentTarget.scrollTop, e.currentTarget.clientHeight)} role="table" aria-label="Event log" data-testid="event-log">
          <div style={{ height: rows.length * ROW_H, position: 'relative' }}>
            {rows.slice(first, last).map((ev, k) => (
              <div
                key={ev.seq}
                role="row"
                className={`run-log__row${selected?.seq === ev.seq ? ' is-selected' : ''}`}
                style={{ top: (first + k) * ROW_H, height: ROW_H }}
                onClick={() => setSelected(ev)}
                data-testid="log-row"
              >
                <span className="run-log__t">{clock(ev.timeMs)}.{String(Math.floor(ev.timeMs % 1000)).padStart(3, '0')}</span>
                <span className="run-log__type" style={{ ['--chip' as string]: eventColor(ev.type) }}>{ev.type}</span>
                <span className={`run-log__status run-log__status--${ev.status}`}>{ev.status}</span>
                <span className="run-log__where">{ev.source}{ev.target ? ` → ${ev.target}` : ''}</span>
                <span className="run-log__key">{ev.key}</span>
              </div>
            ))}
          </div>
          {rows.length === 0 && !more && <p className="run-empty">No stored events match.</p>}
        </div>
      </div>
      {selected && <EventInspector key={selected.seq} event={selected} onClose={() => setSelected(undefined)} />}
    </div>
  );
}
