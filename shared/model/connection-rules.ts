import type { EdgeKind } from './edges';
import type { NodeKind } from './nodes';

/**
 * Which kinds may connect, as data: for a (source kind, target kind) pair, the edge kind it
 * becomes, or why it is refused. The canvas shows `reason` while the user drags.
 */
export type ConnectionVerdict = { ok: true; edgeKind: EdgeKind } | { ok: false; reason: string };

const allowed: Partial<Record<NodeKind, Partial<Record<NodeKind, EdgeKind>>>> = {
  producer: { topic: 'publish', queue: 'publish', bus: 'publish' },
  service: { topic: 'publish', queue: 'publish', bus: 'publish', service: 'call', sink: 'call' },
  operator: { topic: 'publish', queue: 'publish', bus: 'publish', operator: 'subscribe', service: 'subscribe', sink: 'subscribe' },
  topic: { service: 'subscribe', operator: 'subscribe', sink: 'subscribe' },
  queue: { service: 'subscribe', operator: 'subscribe', sink: 'subscribe' },
  bus: { topic: 'route', queue: 'route', service: 'route', operator: 'route', sink: 'route' },
};

const refusals: Partial<Record<NodeKind, string>> = {
  producer: 'A producer publishes to a broker: connect it to a topic, queue or event bus.',
  topic: 'A topic delivers to subscribers: connect it to a service, stream operator or sink.',
  queue: 'A queue delivers to consumers: connect it to a service, stream operator or sink.',
  bus: 'An event bus routes to a topic, queue, service, operator or sink.',
  service: 'A service publishes to a broker or calls another service or sink.',
  operator: 'A stream operator feeds a broker, another operator, a service or a sink.',
  sink: 'A sink is an external system at the end of a flow: it has no outgoing connections.',
  group: 'Groups are bounded contexts: drag nodes into them instead of connecting them.',
};

export function connectionVerdict(source: NodeKind, target: NodeKind, sameNode = false): ConnectionVerdict {
  if (sameNode) return { ok: false, reason: 'A node cannot connect to itself.' };
  if (target === 'group') return { ok: false, reason: refusals.group ?? '' };
  if (target === 'producer') return { ok: false, reason: 'A producer is a traffic source: nothing connects into it.' };
  const edgeKind = allowed[source]?.[target];
  if (edgeKind) return { ok: true, edgeKind };
  return { ok: false, reason: refusals[source] ?? 'These kinds cannot be connected.' };
}

/** The connection table as rows, for docs and the help panel. */
export function connectionTable(): { source: NodeKind; target: NodeKind; edgeKind: EdgeKind }[] {
  const rows: { source: NodeKind; target: NodeKind; edgeKind: EdgeKind }[] = [];
  for (const [source, targets] of Object.entries(allowed) as [NodeKind, Partial<Record<NodeKind, EdgeKind>>][]) {
    for (const [target, edgeKind] of Object.entries(targets) as [NodeKind, EdgeKind][]) rows.push({ source, target, edgeKind });
  }
  return rows;
}
