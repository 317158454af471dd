import type { InternalNode } from '@xyflow/react';
import { EdgeLabelRenderer, Position, getBezierPath, useStore, useStoreApi } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { FlowEdge, FlowNode } from '../flow-types';

/**
 * Far out on a big graph, every edge as a bare <path> in one shared <svg> instead of one React Flow
 * edge component each. React Flow draws each edge in its own <svg> (with an interaction path and
 * markers), which on 1,500 edges made every pan/zoom frame paint, layerise and hit-test thousands
 * of elements; this layer is one element on its own compositor layer (canvas.css), so a pan just
 * moves it. Edges are unreadable and not meant to be picked at that zoom; selected edges stay
 * React Flow edges (drawn highlighted, on top). Rendered between the edges and the nodes (the
 * edge-label layer), inside the viewport, so it pans and zooms with it.
 */
export const FarEdgeLayer = memo(function FarEdgeLayer({ edges }: { edges: readonly FlowEdge[] }) {
  // recompute when React Flow's nodes change (moves, measured sizes); geometry is read from its lookup
  const nodes = useStore((s) => s.nodes);
  const store = useStoreApi<FlowNode, FlowEdge>();
  const paths = useMemo(() => {
    void nodes;
    const lookup = store.getState().nodeLookup;
    const d = { flow: [] as [string, string][], call: [] as [string, string][], dlq: [] as [string, string][] };
    for (const e of edges) {
      const s = lookup.get(e.source);
      const t = lookup.get(e.target);
      if (!s || !t) continue;
      const [sx, sy] = handlePoint(s, 'source');
      const [tx, ty] = handlePoint(t, 'target');
      const [path] = getBezierPath({ sourceX: sx, sourceY: sy, targetX: tx, targetY: ty, sourcePosition: Position.Right, targetPosition: Position.Left, curvature: 0.3 });
      const kind = e.data?.kind;
      (kind === 'dead-letter' ? d.dlq : kind === 'call' ? d.call : d.flow).push([e.id, path]);
    }
    return d;
  }, [edges, nodes, store]);
  return (
    <EdgeLabelRenderer>
      <svg className="ef-far-edges" aria-hidden="true" data-testid="far-edges">
        <g className="ef-far-edges__flow">{paths.flow.map(([id, p]) => <path key={id} d={p} />)}</g>
        <g className="ef-far-edges__call">{paths.call.map(([id, p]) => <path key={id} d={p} />)}</g>
        <g className="ef-far-edges__dlq">{paths.dlq.map(([id, p]) => <path key={id} d={p} />)}</g>
      </svg>
    </EdgeLabelRenderer>
  );
});

/** Where React Flow attaches an edge to a node: its first handle of that type, else the side's middle. */
export function handlePoint(n: InternalNode<FlowNode>, type: 'source' | 'target'): [number, number] {
  const { x, y } = n.internals.positionAbsolute;
  const h = n.internals.handleBounds?.[type]?.[0];
  const w = n.measured.width ?? 0;
  const hh = n.measured.height ?? 0;
  if (!h) return [type === 'source' ? x + w : x, y + hh / 2];
  return [x + h.x + (type === 'source' ? h.width : 0), y + h.y + h.height / 2];
}
