import type { LintProblem, LintRule } from '../types';

/** A consumed queue without a dead-letter target drops messages past maxReceives. */
export const queueWithoutDeadLetter: LintRule = {
  codes: ['queue-retries-without-dlq'],
  description: 'A queue redelivers failed messages up to maxReceives but has no dead-letter target, so they are then dropped.',
  severity: 'warning',
  check: ({ graph }) => {
    const out: LintProblem[] = [];
    for (const n of graph.nodes) {
      if (n.kind !== 'queue' || n.settings.deadLetterTarget) continue;
      if ((graph.outgoing.get(n.id) ?? []).length === 0) continue; // nobody consumes: nothing is ever received
      if (graph.deadLetterSources.has(n.id)) continue; // a dead-letter queue needs none of its own
      out.push({
        code: 'queue-retries-without-dlq', severity: 'warning', nodeId: n.id, path: 'settings.deadLetterTarget',
        message: `Queue "${n.name}" has no dead-letter target: messages received ${n.settings.maxReceives} times without success are dropped.`,
      });
    }
    return out;
  },
};
