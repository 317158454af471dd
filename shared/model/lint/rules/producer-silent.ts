import { profileMeanRate, profilePeakRate } from '../../arrival-profiles';
import type { LintProblem, LintRule } from '../types';

/** A producer that can never emit anything: no event types, or a zero rate all run long. */
export const producerSilent: LintRule = {
  codes: ['producer-silent'],
  description: 'A producer emits no events: its event-type list is empty or its rate is zero.',
  severity: 'info',
  check: ({ graph }) => {
    const out: LintProblem[] = [];
    for (const n of graph.nodes) {
      if (n.kind !== 'producer') continue;
      const s = n.settings;
      if (s.mode === 'events' && s.profile.kind !== 'replay' && s.emits.length === 0) {
        out.push({ code: 'producer-silent', severity: 'info', nodeId: n.id, path: 'settings.emits', message: `Producer "${n.name}" declares no event types to emit.` });
      } else if (profileMeanRate(s.profile) === 0 && profilePeakRate(s.profile) === 0) {
        out.push({ code: 'producer-silent', severity: 'info', nodeId: n.id, path: 'settings.profile', message: `Producer "${n.name}" has a rate of 0 events/s.` });
      }
    }
    return out;
  },
};
