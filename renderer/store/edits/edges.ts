import type { Topology, TopologyEdge, TopologyNode } from '../../../shared/model';
import { connectionVerdict } from '../../../shared/model';
import type { Edit } from './edit';
import { unchanged } from './edit';
import { uniqueId } from './ids';

/** Event types a node sends downstream: what it emits, or what reaches a broker/operator. */
export function emittedTypes(t: Topology, node: TopologyNode): string[] {
  switch (node.kind) {
    case 'producer': return [...node.settings.emits];
    case 'service': return [...new Set([...node.settings.emitsOnSuccess, ...node.settings.emitsOnFailure])];
    case 'operator': {
      const s = node.settings;
      if (s.op === 'window' || s.op === 'join') return [s.emits];
      if (s.op === 'map' && s.emitAs) return [s.emitAs];
      return incomingTypes(t, node.id);
    }
    case 'topic': case 'queue': case 'bus': return incomingTypes(t, node.id);
    default: return [];
  }
}

function incomingTypes(t: Topology, id: string): string[] {
  const types = new Set<string>();
  const byId = new Map(t.nodes.map((n) => [n.id, n]));
  for (const e of t.edges) {
    if (e.target !== id || e.kind === 'call') continue;
    if (e.eventTypes.length > 0) e.eventTypes.forEach((x) => types.add(x));
    else {
      const s = byId.get(e.source);
      if (s && s.id !== id && (s.kind === 'producer' || s.kind === 'service')) emittedTypes(t, s).forEach((x) => types.add(x));
    }
  }
  return [...types];
}

/**
 * Draw an edge: its kind comes from the connection rules; its event types default to what the
 * source emits (none for a synchronous call). A subscription into a service also adds those
 * types to what the service consumes.
 */
export function connect(source: string, target: string): Edit {
  return {
    label: 'Connect',
    run(t) {
      const s = t.nodes.find((n) => n.id === source);
      const d = t.nodes.find((n) => n.id === target);
      if (!s || !d) return unchanged(t);
      const verdict = connectionVerdict(s.kind, d.kind, s.id === d.id);
      if (!verdict.ok) return unchanged(t);
      if (t.edges.some((e) => e.source === source && e.target === target)) return unchanged(t);
      const eventTypes = verdict.edgeKind === 'call' ? [] : emittedTypes(t, s);
      const id = uniqueId(`e-${source}-${target}`, new Set(t.edges.map((e) => e.id)));
      const edge: TopologyEdge = { id, kind: verdict.edgeKind, source, target, eventTypes, conditions: [] };
      let nodes = t.nodes;
      if (d.kind === 'service' && verdict.edgeKind !== 'call' && eventTypes.some((x) => !d.settings.consumes.includes(x))) {
        const consumes = [...new Set([...d.settings.consumes, ...eventTypes])].slice(0, 50);
        nodes = t.nodes.map((n) => (n === d ? { ...d, settings: { ...d.settings, consumes } } : n));
      }
      return { topology: { ...t, nodes, edges: [...t.edges, edge] }, select: { nodes: [], edges: [id] } };
    },
  };
}

export function replaceEdge(next: TopologyEdge, coalesceKey?: string): Edit {
  return {
    label: 'Edit connection',
    coalesceKey,
    run(t) {
      const i = t.edges.findIndex((e) => e.id === next.id);
      if (i < 0 || t.edges[i] === next) return unchanged(t);
      const edges = t.edges.slice();
      edges[i] = next;
      return { topology: { ...t, edges } };
    },
  };
}
