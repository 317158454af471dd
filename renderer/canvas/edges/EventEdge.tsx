import type { EdgeProps } from '@xyflow/react';
import { BaseEdge, EdgeLabelRenderer, ViewportPortal, getBezierPath, useStore } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from '../flow-types';
import { FAR_MIN_NODES, SUMMARY_ZOOM } from '../initial-view';
import { useEdgeHovered, useLabelSpot } from './label-spots';

/**
 * The invisible hit path's width in flow units: about 12 screen px at every zoom, so an edge stays
 * clickable zoomed far out (issue 16), yet narrow enough that a selected edge (drawn above the
 * cards) does not cover a nearby handle. Stepped in quarter octaves so a zoom re-renders the edges
 * only when it crosses a step.
 */
export const hitWidth = (zoom: number): number => Math.round(Math.min(256, Math.max(14, 2 ** (Math.round(4 * Math.log2(12 / zoom)) / 4))));

/**
 * One edge component for every kind; the kind decides the look: publish/subscribe solid with an
 * arrow, call dashed, route with a diamond at the source, dead-letter links dotted red.
 */
export const EventEdge = memo(function EventEdge(props: EdgeProps<FlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, curvature: 0.3 });
  const kind = data?.kind ?? 'publish';
  // labels are unreadable when zoomed far out and cost the most to draw on big graphs; on small
  // graphs they give way to the node summaries below SUMMARY_ZOOM and show on hover
  const showLabel = useStore((s) => (s.nodes.length <= FAR_MIN_NODES ? s.transform[2] >= SUMMARY_ZOOM : s.transform[2] >= 0.45));
  const interactionWidth = useStore((s) => hitWidth(s.transform[2]));
  const spot = useLabelSpot(id);
  const hovered = useEdgeHovered(id);
  const labelShown = selected || hovered || (showLabel && spot !== 'hidden');
  const at = typeof spot === 'object' && !hovered ? spot : { x: labelX, y: labelY };
  // a hovered label is drawn above the cards (the viewport portal comes after the nodes) and at a
  // readable size at any zoom
  const scale = useStore((s) => (hovered ? Math.max(1, 0.9 / s.transform[2]) : 1));
  const Layer = hovered ? ViewportPortal : EdgeLabelRenderer;
  const marker = kind === 'dead-letter' ? 'url(#ef-arrow-dlq)' : selected ? 'url(#ef-arrow-selected)' : 'url(#ef-arrow)';
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`ef-edge ef-edge--${kind}${selected ? ' is-selected' : ''}`}
        markerEnd={marker}
        markerStart={kind === 'route' ? 'url(#ef-diamond)' : undefined}
        interactionWidth={kind === 'dead-letter' ? 0 : interactionWidth}
      />
      {data?.label && labelShown && (
        <Layer>
          <div
            className={`ef-edge-label ef-edge-label--${kind}${selected ? ' is-selected' : ''}${hovered ? ' is-hovered' : ''}${data.spot ? ` ef-spot-${data.spot}` : ''} nodrag nopan`}
            style={{ transform: `translate(${at.x}px, ${at.y}px) translate(-50%, -50%) scale(${scale})` }}
            data-testid={`edge-label-${id}`}
          >
            {data.label}
          </div>
        </Layer>
      )}
    </>
  );
});

export const EDGE_TYPES = { event: EventEdge };

/** SVG markers the edges refer to (rendered once inside the canvas). */
export function EdgeMarkers() {
  return (
    <svg className="ef-markers" aria-hidden="true" width="0" height="0" style={{ position: 'absolute' }}>
      <defs>
        <marker id="ef-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0 0 10 5 0 10z" className="ef-marker" />
        </marker>
        <marker id="ef-arrow-selected" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0 0 10 5 0 10z" className="ef-marker ef-marker--selected" />
        </marker>
        <marker id="ef-arrow-dlq" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0 0 10 5 0 10z" className="ef-marker ef-marker--dlq" />
        </marker>
        <marker id="ef-diamond" viewBox="0 0 12 12" refX="1" refY="6" markerWidth="9" markerHeight="9" orient="auto">
          <path d="M1 6 6 1 11 6 6 11z" className="ef-marker ef-marker--route" />
        </marker>
      </defs>
    </svg>
  );
}
