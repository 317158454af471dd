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
