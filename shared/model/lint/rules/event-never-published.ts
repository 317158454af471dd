import type { LintProblem, LintRule } from '../types';
import { declaredConsumedTypes } from '../../graph';

/** Types a service (or join) declares it consumes that nothing publishes, or that never reach it. */
export const eventNeverPublished: LintRule = {
  codes: ['event-consumed-never-published', 'event-not-delivered'],
  description: 'A service consumes an event type nothing publishes, or that no connection delivers to it.',
  severity: 'warning',
  check: ({ graph, types }) => {
    const out: LintProblem[] = [];
    const produced = new Set<string>();
    for (const set of types.outputs.values()) for (const t of set) produced.add(t);
    for (const n of graph.nodes) {
      const wanted = declaredConsumedTypes(n);
      if (wanted.length === 0) continue;
      const arriving = types.inputs.get(n.id) ?? new Set<string>();
      const fed = (graph.incoming.get(n.id) ?? []).some((e) => e.kind !== 'call');
      const path = n.kind === 'service' ? 'settings.consumes' : 'settings';
      for (const t of wanted) {
        if (!produced.has(t)) {
          out.push({ code: 'event-consumed-never-published', severity: 'warning', nodeId: n.id, path, message: `"${n.name}" consumes ${t}, but nothing in this topology publishes it.` });
        } else if (fed && !arriving.has(t)) {
          out.push({ code: 'event-not-delivered', severity: 'warning', nodeId: n.id, path, message: `"${n.name}" consumes ${t}, but none of its subscriptions delivers it.` });
        }
      }
    }
    return out;
  },
};
