import type { LintProblem, LintRule } from '../types';

/**
 * Events that come back around a loop and multiply (each one causes at least one more, e.g. a
 * service that re-publishes what it consumes to the topic it reads): the run would never settle,
 * and the runtime stops such a run with a limit error.
 */
export const feedbackLoop: LintRule = {
  codes: ['runaway-feedback-loop'],
  description: 'Events loop back and multiply (every event causes at least one more around the loop), so traffic grows without limit.',
  severity: 'error',
  check: ({ graph, load }) => {
    const looping = graph.nodes.filter((n) => load.get(n.id)?.runaway === true);
    if (looping.length === 0) return [];
    const inLoop = new Set(looping.map((n) => n.id));
    const out: LintProblem[] = [];
    // one problem per loop: report the first node of each connected piece of the looping set
    const seen = new Set<string>();
    for (const start of looping) {
      if (seen.has(start.id)) continue;
      const piece: string[] = [];
      const stack = [start.id];
      seen.add(start.id);
      while (stack.length > 0) {
        const id = stack.pop() as string;
        piece.push(id);
        const near = [...(graph.outgoing.get(id) ?? []).map((e) => e.target), ...(graph.incoming.get(id) ?? []).map((e) => e.source)];
        for (const x of near) if (inLoop.has(x) && !seen.has(x)) { seen.add(x); stack.push(x); }
      }
      const names = piece.map((id) => `"${graph.byId.get(id)?.name ?? id}"`);
      out.push({
        code: 'runaway-feedback-loop', severity: 'error', nodeId: start.id,
        message: `Events loop through ${names.join(', ')} and multiply: traffic grows without limit. Filter the loop's edges by event type or stop re-publishing what is consumed.`,
      });
    }
    return out;
  },
};
