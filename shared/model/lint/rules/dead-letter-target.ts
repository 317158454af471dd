import { deadLetterTargetOf } from '../../graph';
import type { LintProblem, LintRule } from '../types';

/** Dead-letter settings that point nowhere usable. */
export const deadLetterTarget: LintRule = {
  codes: ['dead-letter-target-missing', 'bus-dead-letter-target-missing'],
  description: 'A dead-letter target names no queue or topic of this topology, or a bus dead-letters unmatched events without a target.',
  severity: 'error',
  severityOf: { 'dead-letter-target-missing': 'error', 'bus-dead-letter-target-missing': 'warning' },
  check: ({ graph }) => {
    const out: LintProblem[] = [];
    for (const n of graph.nodes) {
      const target = deadLetterTargetOf(n);
      if (target) {
        const t = graph.byId.get(target);
        if (!t || (t.kind !== 'queue' && t.kind !== 'topic') || t.id === n.id) {
          out.push({ code: 'dead-letter-target-missing', severity: 'error', nodeId: n.id, path: 'settings.deadLetterTarget',
            message: `"${n.name}" dead-letters to "${target}", which is not another queue or topic of this topology.` });
        }
      } else if (n.kind === 'bus' && n.settings.unmatched === 'dead-letter') {
        out.push({ code: 'bus-dead-letter-target-missing', severity: 'warning', nodeId: n.id, path: 'settings.deadLetterTarget',
          message: `Event bus "${n.name}" dead-letters unmatched events but has no dead-letter target: they are lost.` });
      }
    }
    return out;
  },
};
