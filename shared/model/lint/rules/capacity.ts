import { adviceText, capacityAdvice, fmtRate } from '../../capacity-advice';
import type { TopologyGraph } from '../../graph';
import type { TopologyNode } from '../../nodes';
import type { LintProblem, LintRule } from '../types';

const HEADROOM = 0.8;

/** "≈ 37 min", "≈ 12 s", "≈ 3.2 h" */
function fmtSeconds(s: number): string {
  if (s < 120) return `≈ ${Math.max(1, Math.round(s))} s`;
  if (s < 7200) return `≈ ${Math.round(s / 60)} min`;
  return `≈ ${(s / 3600).toFixed(1)} h`;
}

/**
 * What an overload does: where the backlog builds, how fast, when the broker is full and what
 * its overflow policy then does. Brokers in front hold the backlog; without one (direct calls)
 * it builds in the worker's inbox.
 */
function backlogStory(graph: TopologyGraph, n: TopologyNode, growthPerSec: number): string {
  const brokers = (graph.incoming.get(n.id) ?? [])
    .map((e) => graph.byId.get(e.source))
    .filter((b): b is Extract<TopologyNode, { kind: 'topic' | 'queue' }> => b?.kind === 'topic' || b?.kind === 'queue');
  const b = brokers[0];
  // ρ = 1 exactly: no steady growth, but nothing drains a fluctuation either
  if (growthPerSec < 0.01) return `the backlog${b ? ` in "${b.name}"` : ''} never drains: every burst adds to it for good`;
  const grows = `the backlog grows by ≈ ${fmtRate(growthPerSec)}/s`;
  if (!b) return `${grows} in front of it`;
  const full = b.settings.capacity / growthPerSec;
  const then = b.settings.overflow === 'backpressure'
    ? 'then backpressure slows its publishers to what it drains'
    : b.settings.overflow === 'drop-newest' ? `then new events are dropped (≈ ${fmtRate(growthPerSec)}/s)` : `then the oldest events are dropped (≈ ${fmtRate(growthPerSec)}/s)`;
  return `${grows} in "${b.name}" (capacity ${b.settings.capacity.toLocaleString('en-US')} messages): full after ${fmtSeconds(full)}, ${then}`;
}

/**
 * Utilisation ρ = arrival / capacity of each service and sink (see capacity.ts), explained by
 * capacity-advice.ts (how it was computed, the binding factor, the remedy with the capacity it
 * reaches). Overload is a warning, not an error: running it shows when and how badly it backs up.
 * ρ ≥ 1 at the mean rate: the backlog grows steadily. ρ ≥ 1 only at peak: it builds during peaks
 * and drains after. ρ > 0.8: latency climbs steeply near saturation.
 */
export const capacityRule: LintRule = {
  codes: ['capacity-exceeded', 'capacity-exceeded-at-peak', 'capacity-headroom'],
  description: 'Arrival rate at or above a consumer\'s capacity (ρ ≥ 1: the backlog grows), above it only at peak, or above 80 %; names the binding factor and the remedy.',
  severity: 'warning',
  severityOf: { 'capacity-exceeded': 'warning', 'capacity-exceeded-at-peak': 'warning', 'capacity-headroom': 'warning' },
  check: ({ graph, load }) => {
    const out: LintProblem[] = [];
    for (const n of graph.nodes) {
      if (n.kind !== 'service' && n.kind !== 'sink') continue;
      const l = load.get(n.id);
      if (!l || l.runaway || l.utilisation === undefined || l.peakUtilisation === undefined) continue; // runaway: the loop rule speaks
      const advice = capacityAdvice(n, l, graph);
      const why = advice ? ` ${adviceText(advice)}` : '';
      const cap = `can handle ${fmtRate(l.capacityPerSec)}/s (ρ = ${l.utilisation.toFixed(2)})`;
      if (l.utilisation >= 1) {
        out.push({ code: 'capacity-exceeded', severity: 'warning', nodeId: n.id,
          message: `"${n.name}" receives ${fmtRate(l.arrivalPerSec)}/s but ${cap}: ${backlogStory(graph, n, l.arrivalPerSec - l.capacityPerSec)}.${why}` });
      } else if (l.peakUtilisation >= 1) {
        out.push({ code: 'capacity-exceeded-at-peak', severity: 'warning', nodeId: n.id,
          message: `At peak "${n.name}" receives ${fmtRate(l.peakArrivalPerSec)}/s but can handle ${fmtRate(l.capacityPerSec)}/s (ρ = ${l.peakUtilisation.toFixed(2)}): during peaks ${backlogStory(graph, n, l.peakArrivalPerSec - l.capacityPerSec)}; it drains after.${why}` });
      } else if (Math.max(l.utilisation, l.peakUtilisation) > HEADROOM) {
        out.push({ code: 'capacity-headroom', severity: 'warning', nodeId: n.id,
          message: `"${n.name}" receives ${fmtRate(l.arrivalPerSec)}/s and ${cap}${l.peakUtilisation > l.utilisation ? `, ρ = ${l.peakUtilisation.toFixed(2)} at peak` : ''}: above ${HEADROOM * 100} % utilisation waiting times climb steeply.${why}` });
      }
    }
    return out;
  },
};
