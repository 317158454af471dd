import { stronglyConnected } from '../../graph';
import type { LintProblem, LintRule } from '../types';

/** Synchronous calls that come back to the caller: every request would wait on itself. */
export const syncCallCycle: LintRule = {
  codes: ['sync-call-cycle'],
  description: 'Services call each other synchronously in a cycle: each request waits on itself (deadlock or unbounded recursion).',
  severity: 'error',
  check: ({ graph }) => {
    const calls = new Map<string, string[]>();
    for (const e of graph.edges) {
      if (e.kind !== 'call') continue;
      const l = calls.get(e.source);
      if (l) l.push(e.target);
      else calls.set(e.source, [e.target]);
    }
    const out: LintProblem[] = [];
    for (const comp of stronglyConnected([...calls.keys()], (id) => calls.get(id) ?? [])) {
      const only = comp[0] as string;
      if (comp.length === 1 && !(calls.get(only) ?? []).includes(only)) continue;
      const names = comp.map((id) => graph.byId.get(id)?.name ?? id);
      const inside = new Set(comp);
      const edge = graph.edges.find((e) => e.kind === 'call' && inside.has(e.source) && inside.has(e.target));
      out.push({
        code: 'sync-call-cycle', severity: 'error', nodeId: only, edgeId: edge?.id,
        message: `Synchronous call cycle: ${[...names, names[0]].join(' → ')}. A request would wait on itself; break the cycle with an event.`,
      });
    }
    return out;
  },
};
