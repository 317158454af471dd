import type { TopologyEdge } from './edges';
import type { TopologyNode } from './nodes';

/**
 * Indexes over a topology and the static event-type flow (which types can reach and leave each
 * node), shared by lint and the capacity estimate. Semantics follow the runtime (DESIGN.md §5):
 * a topic gives each consumer group the types its members take (edge types ∩ the service's
 * `consumes`), a queue hands every message to its consumers, bus routes and other edges filter
 * by their `eventTypes` (empty = all), call edges carry requests, not events.
 */
export interface TopologyGraph {
  nodes: readonly TopologyNode[];
  edges: readonly TopologyEdge[];
  byId: ReadonlyMap<string, TopologyNode>;
  outgoing: ReadonlyMap<string, readonly TopologyEdge[]>;
  incoming: ReadonlyMap<string, readonly TopologyEdge[]>;
  /** dead-letter target id → the nodes that dead-letter into it */
  deadLetterSources: ReadonlyMap<string, readonly TopologyNode[]>;
}

/** The events a producer in 'sessions' mode emits (shared/commerce/sessions.ts). */
export const SESSION_EVENT_TYPES: readonly string[] = ['CartItemAdded', 'CartAbandoned', 'CheckoutStarted', 'OrderPlaced'];

export function topologyGraph(t: { nodes: readonly TopologyNode[]; edges: readonly TopologyEdge[] }): TopologyGraph {
  const byId = new Map<string, TopologyNode>();
  for (const n of t.nodes) byId.set(n.id, n);
  const outgoing = new Map<string, TopologyEdge[]>();
  const incoming = new Map<string, TopologyEdge[]>();
  const edges: TopologyEdge[] = [];
  for (const e of t.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue; // dangling: the schema reports it
    edges.push(e);
    push(outgoing, e.source, e);
    push(incoming, e.target, e);
  }
  const deadLetterSources = new Map<string, TopologyNode[]>();
  for (const n of t.nodes) {
    const target = deadLetterTargetOf(n);
    if (target && byId.has(target)) push(deadLetterSources, target, n);
  }
  return { nodes: t.nodes, edges, byId, outgoing, incoming, deadLetterSources };
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function deadLetterTargetOf(n: TopologyNode): string {
  return n.kind === 'queue' || n.kind === 'service' || n.kind === 'bus' ? n.settings.deadLetterTarget : '';
}

/** The consumer group a node joins on a topic: its consumerGroup setting, else its own id. */
export function consumerGroupOf(n: TopologyNode): string {
  return n.kind === 'service' && n.settings.consumerGroup ? n.settings.consumerGroup : n.id;
}

/** Types a node declares it consumes (services' `consumes`, a join's two sides). */
export function declaredConsumedTypes(n: TopologyNode): readonly string[] {
  if (n.kind === 'service') return n.settings.consumes;
  if (n.kind === 'operator' && n.settings.op === 'join') return [n.settings.left, n.settings.right];
  return [];
}

/**
 * Types a node emits regardless of its input, or 'input' when its output is (a subset of) what
 * it receives (brokers, filter, throttle, debounce, map without re-typing).
 */
export function declaredOutputTypes(n: TopologyNode): readonly string[] | 'input' {
  switch (n.kind) {
    case 'producer': return n.settings.mode === 'sessions' ? SESSION_EVENT_TYPES : n.settings.emits;
    case 'service': return unique([...n.settings.emitsOnSuccess, ...n.settings.emitsOnFailure]);
    case 'operator': {
      const s = n.settings;
      if (s.op === 'window' || s.op === 'join') return [s.emits];
      if (s.op === 'map' && s.emitAs) return [s.emitAs];
      return 'input';
    }
    case 'sink': case 'group': return [];
    case 'topic': case 'queue': case 'bus': return 'input';
  }
}

/** The type filter an edge applies to what its source offers; null = every type passes. */
export function edgeTypeFilter(e: TopologyEdge, source: TopologyNode, target: TopologyNode): ReadonlySet<string> | null {
  if (e.kind === 'call') return new Set();
  if (source.kind === 'queue') return null; // a queue hands every message to its consumers
  const edgeTypes = e.eventTypes.length > 0 ? new Set(e.eventTypes) : null;
  if (source.kind === 'topic' && target.kind === 'service' && target.settings.consumes.length > 0) {
    const consumes = target.settings.consumes;
    return edgeTypes === null ? new Set(consumes) : new Set(consumes.filter((t) => edgeTypes.has(t)));
  }
  return edgeTypes;
}

export interface TypeFlow {
  /** types that can arrive at each node (events, not call requests) */
  inputs: ReadonlyMap<string, ReadonlySet<string>>;
  /** types each node can put out */
  outputs: ReadonlyMap<string, ReadonlySet<string>>;
  /** types each edge can carry */
  carried: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Static type flow to a fixpoint (sets only grow, so cycles terminate). */
export function typeFlow(g: TopologyGraph): TypeFlow {
  const inputs = new Map<string, Set<string>>();
  const outputs = new Map<string, Set<string>>();
  const carried = new Map<string, Set<string>>();
  for (const n of g.nodes) {
    inputs.set(n.id, new Set());
    const declared = declaredOutputTypes(n);
    outputs.set(n.id, new Set(declared === 'input' ? [] : declared));
  }
  for (const e of g.edges) carried.set(e.id, new Set());
  const work = g.nodes.map((n) => n.id);
  const queued = new Set(work);
  const deliver = (targetId: string, types: Iterable<string>): void => {
    const input = inputs.get(targetId);
    const target = g.byId.get(targetId);
    if (!input || !target) return;
    let grew = false;
    for (const t of types) {
      if (input.has(t)) continue;
      input.add(t);
      grew = true;
      if (declaredOutputTypes(target) === 'input') outputs.get(targetId)?.add(t);
    }
    if (grew && !queued.has(targetId)) {
      queued.add(targetId);
      work.push(targetId);
    }
  };
  for (let head = 0; head < work.length; head++) {
    const id = work[head] as string;
    queued.delete(id);
    const node = g.byId.get(id);
    const out = outputs.get(id);
    if (!node || !out) continue;
    for (const e of g.outgoing.get(id) ?? []) {
      const target = g.byId.get(e.target);
      if (!target) continue;
      const filter = edgeTypeFilter(e, node, target);
      const c = carried.get(e.id) as Set<string>;
      const pass = [...out].filter((t) => filter === null || filter.has(t));
      for (const t of pass) c.add(t);
      deliver(e.target, pass);
    }
    const dlt = deadLetterTargetOf(node);
    if (dlt) deliver(dlt, inputs.get(id) ?? []); // dead letters keep their type
  }
  return { inputs, outputs, carried };
}

/** Node ids reachable from any producer along edges (any kind) and dead-letter links. */
export function reachableFromProducers(g: TopologyGraph): Set<string> {
  const seen = new Set<string>();
  const stack = g.nodes.filter((n) => n.kind === 'producer').map((n) => n.id);
  for (const id of stack) seen.add(id);
  while (stack.length > 0) {
    const id = stack.pop() as string;
    const node = g.byId.get(id);
    const next = (g.outgoing.get(id) ?? []).map((e) => e.target);
    const dlt = node ? deadLetterTargetOf(node) : '';
    if (dlt) next.push(dlt);
    for (const n of next) {
      if (!seen.has(n) && g.byId.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

/**
 * Strongly connected components of a directed graph (Tarjan, iterative so long chains cannot
 * overflow the stack), in topological order of the condensation: a component comes before every
 * component it has edges into.
 */
export function stronglyConnected(ids: readonly string[], next: (id: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const frames: { id: string; succ: readonly string[]; i: number }[] = [];
    const open = (id: string): void => {
      index.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      frames.push({ id, succ: next(id), i: 0 });
    };
    open(root);
    while (frames.length > 0) {
      const f = frames[frames.length - 1] as { id: string; succ: readonly string[]; i: number };
      if (f.i < f.succ.length) {
        const w = f.succ[f.i++] as string;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(f.id, Math.min(low.get(f.id) as number, index.get(w) as number));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(f.id) as number));
      if (low.get(f.id) === index.get(f.id)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          comp.push(w);
        } while (w !== f.id);
        out.push(comp.reverse());
      }
    }
  }
  return out.reverse();
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
