import type { LintRule } from '../types';

/** A producer with no outgoing edge: its traffic is generated and thrown away. */
export const producerPublishesNowhere: LintRule = {
  codes: ['producer-publishes-nowhere'],
  description: 'A producer has no publish edge, so the events it generates go nowhere.',
  severity: 'warning',
  check: ({ graph }) => graph.nodes
    .filter((n) => n.kind === 'producer' && (graph.outgoing.get(n.id) ?? []).length === 0)
    .map((n) => ({
      code: 'producer-publishes-nowhere', severity: 'warning' as const, nodeId: n.id,
      message: `Producer "${n.name}" publishes nowhere: connect it to a topic, queue or event bus.`,
    })),
};
