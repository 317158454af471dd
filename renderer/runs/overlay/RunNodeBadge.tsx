import { memo } from 'react';
import { count } from '../format';
import { useRunNode, useRuns } from '../react';
import { backlogOf } from './backlog';

/**
 * A node's live run state, drawn inside the node card: a ring coloured by state (healthy,
 * degraded, down, failing), counters, throughput, and for brokers and consumers the backlog
 * (backlog.ts: depth on brokers, lag on consumers) coloured by backpressure. Renders nothing when no run is shown.
 */
export const RunNodeBadge = memo(function RunNodeBadge({ nodeId, kind }: { nodeId: string; kind?: string }) {
  const v = useRunNode(nodeId);
  const traced = useRuns((s) => (s.trace ? s.trace.events.some((e) => e.source === nodeId || e.target === nodeId) : false));
  // figures measured on a real broker (docs/live.md), not simulated
  const live = useRuns((s) => s.live !== undefined);
  if (!v.active || !v.state) return traced ? <span className="run-ring run-ring--traced" aria-hidden="true" /> : null;
  const b = backlogOf(kind, v.queueDepth, v.consumerLag, count);
  return (
    <>
      <span className={`run-ring run-ring--${v.state}${traced ? ' run-ring--traced' : ''}`} aria-hidden="true" />
      {live && <span className="live-pill run-node-live" data-testid={`live-badge-${nodeId}`} title="Figures measured on the real broker, not simulated">LIVE</span>}
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
        {b.text !== '' && (
          <span className={`run-badge__backlog run-badge__backlog--${b.level}`} data-testid={`run-backlog-${nodeId}`} title={b.title}>
            {b.text}
          </span>
        )}
        {v.errors > 0 && <span className="run-badge__errors">{count(v.errors)} err</span>}
      </div>
    </>
  );
});

/**
 * Far out on a big graph (FarCard) the badge's figures are a few px tall: the card's own border
 * takes the state's colour instead (a class, no extra element to paint). It changes when the
 * node's state changes, not on every snapshot — with 1,000 cards in view, re-rendering and painting
 * a badge per card 30 times a second took the frames from pan and zoom (bench/canvas-zoom-run.mjs).
 */
export function useRunStateClass(nodeId: string): string {
  const state = useRuns((s) => (s.snapshot !== undefined ? s.nodes.get(nodeId)?.state : undefined));
  const traced = useRuns((s) => (s.trace ? s.trace.events.some((e) => e.source === nodeId || e.target === nodeId) : false));
  return `${state ? ` ef-node--run-${state}` : ''}${traced ? ' ef-node--run-traced' : ''}`;
}
