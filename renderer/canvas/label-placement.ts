/**
 * Where each edge label goes so that labels never sit on a card, a run badge or another label
 * (issue 16). A greedy pass in flow coordinates, most important label first: try the curve's
 * middle, then points further along it; a label with no free spot is hidden and shown on hover.
 * Pure geometry, no DOM: label sizes are estimated from their text.
 */

export interface Rect { x: number; y: number; width: number; height: number }
export interface Point { x: number; y: number }

export interface LabelRequest {
  id: string;
  text: string;
  /** lower places first (selected, then events, then calls, then dead letters) */
  rank: number;
  /** where the edge leaves its source (right handle) and reaches its target (left handle) */
  from: Point;
  to: Point;
}

/** a label's centre, or undefined: no room, shown on hover only */
export type Placement = Point | undefined;

/** .ef-edge-label: 10.5 px text, 7 px padding each side, 1 px border; 18 px high */
const CHAR_WIDTH = 6.1;
const LABEL_PAD = 16;
export const LABEL_HEIGHT = 18;
/** along the curve, the middle first, then outwards */
const CANDIDATES = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74];
/** air kept around a label */
const GAP = 2;

export const estimateLabelWidth = (text: string): number => Math.ceil(text.length * CHAR_WIDTH + LABEL_PAD);

/**
 * The point at t on the curve React Flow's getBezierPath draws between a right-hand source
 * handle and a left-hand target handle (curvature 0.3, xyflow's calculateControlOffset).
 */
export function bezierPoint(from: Point, to: Point, t: number, curvature = 0.3): Point {
  const dx = to.x - from.x;
  const offset = dx >= 0 ? 0.5 * dx : curvature * 25 * Math.sqrt(-dx);
  const c1 = { x: from.x + offset, y: from.y };
  const c2 = { x: to.x - offset, y: to.y };
  const u = 1 - t;
  const a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
  return { x: a * from.x + b * c1.x + c * c2.x + d * to.x, y: a * from.y + b * c1.y + c * c2.y + d * to.y };
}

export const overlaps = (p: Rect, q: Rect): boolean => p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;

export function placeLabels(labels: readonly LabelRequest[], obstacles: readonly Rect[]): Map<string, Placement> {
  const out = new Map<string, Placement>();
  const placed: Rect[] = [];
  const order = [...labels].sort((p, q) => p.rank - q.rank || p.id.localeCompare(q.id));
  for (const l of order) {
    const width = estimateLabelWidth(l.text) + 2 * GAP;
    const height = LABEL_HEIGHT + 2 * GAP;
    let spot: Placement;
    for (const t of CANDIDATES) {
      const c = bezierPoint(l.from, l.to, t);
      const r = { x: c.x - width / 2, y: c.y - height / 2, width, height };
      if (obstacles.some((o) => overlaps(r, o)) || placed.some((o) => overlaps(r, o))) continue;
      spot = c;
      placed.push(r);
      break;
    }
    out.set(l.id, spot);
  }
  return out;
}

const distanceToSegment = (p: Point, a: Point, b: Point): number => {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
};

/** Distance from p to the edge's bezier (sampled; exact enough to pick an edge under the pointer). */
export function distanceToCurve(p: Point, from: Point, to: Point, samples = 24): number {
  let best = Infinity;
  let prev = from;
  for (let i = 1; i <= samples; i++) {
    const next = bezierPoint(from, to, i / samples);
    best = Math.min(best, distanceToSegment(p, prev, next));
    prev = next;
  }
  return best;
}
