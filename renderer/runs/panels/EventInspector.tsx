import { useEffect, useState } from 'react';
import type { RunEvent } from '../../../shared/api/runs';
import { eventColor } from '../../canvas/event-colors';
import { ms } from '../format';
import { useRunsRequired } from '../react';

/**
 * One event (mount with key = event seq): its payload and its whole causal trace (same correlationId) as a timeline. While
 * it is open the trace is lit on the canvas (runs store `trace`).
 */
export function EventInspector({ event, onClose }: { event: RunEvent; onClose: () => void }) {
  const { api, store } = useRunsRequired();
  const [trace, setTrace] = useState<RunEvent[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const runId = store.state.getState().runId;
    if (runId === undefined) return;
    let live = true;
    api.trace(runId, event.correlationId).then(
      (t) => {
        if (!live) return;
        setTrace(t.events);
        store.set({ trace: { selected: event, events: t.events } });
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
      store.set({ trace: undefined });
    };
  }, [api, store, event]);

  const payload = event.payload ?? trace?.find((e) => e.id === event.id && e.payload)?.payload ?? null;
  const t0 = trace?.[0]?.timeMs ?? event.timeMs;
  const span = Math.max(1, (trace?.[trace.length - 1]?.timeMs ?? t0) - t0);
  return (
    <aside className="run-inspector" aria-label="Event inspector" data-testid="event-inspector">
      <header>
        <strong style={{ color: eventColor(event.type) }}>{event.type}</strong> #{event.id} · {event.status}
        <button type="button" className="btn btn-ghost" aria-label="Close inspector" onClick={onClose}>×</button>
      </header>
      <dl className="run-inspector__facts">
        <dt>key</dt><dd>{event.key}</dd>
        <dt>correlation</dt><dd>{event.correlationId}</dd>
        <dt>caused by</dt><dd>{event.causationId ?? '— (root)'}</dd>
        {event.reason && (<><dt>reason</dt><dd>{event.reason}</dd></>)}
      </dl>
      <h4>Payload</h4>
      <pre className="run-inspector__payload" data-testid="event-payload">{payload ? JSON.stringify(payload, null, 2) : 'not stored'}</pre>
      <h4>Causal trace {trace ? `(${trace.length} records, ${ms(span)})` : ''}</h4>
      {error && <div className="run-error" role="alert">{error}</div>}
      <ol className="run-trace" data-testid="event-trace">
        {(trace ?? []).map((e) => (
          <li key={e.seq} className={e.seq === event.seq ? 'is-current' : ''}>
            <span className="run-trace__bar" style={{ left: `${((e.timeMs - t0) / span) * 100}%`, background: eventColor(e.type) }} />
            <span className="run-trace__t">+{ms(e.timeMs - t0)}</span>
            <span className="run-trace__what">{e.type} <em>{e.status}</em> {e.source}{e.target ? ` → ${e.target}` : ''}</span>
          </li>
        ))}
      </ol>
    </aside>
  );
}
