import type { LintProblem, LintRule } from '../types';

/** Type names that are neither built-in commerce events nor project event types. */
export const unknownEventType: LintRule = {
  codes: ['unknown-event-type'],
  description: 'An event type is not in the commerce catalog nor among the project\'s own types (its payload would be empty).',
  severity: 'warning',
  check: ({ topology, catalog }) => {
    const out: LintProblem[] = [];
    const report = (name: string, where: { nodeId?: string; edgeId?: string; path: string }, owner: string): void => {
      if (catalog.has(name)) return;
      out.push({ code: 'unknown-event-type', severity: 'warning', ...where, message: `${owner} uses event type ${name}, which is not in the catalog: add it to the project's event types.` });
    };
    for (const n of topology.nodes) {
      const owner = `"${n.name}"`;
      if (n.kind === 'producer' && n.settings.mode === 'events') n.settings.emits.forEach((t, i) => report(t, { nodeId: n.id, path: `settings.emits[${i}]` }, owner));
      if (n.kind === 'service') {
        for (const key of ['consumes', 'emitsOnSuccess', 'emitsOnFailure'] as const) {
          n.settings[key].forEach((t, i) => report(t, { nodeId: n.id, path: `settings.${key}[${i}]` }, owner));
        }
      }
      if (n.kind === 'operator') {
        const s = n.settings;
        if (s.op === 'map' && s.emitAs) report(s.emitAs, { nodeId: n.id, path: 'settings.emitAs' }, owner);
        if (s.op === 'window') report(s.emits, { nodeId: n.id, path: 'settings.emits' }, owner);
        if (s.op === 'join') for (const k of ['left', 'right', 'emits'] as const) report(s[k], { nodeId: n.id, path: `settings.${k}` }, owner);
      }
    }
    for (const e of topology.edges) e.eventTypes.forEach((t, i) => report(t, { edgeId: e.id, path: `eventTypes[${i}]` }, `Edge ${e.id}`));
    return out;
  },
};
