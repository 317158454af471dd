/**
 * The player's live check of a step's claims against the learner's runs. Time-series claims read
 * the snapshots the player loaded with each run (shared/lessons/run-reader.ts), as the headless
 * check reads its own run's series.
 */
import { evaluateClaim } from '../../shared/lessons/claims';
import type { ClaimResult } from '../../shared/lessons/claims';
import type { Claim } from '../../shared/lessons/schema';
import type { Topology } from '../../shared/model/topology';
import type { LessonSession } from './lesson-session';

export function checkClaims(claims: readonly Claim[], session: LessonSession, topology: Topology): ClaimResult[] {
  const ctx = { runs: session.runs, topology, ...(session.latest !== undefined ? { latest: session.latest } : {}) };
  return claims.map((c) => evaluateClaim(c, ctx));
}
