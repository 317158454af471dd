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
    // Tarjan's strongly connected components over call edges
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const components: string[][] = [];
    let counter = 0;
    const strong = (v: string): void => {
      index.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
      for (const w of calls.get(v) ?? []) {
        if (!index.has(w)) {
          strong(w);
          low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
        }
      }
      if (low.get(v) === index.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        const selfLoop = (calls.get(v) ?? []).includes(v);
        if (comp.length > 1 || selfLoop) components.push(comp.reverse());
      }
    };
    for (const id of calls.keys()) if (!index.has(id)) strong(id);
    const out: LintProblem[] = [];
    for (const comp of components) {
      const names = comp.map((id) => graph.byId.get(id)?.name ?? id);
      const edge = graph.edges.find((e) => e.kind === 'call' && comp.includes(e.source) && comp.includes(e.target));
      out.push({
        code: 'sync-call-cycle', severity: 'error', nodeId: comp[0], edgeId: edge?.id,
        message: `Synchronous call cycle: ${[...names, names[0]].join(' → ')}. A request would wait on itself; break the cycle with an event.`,
      });
    }
    return out;
  },
};
