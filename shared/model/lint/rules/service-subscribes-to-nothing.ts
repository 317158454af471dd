import type { LintRule } from '../types';

/** A service nothing feeds: no subscription, route or operator edge, and nobody calls it. */
export const serviceSubscribesToNothing: LintRule = {
  codes: ['service-subscribes-to-nothing'],
  description: 'A service is subscribed to nothing (no subscribe or route edge) and no service calls it, so it never runs.',
  severity: 'warning',
  check: ({ graph }) => graph.nodes
    .filter((n) => n.kind === 'service' && (graph.incoming.get(n.id) ?? []).length === 0)
    .map((n) => ({
      code: 'service-subscribes-to-nothing', severity: 'warning' as const, nodeId: n.id,
      message: `Service "${n.name}" is subscribed to nothing: connect a topic, queue or bus to it, or call it from another service.`,
    })),
};
