import type { Topology, TopologyEdge, TopologyNode } from '../../shared/model';
import type { NodeLoad } from '../../shared/model/capacity';
import { estimateLoad } from '../../shared/model/capacity';
import { adviceText, capacityAdvice } from '../../shared/model/capacity-advice';
import { topologyGraph } from '../../shared/model/graph';
import { emittedTypes } from '../store/edits/edges';
import type { Size } from '../store/edits/geometry';
import type { Spotlight } from '../store/ui-store';
import type { FlowEdge, FlowNode, Spot } from './flow-types';
import { estimatedCardSize, estimatedHandles } from './initial-view';

/** How to size nodes React Flow has not measured yet: not at all, or estimated (big graphs). */
export type SizeEstimate = 'none' | 'far' | 'full';

/**
 * Topology → React Flow nodes/edges, memoised per element: an unchanged model node (same object,
 * same selection, same size, same derived facts) keeps the very same React Flow node object, so
 * React Flow re-renders only what changed — a drag re-renders the dragged node alone.
 */
export function createFlowDeriver() {
  let factsKey: { edges: readonly TopologyEdge[]; settings: unknown[] } | undefined;
  let facts = new Map<string, NodeFacts>();
  const nodeCache = new Map<string, { src: TopologyNode; selected: boolean; size: Size | undefined; estimate: SizeEstimate; facts: NodeFacts; spot: Spot | undefined; flow: FlowNode }>();
  const edgeCache = new Map<string, { src: TopologyEdge | TopologyNode; selected: boolean; spot: Spot | undefined; flow: FlowEdge }>();

  function nodeFacts(t: Topology): Map<string, NodeFacts> {
    // Facts depend on settings and edges only, never on positions: skip the work during drags.
    const settings = t.nodes.map((n) => n.settings);
    if (factsKey && factsKey.edges === t.edges && sameItems(factsKey.settings, settings)) return facts;
    factsKey = { edges: t.edges, settings };
    facts = computeFacts(t, facts);
    return facts;
  }

  /**
   * `estimate` (big graphs): a node without a measured size gets an estimated one plus its handle
   * positions, so React Flow can skip mounting it while it is out of view (see initial-view.ts).
   */
  function nodes(t: Topology, selected: ReadonlySet<string>, measured: ReadonlyMap<string, Size>, estimate: SizeEstimate = 'none', spotlight?: Spotlight): FlowNode[] {
    const f = nodeFacts(t);
    const out: FlowNode[] = [];
    const seen = new Set<string>();
    for (const n of t.nodes) {
      seen.add(n.id);
      const isSel = selected.has(n.id);
      const size = measured.get(n.id);
      const nf = f.get(n.id) ?? NO_FACTS;
      const c = nodeCache.get(n.id);
      const est = size || n.kind === 'group' ? 'none' : estimate;
      const spot = nodeSpot(spotlight, n.id);
      if (c && c.src === n && c.selected === isSel && c.size === size && c.estimate === est && c.facts === nf && c.spot === spot) {
        out.push(c.flow);
        continue;
      }
      const guess = est === 'none' ? undefined : estimatedCardSize(nf.inTypes.length > 0 || nf.outTypes.length > 0, est === 'far');
      const flow: FlowNode = {
        id: n.id,
        type: n.kind,
        position: n.position,
        data: { node: n, ...nf },
        selected: isSel,
        ...(n.parentId ? { parentId: n.parentId } : {}),
        ...(n.kind === 'group' ? { width: n.settings.width, height: n.settings.height, style: { width: n.settings.width, height: n.settings.height }, zIndex: -1 } : {}),
        ...(size ? { measured: size } : {}),
        ...(n.kind === 'group' ? { measured: { width: n.settings.width, height: n.settings.height }, dragHandle: '.group-node__title' } : {}),
        // `measured` too: React Flow counts a graph as initialised (fitView resolves) only when every
        // node has a size; a card's real size replaces the guess when it mounts, if they differ
        ...(guess ? { measured: guess, handles: estimatedHandles(n.kind, guess) } : {}),
        // a group has no handles: saying so spares React Flow from mounting it just to look for some
        ...(n.kind === 'group' && estimate !== 'none' ? { handles: [] } : {}),
        ...(spot ? spotProps(spot) : {}),
      };
      nodeCache.set(n.id, { src: n, selected: isSel, size, estimate: est, facts: nf, spot, flow });
      out.push(flow);
    }
    for (const id of nodeCache.keys()) if (!seen.has(id)) nodeCache.delete(id);
    return out;
  }

  function edges(t: Topology, selected: ReadonlySet<string>, spotlight?: Spotlight): FlowEdge[] {
    const out: FlowEdge[] = [];
    const seen = new Set<string>();
    for (const e of t.edges) {
      seen.add(e.id);
      const isSel = selected.has(e.id);
      const spot = edgeSpot(spotlight, e.id, e.source, e.target);
      const c = edgeCache.get(e.id);
      if (c && c.src === e && c.selected === isSel && c.spot === spot) {
        out.push(c.flow);
        continue;
      }
      const flow: FlowEdge = {
        id: e.id, source: e.source, target: e.target, type: 'event', selected: isSel,
        data: { edge: e, kind: e.kind, label: edgeLabel(e), ...(spot ? { spot } : {}) },
        ...(spot ? spotProps(spot) : {}),
      };
      edgeCache.set(e.id, { src: e, selected: isSel, spot, flow });
      out.push(flow);
    }
    // Dead-letter links come from settings, not from edges: drawn dotted red, not selectable.
    for (const n of t.nodes) {
      if ((n.kind !== 'queue' && n.kind !== 'service' && n.kind !== 'bus') || !n.settings.deadLetterTarget) continue;
      const id = `dlq:${n.id}`;
      seen.add(id);
      const spot = edgeSpot(spotlight, id, n.id, n.settings.deadLetterTarget);
      const c = edgeCache.get(id);
      if (c && c.src === n && c.spot === spot) {
        out.push(c.flow);
        continue;
      }
      const flow: FlowEdge = {
        id, source: n.id, target: n.settings.deadLetterTarget, type: 'event', selectable: false, focusable: false, deletable: false,
        data: { edge: undefined, kind: 'dead-letter', label: 'dead letters', ...(spot ? { spot } : {}) },
        ...(spot ? spotProps(spot) : {}),
      };
      edgeCache.set(id, { src: n, selected: false, spot, flow });
      out.push(flow);
    }
    for (const id of edgeCache.keys()) if (!seen.has(id)) edgeCache.delete(id);
    return out;
  }

  return { nodes, edges };
}

