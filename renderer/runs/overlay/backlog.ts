/**
 * What a node's backlog badge says. Depth and lag count disjoint messages (docs/runtime.md
 * "Figures"): a broker's badge shows its depth, a consumer's shows its lag (held for it in
 * brokers) and its own inbox depth when it has one — never one added to the other's figure.
 */
const BROKERS = new Set(['topic', 'queue', 'bus']);

/** Backpressure level of a backlog: what colour its badge gets. */
export function backlogLevel(n: number): 'ok' | 'warn' | 'high' {
  return n >= 200 ? 'high' : n >= 20 ? 'warn' : 'ok';
}

export interface Backlog {
  /** messages shown as "depth" (waiting at this node) */
  depth: number;
  /** messages shown as "lag" (waiting in brokers for this consumer); 0 on brokers */
  lag: number;
  level: 'ok' | 'warn' | 'high';
  /** badge text, '' when there is nothing to show */
  text: string;
  title: string;
}

export function backlogOf(kind: string | undefined, queueDepth: number, consumerLag: number, fmt: (n: number) => string): Backlog {
  if (kind !== undefined && BROKERS.has(kind)) {
    return { depth: queueDepth, lag: 0, level: backlogLevel(queueDepth), text: `depth ${fmt(queueDepth)}`, title: `queue depth ${queueDepth}: messages waiting in this broker, not yet delivered to its slowest consumer group` };
  }
  const parts: string[] = [];
  if (consumerLag > 0) parts.push(`lag ${fmt(consumerLag)}`);
  if (queueDepth > 0) parts.push(`depth ${fmt(queueDepth)}`);
  return {
    depth: queueDepth,
    lag: consumerLag,
    level: backlogLevel(consumerLag + queueDepth),
    text: parts.join(' · '),
    title: `consumer lag ${consumerLag}: waiting for this consumer in its brokers; depth ${queueDepth}: waiting in its own inbox (routes, calls)`,
  };
}
