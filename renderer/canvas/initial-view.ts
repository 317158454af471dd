import type { NodeHandle, Viewport } from '@xyflow/react';
import { Position, getViewportForBounds } from '@xyflow/react';
import type { NodeKind, Topology, TopologyNode } from '../../shared/model';
import type { Size } from '../store/edits/geometry';

/**
 * What a big graph needs before React Flow has measured anything: an estimated card size and
 * handle positions, and the viewport that fits the whole graph.
 *
 * Why: React Flow renders every node whose handles it has not measured yet, even with
 * `onlyRenderVisibleElements` (it must mount a node to measure it). On a 1,000-node graph that
 * meant mounting 1,000 full cards at zoom 1, measuring them, then fitting the view and
 * unmounting most of them again. With an estimate it mounts only the cards in view, already at the
 * fitted zoom; each card is measured for real when it mounts, which replaces the estimate.
 */

/** The card's fixed width and the heights of its parts (renderer/editor/editor.css `.ef-node`). */
export const CARD_WIDTH = 232;
const HEAD_HEIGHT = 51; // icon + name + kind line (all a far-out card shows)
const FACTS_HEIGHT = 41; // two lines of key facts
const TYPES_HEIGHT = 32; // the event-type chip row
const HANDLE = 10;

/** Semantic zoom: below this zoom the card's 13 px name would be under 9 px, so cards draw as a summary (nodes/NodeSummary.tsx). */
export const SUMMARY_ZOOM = 0.7;
/** Semantic zoom: below this zoom a big graph's cards show only icon and name. */
export const FAR_ZOOM = 0.35;
/** ...on graphs with more nodes than this (small graphs stay fully detailed at every zoom). */
export const FAR_MIN_NODES = 150;

export function estimatedCardSize(hasTypes: boolean, far: boolean): Size {
  return { width: CARD_WIDTH, height: far ? HEAD_HEIGHT : HEAD_HEIGHT + FACTS_HEIGHT + (hasTypes ? TYPES_HEIGHT : 0) };
}

/** Handle boxes as React Flow measures them: centred on the left/right border, vertically centred. */
export function estimatedHandles(kind: NodeKind, size: Size): NodeHandle[] {
  if (kind === 'group') return [];
  const y = (size.height - HANDLE) / 2;
  const handles: NodeHandle[] = [];
  if (kind !== 'producer') handles.push({ type: 'target', position: Position.Left, x: -HANDLE / 2 + 1, y, width: HANDLE, height: HANDLE });
  if (kind !== 'sink') handles.push({ type: 'source', position: Position.Right, x: size.width - HANDLE / 2 - 1, y, width: HANDLE, height: HANDLE });
  return handles;
}

/**
 * The viewport that fits every node into a pane (what React Flow's fitView would compute after
 * measuring), from positions and measured or estimated sizes.
 */
export function fitViewport(
  t: Topology,
  sizeOf: (n: TopologyNode) => Size,
  pane: Size,
  opts: { minZoom: number; maxZoom: number; padding: number },
): Viewport {
  const byId = new Map(t.nodes.map((n) => [n.id, n]));
  const absolute = (n: TopologyNode): { x: number; y: number } => {
    let x = n.position.x;
    let y = n.position.y;
    let p = n.parentId ? byId.get(n.parentId) : undefined;
    for (let depth = 0; p && depth < 32; depth++) {
      x += p.position.x;
      y += p.position.y;
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
    return { x, y };
  };
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of t.nodes) {
    const at = absolute(n);
    const s = sizeOf(n);
    x0 = Math.min(x0, at.x);
    y0 = Math.min(y0, at.y);
    x1 = Math.max(x1, at.x + s.width);
    y1 = Math.max(y1, at.y + s.height);
  }
  if (!Number.isFinite(x0)) return { x: 0, y: 0, zoom: 1 };
  return getViewportForBounds({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, pane.width, pane.height, opts.minZoom, opts.maxZoom, opts.padding);
}
