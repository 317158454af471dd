import type { EdgeProps } from '@xyflow/react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStore } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from '../flow-types';

/**
 * One edge component for every kind; the kind decides the look: publish/subscribe solid with an
 * arrow, call dashed, route with a diamond at the source, dead-letter links dotted red.
 */
export const EventEdge = memo(function EventEdge(props: EdgeProps<FlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, curvature: 0.3 });
  const kind = data?.kind ?? 'publish';
  // labels are unreadable when zoomed far out and cost the most to draw on big graphs
  const showLabel = useStore((s) => s.transform[2] >= 0.45 || s.nodes.length < 150);
  const marker = kind === 'dead-letter' ? 'url(#ef-arrow-dlq)' : selected ? 'url(#ef-arrow-selected)' : 'url(#ef-arrow)';
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`ef-edge ef-edge--${kind}${selected ? ' is-selected' : ''}`}
        markerEnd={marker}
        markerStart={kind === 'route' ? 'url(#ef-diamond)' : undefined}
        interactionWidth={kind === 'dead-letter' ? 0 : 18}
      />
      {data?.label && (showLabel || selected) && (
        <EdgeLabelRenderer>
          <div
            className={`ef-edge-label ef-edge-label--${kind}${selected ? ' is-selected' : ''} nodrag nopan`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${id}`}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
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
