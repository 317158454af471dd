import { memo } from 'react';
import type { NodeKind } from '../../../shared/model';
import { count } from '../../runs/format';
import { backlogOf } from '../../runs/overlay/backlog';
import { useRunNode } from '../../runs/react';
import { KindIcon } from '../icons';

/**
 * Semantic zoom (issue 16): below the zoom where a card's text would be under ~9 px, the card is
 * drawn over by this summary — kind icon, the name in large type, one figure and its colour — so
 * a fitted graph on a laptop or projector still reads. It covers the card instead of replacing
 * it: the card keeps its size, so handles, edges and the fitted view do not move.
 */
export const NodeSummary = memo(function NodeSummary({ nodeId, kind, name, utilisation }: { nodeId: string; kind: NodeKind; name: string; utilisation: number | undefined }) {
  const figure = useSummaryFigure(nodeId, kind, utilisation);
  return (
    <div className="ef-node__summary" data-testid={`node-summary-${nodeId}`} aria-hidden="true">
      <span className="ef-node__icon ef-node__summary-icon"><KindIcon kind={kind} size={22} /></span>
      {figure && <span className={`ef-node__summary-figure ef-node__summary-figure--${figure.level}`} title={figure.title}>{figure.text}</span>}
      <span className="ef-node__summary-name">{name}</span>
    </div>
  );
});

interface Figure { text: string; level: 'ok' | 'warn' | 'high'; title: string }

/** The one figure a summary shows: during a run the backlog (depth or lag) or throughput, else ρ. */
function useSummaryFigure(nodeId: string, kind: NodeKind, utilisation: number | undefined): Figure | undefined {
  const v = useRunNode(nodeId);
  if (v.active && v.state) {
    if (v.state === 'down') return { text: 'down', level: 'high', title: 'down: this node is in an outage' };
    const b = backlogOf(kind, v.queueDepth, v.consumerLag, count);
    if (b.text !== '' && (b.depth > 0 || b.lag > 0)) return { text: b.text, level: b.level, title: b.title };
    return { text: `${count(v.throughput)}/s`, level: v.state === 'healthy' ? 'ok' : 'warn', title: `${v.state} · ${v.throughput} events/s` };
  }
  if (utilisation === undefined) return undefined;
  const pct = Math.round(utilisation * 100);
  return { text: `ρ ${pct > 999 ? '>999' : pct}%`, level: utilisation >= 1 ? 'high' : utilisation >= 0.8 ? 'warn' : 'ok', title: `estimated utilisation ρ ${pct}%` };
}
