/**
 * The player's live check of a step's claims against the learner's runs. Time-series claims need
 * the run's snapshots, which the player does not load yet: they say so instead of failing.
 */
import { evaluateClaim } from '../../shared/lessons/claims';
import type { ClaimResult } from '../../shared/lessons/claims';
import type { Claim } from '../../shared/lessons/schema';
import type { Topology } from '../../shared/model/topology';
import type { LessonSession } from './lesson-session';

const readsSeries = (c: Claim): boolean =>
  (c.kind === 'figure' && 'series' in c.metric) || (c.kind === 'compare' && ('series' in c.left.metric || 'series' in c.right.metric));

export function checkClaims(claims: readonly Claim[], session: LessonSession, topology: Topology): ClaimResult[] {
  const ctx = { runs: session.runs, topology, ...(session.latest !== undefined ? { latest: session.latest } : {}) };
  return claims.map((c) => {
    const r = evaluateClaim(c, ctx);
    if (r.status !== 'pending' && readsSeries(c) && session.runs.size > 0 && r.explanation.startsWith('cannot check')) {
      return { ...r, status: 'pending', explanation: 'this claim reads the run\'s time series: `eventflow lessons check` verifies it; the player does not read series yet' };
    }
    return r;
  });
}
