import { profileMeanRate } from './arrival-profiles';
import { distributionMeanMs } from './distributions';
import type { TopologyEdge } from './edges';
import type { TopologyNode } from './nodes';

/**
 * Quick utilisation estimate per node (ρ = arrival rate / service capacity), shown on the canvas
 * and used by lint. Rates flow along publish/subscribe/route edges from producers: a topic
 * gives every subscriber the full stream, a queue splits it between competing consumers, a
 * service forwards one reaction event per message it handles. Call edges carry the caller's
 * rate to the callee. Cycles are cut (a back edge contributes nothing): this is an estimate.
 */
export interface NodeLoad {
  /** events/s arriving at the node */
  arrivalPerSec: number;
  /** events/s the node can handle (Infinity for brokers) */
  capacityPerSec: number;
  /** arrival / capacity; undefined when capacity is unbounded */
  utilisation: number | undefined;
}

export function nodeCapacityPerSec(node: TopologyNode): number {
  switch (node.kind) {
    case 'service': {
      const meanMs = distributionMeanMs(node.settings.processing);
      return meanMs <= 0 ? Infinity : (node.settings.instances * node.settings.concurrency * 1000) / meanMs;
    }
    case 'sink': {
      const meanMs = distributionMeanMs(node.settings.latency);
      return meanMs <= 0 ? Infinity : (node.settings.concurrency * 1000) / meanMs;
    }
    default:
      return Infinity;
  }
}

export function estimateLoads(nodes: readonly TopologyNode[], edges: readonly TopologyEdge[]): Map<string, NodeLoad> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, TopologyEdge[]>();
  const indegree = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  for (const e of edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    const list = out.get(e.source) ?? [];
    list.push(e);
    out.set(e.source, list);
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  }
  const arrival = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  // Kahn's order; nodes left in cycles are then visited once in declaration order.
  const queue = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const visited = new Set<string>();
  const visit = (id: string): void => {
    if (visited.has(id)) return;
    visited.add(id);
    const node = byId.get(id);
    if (!node) return;
    const outgoing = out.get(id) ?? [];
    const emitted = emittedRate(node, arrival.get(id) ?? 0);
    const consumers = outgoing.filter((e) => e.kind === 'subscribe' || e.kind === 'route').length;
    for (const e of outgoing) {
      if (visited.has(e.target)) continue; // back edge of a cycle
      const share = node.kind === 'queue' && consumers > 0 ? emitted / consumers : emitted;
      arrival.set(e.target, (arrival.get(e.target) ?? 0) + share);
      const left = (indegree.get(e.target) ?? 0) - 1;
      indegree.set(e.target, left);
      if (left === 0) queue.push(e.target);
    }
  };
  while (queue.length > 0) visit(queue.shift() as string);
  for (const n of nodes) {
    if (!visited.has(n.id)) {
      visit(n.id);
      while (queue.length > 0) visit(queue.shift() as string);
    }
  }
  const loads = new Map<string, NodeLoad>();
  for (const n of nodes) {
    const arrivalPerSec = arrival.get(n.id) ?? 0;
    const capacityPerSec = nodeCapacityPerSec(n);
    loads.set(n.id, { arrivalPerSec, capacityPerSec, utilisation: Number.isFinite(capacityPerSec) ? arrivalPerSec / capacityPerSec : undefined });
  }
  return loads;
}

function emittedRate(node: TopologyNode, arrivalPerSec: number): number {
  switch (node.kind) {
    case 'producer': return profileMeanRate(node.settings.profile);
    case 'sink': return 0;
    case 'group': return 0;
    default: return arrivalPerSec;
  }
}
