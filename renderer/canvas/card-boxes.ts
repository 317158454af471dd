import type { Topology } from '../../shared/model';
import type { Size } from '../store/edits/geometry';
import { estimatedCardSize } from './initial-view';
import type { Point, Rect } from './label-placement';
import { overlaps } from './label-placement';

/** Every non-group card's box in flow coordinates (absolute: group offsets added), measured or estimated. */
export function cardBoxes(topology: Topology, measured: ReadonlyMap<string, Size>): Map<string, Rect> {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const out = new Map<string, Rect>();
  for (const n of topology.nodes) {
    let { x, y } = n.position;
    for (let p = n.parentId ? byId.get(n.parentId) : undefined, depth = 0; p && depth < 32; p = p.parentId ? byId.get(p.parentId) : undefined, depth++) {
      x += p.position.x;
      y += p.position.y;
    }
    if (n.kind === 'group') continue;
    const size = measured.get(n.id) ?? estimatedCardSize(true, false);
    out.set(n.id, { x, y, width: size.width, height: size.height });
  }
  return out;
}

/** air kept between a new card and its neighbours */
const MARGIN = 16;
const STEP = 32;

/**
 * Where a new card of this size goes so that it covers no other card (issue 16: quick-add never
 * drops a node on top of another): the wanted top-left if free, else the nearest free spot on
 * rings of growing size around it.
 */
export function freeSpot(want: Point, size: Size, taken: Iterable<Rect>): Point {
  const boxes = [...taken].map((r) => ({ x: r.x - MARGIN, y: r.y - MARGIN, width: r.width + 2 * MARGIN, height: r.height + 2 * MARGIN }));
  const free = (p: Point) => !boxes.some((b) => overlaps({ x: p.x, y: p.y, width: size.width, height: size.height }, b));
  if (free(want)) return want;
  for (let ring = 1; ring <= 60; ring++) {
    let best: Point | undefined;
    let bestD = Infinity;
    for (let i = -ring; i <= ring; i++) {
      for (const [dx, dy] of [[i, -ring], [i, ring], [-ring, i], [ring, i]] as const) {
        const p = { x: want.x + dx * STEP, y: want.y + dy * STEP };
        const d = Math.hypot(dx, dy);
        if (d < bestD && free(p)) {
          best = p;
          bestD = d;
        }
      }
    }
    if (best) return best;
  }
  return want;
}