/** A node in a spotlight is lit, every other node dims; no spotlight, no mark. */
function nodeSpot(s: Spotlight | undefined, id: string): Spot | undefined {
  return s ? (s.nodes.has(id) ? 'lit' : 'dim') : undefined;
}

/** An edge is lit when the step names it, or when it joins two lit nodes (the flow between them). */
function edgeSpot(s: Spotlight | undefined, id: string, source: string, target: string): Spot | undefined {
  if (!s) return undefined;
  return s.edges.has(id) || (s.nodes.has(source) && s.nodes.has(target)) ? 'lit' : 'dim';
}

/** The class the canvas styles (canvas.css) and the data attribute tests and tools read. */
type SpotAttributes = NonNullable<FlowNode['domAttributes']> & NonNullable<FlowEdge['domAttributes']>;
function spotProps(spot: Spot): { className: string; domAttributes: SpotAttributes } {
  // React passes data-* through; the attribute types simply do not list them
  const attributes: Record<string, string> = { 'data-spot': spot };
  return { className: `ef-spot-${spot}`, domAttributes: attributes as SpotAttributes };
}

interface NodeFacts {
  utilisation: number | undefined;
  arrivalPerSec: number;
  inTypes: readonly string[];
  outTypes: readonly string[];
  capacityNote: string | undefined;
}
const NO_FACTS: NodeFacts = { utilisation: undefined, arrivalPerSec: 0, inTypes: [], outTypes: [], capacityNote: undefined };

function computeFacts(t: Topology, previous: Map<string, NodeFacts>): Map<string, NodeFacts> {
  const graph = topologyGraph(t);
  const loads = estimateLoad(t, graph);
  const incoming = new Map<string, Set<string>>();
  for (const e of t.edges) {
    if (e.kind === 'call') continue;
    const set = incoming.get(e.target) ?? new Set<string>();
    e.eventTypes.forEach((x) => set.add(x));
    incoming.set(e.target, set);
  }
  const out = new Map<string, NodeFacts>();
  for (const n of t.nodes) {
    const load: NodeLoad | undefined = loads.get(n.id);
    const inTypes = n.kind === 'service' ? n.settings.consumes : [...(incoming.get(n.id) ?? [])];
    const outTypes = n.kind === 'producer' || n.kind === 'service' || n.kind === 'operator' ? emittedTypes(t, n) : [];
    const advice = load?.utilisation !== undefined ? capacityAdvice(n, load, graph) : undefined;
    const next: NodeFacts = { utilisation: load?.utilisation, arrivalPerSec: load?.arrivalPerSec ?? 0, inTypes, outTypes, capacityNote: advice ? adviceText(advice) : undefined };
    const prev = previous.get(n.id);
    // keep the previous object when nothing changed, so memoised nodes stay untouched
    out.set(n.id, prev && sameFacts(prev, next) ? prev : next);
  }
  return out;
}

function sameFacts(a: NodeFacts, b: NodeFacts): boolean {
  return a.utilisation === b.utilisation && a.arrivalPerSec === b.arrivalPerSec && a.capacityNote === b.capacityNote && sameItems(a.inTypes, b.inTypes) && sameItems(a.outTypes, b.outTypes);
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function edgeLabel(e: TopologyEdge): string {
  if (e.label) return e.label;
  if (e.kind === 'call') return e.timeoutMs ? `call · ${e.timeoutMs} ms timeout` : 'call';
  if (e.eventTypes.length === 0) return e.kind === 'route' ? 'route · all' : 'all events';
  const types = e.eventTypes.length > 2 ? `${e.eventTypes.slice(0, 2).join(', ')} +${e.eventTypes.length - 2}` : e.eventTypes.join(', ');
  return e.kind === 'route' && e.conditions.length > 0 ? `${types} · if ${e.conditions.length}` : types;
}
