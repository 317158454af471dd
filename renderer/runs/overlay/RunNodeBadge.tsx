import { memo } from 'react';
import { count } from '../format';
import { useRunNode, useRuns } from '../react';

/** Backpressure level of a backlog: what colour its badge gets. */
export function backlogLevel(n: number): 'ok' | 'warn' | 'high' {
  return n >= 200 ? 'high' : n >= 20 ? 'warn' : 'ok';
}

const BROKERS = new Set(['topic', 'queue', 'bus']);

/**
 * A node's live run state, drawn inside the node card: a ring coloured by state (healthy,
 * degraded, down, failing), counters, throughput, and for brokers and consumers the backlog
 * (queue depth / consumer lag) coloured by backpressure. Renders nothing when no run is shown.
 */
export const RunNodeBadge = memo(function RunNodeBadge({ nodeId, kind }: { nodeId: string; kind?: string }) {
  const v = useRunNode(nodeId);
  const traced = useRuns((s) => (s.trace ? s.trace.events.some((e) => e.source === nodeId || e.target === nodeId) : false));
  if (!v.active || !v.state) return traced ? <span className="run-ring run-ring--traced" aria-hidden="true" /> : null;
  const broker = kind ? BROKERS.has(kind) : false;
  const backlog = broker ? v.queueDepth : v.consumerLag + v.queueDepth;
  const level = backlogLevel(Math.max(backlog, v.consumerLag));
  return (
    <>
      <span className={`run-ring run-ring--${v.state}${traced ? ' run-ring--traced' : ''}`} aria-hidden="true" />
      <div
        className={`run-badge run-badge--${v.state}`}
        data-testid={`run-badge-${nodeId}`}
        data-state={v.state}
        data-in={v.in}
        data-out={v.out}
        data-depth={v.queueDepth}
        data-lag={v.consumerLag}
        title={`${v.state} · in ${v.in} · out ${v.out} · ${v.throughput}/s${v.errors ? ` · ${v.errors} errors` : ''}${v.drops ? ` · ${v.drops} dropped` : ''}`}
      >
        <span className="run-badge__state">{v.state}</span>
        <span className="run-badge__count" title="in / out">{count(v.in)} → {count(v.out)}</span>
        <span className="run-badge__rate">{count(v.throughput)}/s</span>
        {(broker || backlog > 0 || v.consumerLag > 0) && (
          <span className={`run-badge__backlog run-badge__backlog--${level}`} data-testid={`run-backlog-${nodeId}`} title={broker ? `queue depth ${v.queueDepth}, consumer lag ${v.consumerLag}` : `waiting for this consumer: ${v.consumerLag}`}>
            {broker ? `depth ${count(v.queueDepth)}` : `lag ${count(Math.max(v.consumerLag, backlog))}`}
            {broker && v.consumerLag > 0 ? ` · lag ${count(v.consumerLag)}` : ''}
          </span>
        )}
        {v.errors > 0 && <span className="run-badge__errors">{count(v.errors)} err</span>}
      </div>
    </>
  );
});
