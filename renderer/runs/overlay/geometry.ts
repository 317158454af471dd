/** Edge geometry for the token layer: the same bezier React Flow draws for right → left handles. */
export interface Pt {
  x: number;
  y: number;
}

export interface Bezier {
  p0: Pt;
  c1: Pt;
  c2: Pt;
  p3: Pt;
}

// React Flow's calculateControlOffset (getBezierPath)
const offset = (distance: number, curvature: number): number => (distance >= 0 ? 0.5 * distance : curvature * 25 * Math.sqrt(-distance));

export function edgeBezier(source: Pt, target: Pt, curvature = 0.3): Bezier {
  return {
    p0: source,
    c1: { x: source.x + offset(target.x - source.x, curvature), y: source.y },
    c2: { x: target.x - offset(target.x - source.x, curvature), y: target.y },
    p3: target,
  };
}

export function pointAt(b: Bezier, t: number): Pt {
  const u = 1 - t;
  const a = u * u * u;
  const c = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return { x: a * b.p0.x + c * b.c1.x + d * b.c2.x + e * b.p3.x, y: a * b.p0.y + c * b.c1.y + d * b.c2.y + e * b.p3.y };
}

export interface EdgeEnds {
  id: string;
  source: string;
  target: string;
  /** `ef-spot-dim` when a lesson spotlight dims the edge (canvas/derive.ts): its traffic fades too */
  className?: string | undefined;
}

/**
 * Which edge a logged event travels along: the edge whose id is the event's target (publish and
 * route hops name the edge), else the edge source → target, else (a delivery recorded at the
 * consumer) an edge into the event's node. undefined when the event is not a hop.
 */
export function edgeForEvent(
  e: { source: string; target: string; status: string },
  index: { byId: ReadonlyMap<string, EdgeEnds>; byPair: ReadonlyMap<string, EdgeEnds>; into: ReadonlyMap<string, EdgeEnds> },
): EdgeEnds | undefined {
  if (e.status !== 'published' && e.status !== 'delivered' && e.status !== 'dead-lettered' && e.status !== 'emitted') return undefined;
  if (e.target) {
    const byId = index.byId.get(e.target);
    if (byId) return byId;
    const pair = index.byPair.get(`${e.source}\u0000${e.target}`);
    if (pair) return pair;
  }
  if (e.status === 'delivered' && !e.target) return index.into.get(e.source);
  return undefined;
}

export function indexEdges(edges: readonly EdgeEnds[]) {
  const byId = new Map<string, EdgeEnds>();
  const byPair = new Map<string, EdgeEnds>();
  const into = new Map<string, EdgeEnds>();
  for (const e of edges) {
    byId.set(e.id, e);
    byPair.set(`${e.source}\u0000${e.target}`, e);
    if (!into.has(e.target)) into.set(e.target, e);
  }
  return { byId, byPair, into };
}

/**
 * Below this zoom a token is a dot of 2-3 screen px and hundreds of them read as noise, and on big
 * graphs there are too many edges to follow one: each edge with traffic is drawn as a band whose
 * width says its rate, with a pulse running source → target (the "flow" view of the token layer).
 */
export const FLOW_ZOOM = 0.45;

/** Screen width (px) of an edge's flow band for a rate: 0 when idle, then 2 → 10 px by log10 rate. */
export function flowWidthPx(ratePerSec: number): number {
  if (!(ratePerSec > 0)) return 0;
  return Math.min(10, Math.max(2, 2 + 2.2 * Math.log10(1 + ratePerSec)));
}

/** Widths are drawn in half-pixel steps, so all bands of one colour and step are one stroke. */
export const flowBucket = (px: number): number => Math.round(px * 2) / 2;

/** Does the curve's bounding box (control points included) meet the rectangle? */
export function curveInRect(b: Bezier, r: { x0: number; y0: number; x1: number; y1: number }, margin = 0): boolean {
  const xs = [b.p0.x, b.c1.x, b.c2.x, b.p3.x];
  const ys = [b.p0.y, b.c1.y, b.c2.y, b.p3.y];
  return Math.max(...xs) >= r.x0 - margin && Math.min(...xs) <= r.x1 + margin && Math.max(...ys) >= r.y0 - margin && Math.min(...ys) <= r.y1 + margin;
}
