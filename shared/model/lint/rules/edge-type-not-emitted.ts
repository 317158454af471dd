import type { LintProblem, LintRule } from '../types';

/** An edge lists a type its source never puts out: the filter can never match it. */
export const edgeTypeNotEmitted: LintRule = {
  codes: ['edge-type-not-emitted'],
  description: 'An edge carries an event type its source never emits (or, for a broker, never receives).',
  severity: 'warning',
  check: ({ graph, types }) => {
    const out: LintProblem[] = [];
    for (const e of graph.edges) {
      if (e.kind === 'call' || e.eventTypes.length === 0) continue;
      const source = graph.byId.get(e.source);
      if (!source) continue;
      const offered = types.outputs.get(source.id) ?? new Set<string>();
      for (const t of e.eventTypes) {
        if (offered.has(t)) continue;
        out.push({
          code: 'edge-type-not-emitted', severity: 'warning', edgeId: e.id, nodeId: source.id, path: 'eventTypes',
          message: `Edge ${source.name} → ${graph.byId.get(e.target)?.name ?? e.target} carries ${t}, but "${source.name}" never ${source.kind === 'topic' || source.kind === 'queue' || source.kind === 'bus' ? 'receives' : 'emits'} it.`,
        });
      }
    }
    return out;
  },
};
