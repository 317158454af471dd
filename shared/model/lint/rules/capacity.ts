import type { LintProblem, LintRule } from '../types';

const HEADROOM = 0.8;
const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * Utilisation ρ = arrival / capacity of each service and sink (see capacity.ts). ρ ≥ 1 at the
 * mean rate: the backlog in front of it grows without bound (error). ρ ≥ 1 only at the peak
 * rate: a backlog builds during peaks and drains after (warning). ρ > 0.8: latency climbs
 * steeply near saturation (warning).
 */
export const capacityRule: LintRule = {
  codes: ['capacity-exceeded', 'capacity-exceeded-at-peak', 'capacity-headroom'],
  description: 'Arrival rate at or above a consumer\'s capacity (ρ ≥ 1: grows without bound), above it only at peak, or above 80 %.',
  severity: 'error',
  severityOf: { 'capacity-exceeded': 'error', 'capacity-exceeded-at-peak': 'warning', 'capacity-headroom': 'warning' },
  check: ({ graph, load }) => {
    const out: LintProblem[] = [];
    for (const n of graph.nodes) {
      if (n.kind !== 'service' && n.kind !== 'sink') continue;
      const l = load.get(n.id);
      if (!l || l.runaway || l.utilisation === undefined || l.peakUtilisation === undefined) continue; // runaway: the loop rule speaks
      const feeders = [...new Set((graph.incoming.get(n.id) ?? []).map((e) => graph.byId.get(e.source)?.name ?? e.source))];
      const before = feeders.length > 0 ? ` in front of it (${feeders.map((f) => `"${f}"`).join(', ')})` : '';
      const what = `"${n.name}" receives ${fmt(l.arrivalPerSec)}/s`;
      const cap = `can handle ${fmt(l.capacityPerSec)}/s (ρ = ${fmt(l.utilisation)})`;
      if (l.utilisation >= 1) {
        out.push({ code: 'capacity-exceeded', severity: 'error', nodeId: n.id,
          message: `${what} but ${cap}: the backlog${before} will grow without bound. Add instances or concurrency, or make processing faster.` });
      } else if (l.peakUtilisation >= 1) {
        out.push({ code: 'capacity-exceeded-at-peak', severity: 'warning', nodeId: n.id,
          message: `At peak "${n.name}" receives ${fmt(l.peakArrivalPerSec)}/s but can handle ${fmt(l.capacityPerSec)}/s (ρ = ${fmt(l.peakUtilisation)}): a backlog builds${before} during peaks.` });
      } else if (Math.max(l.utilisation, l.peakUtilisation) > HEADROOM) {
        out.push({ code: 'capacity-headroom', severity: 'warning', nodeId: n.id,
          message: `${what} and ${cap}${l.peakUtilisation > l.utilisation ? `, ρ = ${fmt(l.peakUtilisation)} at peak` : ''}: above ${HEADROOM * 100} % utilisation waiting times climb steeply.` });
      }
    }
    return out;
  },
};
