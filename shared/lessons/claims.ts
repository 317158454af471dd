/**
 * The claim evaluator: a claim against the lesson's runs gives the measured number, the expected
 * bound and, when it does not hold, a sentence a learner understands ("not yet — Payment p99 was
 * 340 ms, the claim needs < 50 ms").
 */
import { lintTopology } from '../model/lint';
import type { Topology } from '../model/topology';
import { nodeNames, readFigure } from './figures';
import type { LessonRun } from './figures';
import { describeMetric, unitOfMetric } from './metrics';
import type { Claim, Comparator } from './schema';

export type ClaimStatus = 'pass' | 'fail' | 'pending';

export interface ClaimResult {
  id: string;
  says: string;
  status: ClaimStatus;
  /** the figure read from the run(s); absent when it could not be read */
  measured?: number;
  /** e.g. "< 50 ms" or "≈ 1.0 ± 0.05" */
  expected: string;
  /** one sentence: what was measured, against what */
  explanation: string;
}

export interface ClaimContext {
  /** runs by label */
  runs: ReadonlyMap<string, LessonRun>;
  /** label of the latest run (what a claim without `run` reads) */
  latest?: string;
  /** the topology as it is now (lint claims) */
  topology: Topology;
}

const OP_TEXT: Record<Comparator, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=', approx: '≈' };

/** Slack on the bound: the larger of the absolute and the relative tolerance. */
function slack(c: { value: number; tolerance?: number | undefined; tolerancePct?: number | undefined }): number {
  return Math.max(c.tolerance ?? 0, ((c.tolerancePct ?? 0) / 100) * Math.abs(c.value));
}

export function holds(measured: number, op: Comparator, value: number, tol: number): boolean {
  switch (op) {
    case '<': return measured < value + tol;
    case '<=': return measured <= value + tol;
    case '>': return measured > value - tol;
    case '>=': return measured >= value - tol;
    case '==':
    case 'approx': return Math.abs(measured - value) <= tol;
  }
}

/** A number as a learner reads it: 3 significant figures, units, % for fractions. */
export function formatFigure(v: number, unit: 'ms' | '%' | ''): string {
  if (!Number.isFinite(v)) return String(v);
  if (unit === '%') return `${round(v * 100)} %`;
  const s = round(v);
  return unit === 'ms' ? `${s} ms` : s;
}

function round(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(3)));
}

function expectedText(op: Comparator, value: number, tol: number, unit: 'ms' | '%' | ''): string {
  const core = `${OP_TEXT[op]} ${formatFigure(value, unit)}`;
  return tol > 0 ? `${core} (± ${formatFigure(tol, unit)})` : core;
}

function pickRun(ctx: ClaimContext, label: string | undefined): LessonRun | string {
  const want = label ?? ctx.latest;
  if (want === undefined) return 'no run yet: start a run';
  const r = ctx.runs.get(want);
  return r ?? `no run "${want}" yet: start it first`;
}

function pending(c: Claim, expected: string, why: string): ClaimResult {
  return { id: c.id, says: c.says, status: 'pending', expected, explanation: `not yet — ${why}` };
}

export function evaluateClaim(c: Claim, ctx: ClaimContext): ClaimResult {
  if (c.kind === 'lint') return evaluateLint(c, ctx.topology);
  const name = nodeNames(ctx.runs.values());
  const tol = slack(c);
  if (c.kind === 'figure') {
    const unit = unitOfMetric(c.metric);
    const expected = expectedText(c.op, c.value, tol, unit);
    const run = pickRun(ctx, c.run);
    if (typeof run === 'string') return pending(c, expected, run);
    const f = readFigure(run, c.metric);
    if (!f.ok) return { id: c.id, says: c.says, status: 'fail', expected, explanation: `cannot check — ${f.reason}` };
    const what = describeMetric(c.metric, name);
    const ok = holds(f.value, c.op, c.value, tol);
    const measured = formatFigure(f.value, unit);
    return {
      id: c.id, says: c.says, status: ok ? 'pass' : 'fail', measured: f.value, expected,
      explanation: ok ? `${what} was ${measured} (${expected})` : `not yet — ${what} was ${measured}, the claim needs ${expected}`,
    };
  }
  const leftUnit = unitOfMetric(c.left.metric);
  const unit = c.relation === 'ratio' ? '' : leftUnit;
  const expected = `${c.relation} ${expectedText(c.op, c.value, tol, unit)}`;
  const lr = pickRun(ctx, c.left.run);
  if (typeof lr === 'string') return pending(c, expected, lr);
  const rr = pickRun(ctx, c.right.run);
  if (typeof rr === 'string') return pending(c, expected, rr);
  const l = readFigure(lr, c.left.metric);
  const r = readFigure(rr, c.right.metric);
  if (!l.ok || !r.ok) return { id: c.id, says: c.says, status: 'fail', expected, explanation: `cannot check — ${!l.ok ? l.reason : (r as { reason: string }).reason}` };
  const lw = `${describeMetric(c.left.metric, name)} (${lr.label})`;
  const rw = `${describeMetric(c.right.metric, name)} (${rr.label})`;
  const both = `${lw} was ${formatFigure(l.value, leftUnit)} and ${rw} ${formatFigure(r.value, unitOfMetric(c.right.metric))}`;
  if (c.relation === 'ratio' && r.value === 0) {
    return { id: c.id, says: c.says, status: 'fail', expected, explanation: `not yet — ${both}: a ratio to 0 has no value` };
  }
  const value = c.relation === 'ratio' ? l.value / r.value : l.value - r.value;
  const ok = holds(value, c.op, c.value, tol);
  const m = `${c.relation} ${formatFigure(value, unit)}`;
  return {
    id: c.id, says: c.says, status: ok ? 'pass' : 'fail', measured: value, expected,
    explanation: ok ? `${both}: ${m} (${expected})` : `not yet — ${both}: ${m}, the claim needs ${expected}`,
  };
}

function evaluateLint(c: Extract<Claim, { kind: 'lint' }>, t: Topology): ClaimResult {
  const found = lintTopology(t).filter((p) => p.code === c.code && (c.node === undefined || p.nodeId === c.node));
  const ok = c.present ? found.length > 0 : found.length === 0;
  const where = c.node !== undefined ? ` on ${t.nodes.find((n) => n.id === c.node)?.name ?? c.node}` : '';
  const expected = c.present ? `lint ${c.code}${where}` : `no lint ${c.code}${where}`;
  const explanation = ok
    ? (found[0]?.message ?? `no ${c.code} finding${where}`)
    : c.present ? `not yet — the design shows no ${c.code} finding${where}` : `not yet — ${found[0]?.message ?? c.code}`;
  return { id: c.id, says: c.says, status: ok ? 'pass' : 'fail', measured: found.length, expected, explanation };
}
