import type { LintProblem, LintRule } from '../types';
import type { TopologyGraph } from '../../graph';
import type { TopologyNode } from '../../nodes';

/** Can this worker's attempts fail (own failure %, poison, or a callee that can fail)? */
export function canFail(g: TopologyGraph, n: TopologyNode, seen = new Set<string>()): boolean {
  if (seen.has(n.id)) return false;
  seen.add(n.id);
  if (n.kind === 'sink') return n.settings.failurePct > 0 || n.settings.outages.length > 0;
  if (n.kind !== 'service') return false;
  if (n.settings.failurePct > 0 || n.settings.poisonPct > 0 || n.settings.outages.length > 0) return true;
  return (g.outgoing.get(n.id) ?? []).some((e) => {
    const callee = e.kind === 'call' ? g.byId.get(e.target) : undefined;
    return callee !== undefined && canFail(g, callee, seen);
  });
}

/**
 * A service whose messages can fail, fed by something other than a queue (a queue redelivers and
 * dead-letters itself), with no dead-letter target and no failure event: failures are lost.
 */
export const serviceFailuresDropped: LintRule = {
  codes: ['service-retries-without-dlt'],
  description: 'A service can fail and has no dead-letter target nor failure event, so messages that exhaust their retries are lost.',
  severity: 'warning',
  check: ({ graph }) => {
    const out: LintProblem[] = [];
    for (const n of graph.nodes) {
      if (n.kind !== 'service' || n.settings.deadLetterTarget || n.settings.emitsOnFailure.length > 0) continue;
      const feeders = (graph.incoming.get(n.id) ?? []).filter((e) => e.kind !== 'call');
      if (feeders.length === 0) continue; // only called: the caller sees the failure
      if (feeders.every((e) => graph.byId.get(e.source)?.kind === 'queue')) continue;
      if (!canFail(graph, n)) continue;
      out.push({
        code: 'service-retries-without-dlt', severity: 'warning', nodeId: n.id, path: 'settings.deadLetterTarget',
        message: `Service "${n.name}" can fail but has no dead-letter target or failure event: messages that fail ${n.settings.retry.maxAttempts} attempts are lost.`,
      });
    }
    return out;
  },
};
