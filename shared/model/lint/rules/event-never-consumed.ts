import type { LintProblem, LintRule } from '../types';

/**
 * Types that reach a broker but no consumer (service, operator or sink) ever receives; and types
 * a node emits that none of its outgoing edges carries (they vanish at the source).
 */
export const eventNeverConsumed: LintRule = {
  codes: ['event-never-consumed', 'emitted-type-not-published'],
  description: 'An event type is published to a broker but no consumer receives it; or a node emits a type none of its edges carries.',
  severity: 'warning',
  severityOf: { 'event-never-consumed': 'warning', 'emitted-type-not-published': 'info' },
  check: ({ graph, types }) => {
    const out: LintProblem[] = [];
    const consumed = new Set<string>();
    const publishedBy = new Map<string, string>();
    for (const n of graph.nodes) {
      const input = types.inputs.get(n.id);
      if (!input) continue;
      if (n.kind === 'service' || n.kind === 'operator' || n.kind === 'sink') for (const t of input) consumed.add(t);
    }
    for (const e of graph.edges) {
      const target = graph.byId.get(e.target);
      if (!target || (target.kind !== 'topic' && target.kind !== 'queue' && target.kind !== 'bus')) continue;
      for (const t of types.carried.get(e.id) ?? []) if (!publishedBy.has(t)) publishedBy.set(t, e.source);
    }
    for (const [t, source] of publishedBy) {
      if (consumed.has(t)) continue;
      const n = graph.byId.get(source);
      out.push({
        code: 'event-never-consumed', severity: 'warning', nodeId: source,
        message: `${t} is published${n ? ` by "${n.name}"` : ''} but no service, operator or sink ever receives it.`,
      });
    }
    for (const n of graph.nodes) {
      if (n.kind !== 'producer' && n.kind !== 'service' && n.kind !== 'operator') continue;
      const emitted = types.outputs.get(n.id) ?? new Set<string>();
      const edges = (graph.outgoing.get(n.id) ?? []).filter((e) => e.kind !== 'call');
      if (edges.length === 0) continue; // "publishes nowhere" / a pure worker: other rules speak
      const carried = new Set(edges.flatMap((e) => [...(types.carried.get(e.id) ?? [])]));
      for (const t of emitted) {
        if (carried.has(t)) continue;
        out.push({
          code: 'emitted-type-not-published', severity: 'info', nodeId: n.id,
          message: `"${n.name}" emits ${t} but none of its connections carries it: those events are dropped.`,
        });
      }
    }
    return out;
  },
};
