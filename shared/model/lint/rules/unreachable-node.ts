import { reachableFromProducers } from '../../graph';
import type { LintRule } from '../types';

/** Nodes no producer's traffic can ever reach (along edges, calls and dead-letter links). */
export const unreachableNode: LintRule = {
  codes: ['unreachable-node'],
  description: 'A node is not reachable from any producer, so it never sees traffic.',
  severity: 'warning',
  check: ({ graph }) => {
    const reached = reachableFromProducers(graph);
    return graph.nodes
      .filter((n) => n.kind !== 'producer' && n.kind !== 'group' && !reached.has(n.id))
      .map((n) => ({
        code: 'unreachable-node', severity: 'warning' as const, nodeId: n.id,
        message: `"${n.name}" (${n.kind}) is not reachable from any producer: it will never see traffic.`,
      }));
  },
};
