import { Handle, Position, useStore } from '@xyflow/react';
import type { ReactNode } from 'react';
import { memo } from 'react';
import type { NodeKind } from '../../../shared/model';
import { KIND_LABELS } from '../../store/edits/node-factory';
import { eventColor } from '../event-colors';
import type { FlowNodeData } from '../flow-types';
import { FAR_MIN_NODES, FAR_ZOOM, SUMMARY_ZOOM } from '../initial-view';
import { KindIcon } from '../icons';
import { RunNodeBadge, useRunStateClass } from '../../runs/overlay/RunNodeBadge';
import { countRender } from '../render-counter';
import { NodeSummary } from './NodeSummary';

export interface NodeCardProps {
  data: FlowNodeData;
  selected: boolean;
  /** kind label shown under the name ("Topic · kafka") */
  subtitle?: string;
  /** key settings at a glance, one short line each */
  facts: readonly ReactNode[];
  /** no inbound handle (producers) / no outbound handle (sinks) */
  inbound?: boolean;
  outbound?: boolean;
}

/** The card every kind shares: icon, name, key facts, utilisation, event types on the handles. */
export const NodeCard = memo(function NodeCard({ data, selected, subtitle, facts, inbound = true, outbound = true }: NodeCardProps) {
  const { node, utilisation, inTypes, outTypes, capacityNote } = data;
  countRender(node.id);
  // semantic zoom: far out on a big graph, a card is its icon and name (what is readable there), which keeps
  // big graphs light to draw
  const far = useStore(farSelector);
  const summary = useStore(summarySelector);
  const kind: NodeKind = node.kind;
  if (far) return <FarCard data={data} selected={selected} inbound={inbound} outbound={outbound} />;
  return (
    <div className={`ef-node ef-node--${kind}${selected ? ' is-selected' : ''}${summary ? ' is-summary' : ''}`} data-testid={`node-${node.id}`} data-kind={kind}>
      {inbound && <Handle type="target" position={Position.Left} className="ef-handle ef-handle--in" title={inTypes.length ? `in: ${inTypes.join(', ')}` : 'in'} />}
      <div className="ef-node__head">
        <span className="ef-node__icon"><KindIcon kind={kind} size={16} /></span>
        <div className="ef-node__titles">
          <div className="ef-node__name" title={node.name}>{node.name}</div>
          <div className="ef-node__kind">{subtitle ?? KIND_LABELS[kind]}</div>
        </div>
        {utilisation !== undefined && <UtilisationBadge rho={utilisation} note={capacityNote} />}
      </div>
      {!far && facts.length > 0 && (
        <ul className="ef-node__facts">
          {facts.map((f, i) => <li key={i}>{f}</li>)}
        </ul>
      )}
      {!far && (inTypes.length > 0 || outTypes.length > 0) && (
        <div className="ef-node__types">
          <TypeChips types={inTypes} side="in" />
          <TypeChips types={outTypes} side="out" />
        </div>
      )}
      <RunNodeBadge nodeId={node.id} kind={kind} />
      {summary && <NodeSummary nodeId={node.id} kind={kind} name={node.name} utilisation={utilisation} />}
      {outbound && <Handle type="source" position={Position.Right} className="ef-handle ef-handle--out" title={outTypes.length ? `out: ${outTypes.join(', ')}` : 'out'} />}
    </div>
  );
});

/**
 * The far-out card: what the full card shows from afar (kind colour, name, ρ colour when high,
 * run state) with few elements and nothing that needs its own clip or transform, so a thousand of
 * them are cheap to lay out, paint and composite. Same size as the full card's head (initial-view.ts).
 */
function FarCard({ data, selected, inbound, outbound }: Pick<NodeCardProps, 'data' | 'selected' | 'inbound' | 'outbound'>) {
  const { node, utilisation } = data;
  const level = utilisation === undefined ? 'ok' : utilisation >= 1 ? 'over' : utilisation >= 0.8 ? 'high' : 'ok';
  const run = useRunStateClass(node.id);
  return (
    <div className={`ef-node ef-node--${node.kind} ef-node--far${selected ? ' is-selected' : ''}${run}`} data-testid={`node-${node.id}`} data-kind={node.kind}>
      {inbound && <Handle type="target" position={Position.Left} className="ef-handle ef-handle--in" />}
      <span className="ef-node__far-icon" />
      <span className="ef-node__far-name">{node.name.length > FAR_NAME_CHARS ? `${node.name.slice(0, FAR_NAME_CHARS - 1)}…` : node.name}</span>
      {level !== 'ok' && <span className={`ef-node__far-rho ef-node__far-rho--${level}`} />}
      {outbound && <Handle type="source" position={Position.Right} className="ef-handle ef-handle--out" />}
    </div>
  );
}
/** what fits on one line of a far card: cut in JS, because a CSS ellipsis needs a clip per card */
const FAR_NAME_CHARS = 22;

const farSelector = (s: { transform: [number, number, number]; nodes: readonly unknown[] }) => s.transform[2] < FAR_ZOOM && s.nodes.length > FAR_MIN_NODES;
// big graphs keep their detailed cards down to FAR_ZOOM: a summary per card would cost them frames
const summarySelector = (s: { transform: [number, number, number]; nodes: readonly unknown[] }) => s.transform[2] < SUMMARY_ZOOM && s.nodes.length <= FAR_MIN_NODES;

function TypeChips({ types, side }: { types: readonly string[]; side: 'in' | 'out' }) {
  if (types.length === 0) return <span />;
  const shown = types.slice(0, 3);
  return (
    <span className={`ef-types ef-types--${side}`} aria-label={`${side === 'in' ? 'consumes' : 'emits'} ${types.join(', ')}`}>
      {side === 'out' && <span className="ef-types__arrow">→</span>}
      {shown.map((t) => (
        <span key={t} className="ef-chip" style={{ ['--chip' as string]: eventColor(t) }} title={t}>{t}</span>
      ))}
      {types.length > shown.length && <span className="ef-chip ef-chip--more">+{types.length - shown.length}</span>}
      {side === 'in' && <span className="ef-types__arrow">→</span>}
    </span>
  );
}

export function UtilisationBadge({ rho, note }: { rho: number; note?: string | undefined }) {
  const pct = rho * 100;
  const level = pct >= 100 ? 'over' : pct >= 80 ? 'high' : 'ok';
  const text = pct >= 1000 ? '>999%' : pct < 1 && pct > 0 ? '<1%' : `${Math.round(pct)}%`;
  return (
    <span className={`ef-rho ef-rho--${level}`} title={`Estimated utilisation ρ = arrival / capacity = ${pct.toFixed(1)} %${pct >= 100 ? ': the backlog grows while this lasts' : ''}.${note ? `\n${note}` : ''}`} data-testid="utilisation">
      ρ {text}
    </span>
  );
}

export const fmtRate = (r: number): string => (r >= 1000 ? `${(r / 1000).toFixed(r >= 10_000 ? 0 : 1)}k` : `${Number.isInteger(r) ? r : r.toFixed(1)}`);
export const fmtMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${Math.round(ms)} ms`);
