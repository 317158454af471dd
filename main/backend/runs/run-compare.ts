import type { CompareResult } from '../../../shared/api/runs';
import { kpiDiff, topologyDiff } from '../../../shared/report/compare';
import type { RunRepository } from './run-repository';

/** KPI diff (B relative to A) and topology diff of two stored runs. */
export function compareRuns(repo: RunRepository, a: number, b: number): CompareResult {
  const ra = repo.detail(a);
  const rb = repo.detail(b);
  const { scenario: _sa, topology: ta, summary: _ua, faults: _fa, annotations: _na, ...metaA } = ra;
  const { scenario: _sb, topology: tb, summary: _ub, faults: _fb, annotations: _nb, ...metaB } = rb;
  return { a: metaA, b: metaB, kpis: kpiDiff(ra.kpis, rb.kpis), topology: topologyDiff(ta, tb) };
}
