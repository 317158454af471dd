/**
 * Goal seek: "min payment.instances where checkout.p99 < 2s and ordersLost = 0" (or "max
 * storefront.profile.ratePerSec where …"), answered by bisection over the parameter's candidate
 * values, assuming the requirement is monotone in it (more instances never make p99 worse).
 * ⌈log2 n⌉ + 1 probes instead of n; the answer comes with its evidence: the cell that meets the
 * requirement and its neighbour that does not.
 */
import { cellMeets, parseConditions } from './conditions';
import type { Condition } from './conditions';
import { aggregate } from './metrics';
import type { CellMetrics, MetricStat } from './metrics';

export interface GoalQuery {
  text: string;
  direction: 'min' | 'max';
  path: string;
  conditions: Condition[];
}

export type GoalParse = { ok: true; value: GoalQuery } | { ok: false; reason: string };

export function parseGoal(text: string, knownMetrics?: ReadonlySet<string>): GoalParse {
  const m = /^\s*(min|max)\s+(\S+)\s+where\s+(.+)$/i.exec(text);
  if (m === null) return { ok: false, reason: `"${text}": expected "min <parameter> where <metric> <op> <value> [and …]", e.g. "min payment.instances where checkout.p99 < 2s and ordersLost = 0"` };
  const c = parseConditions(m[3]!, knownMetrics);
  if (!c.ok) return c;
  return { ok: true, value: { text: text.trim(), direction: m[1]!.toLowerCase() === 'min' ? 'min' : 'max', path: m[2]!, conditions: c.value } };
}

export interface Probe {
  value: number;
  meets: boolean;
  stats: Record<string, MetricStat>;
  perSeed: CellMetrics[];
}

export interface GoalAnswer {
  query: GoalQuery;
  /** the smallest (min) or largest (max) candidate meeting the requirement; null when none does */
  answer: number | null;
  /** the answer's cell */
  meeting: Probe | null;
  /** its neighbour on the other side, which does not meet it (null when the answer is the first candidate) */
  failing: Probe | null;
  /** every cell evaluated, in the order they ran */
  probes: Probe[];
  note: string;
}

/** `evaluate` runs one cell (all its seeds) for a candidate value. */
export async function seekGoal(query: GoalQuery, candidates: readonly number[], evaluate: (value: number) => Promise<CellMetrics[]>): Promise<GoalAnswer> {
  // "max x where …" is "min" over the candidates read backwards
  const order = [...candidates].sort((a, b) => (query.direction === 'min' ? a - b : b - a));
  const probes: Probe[] = [];
  const cache = new Map<number, Probe>();
  const probe = async (i: number): Promise<Probe> => {
    const hit = cache.get(i);
    if (hit !== undefined) return hit;
    const value = order[i]!;
    const perSeed = await evaluate(value);
    const p: Probe = { value, meets: cellMeets(query.conditions, perSeed), stats: aggregate(perSeed), perSeed };
    cache.set(i, p);
    probes.push(p);
    return p;
  };
  const edge = query.direction === 'min' ? 'largest' : 'smallest';
  if (order.length === 0) return { query, answer: null, meeting: null, failing: null, probes, note: 'no candidate values' };
  const last = await probe(order.length - 1);
  if (!last.meets) {
    return { query, answer: null, meeting: null, failing: last, probes, note: `not met even at the ${edge} candidate, ${query.path} = ${last.value}: widen the range` };
  }
  // invariant: order[hi] meets; everything before lo+1 is assumed (then shown) not to
  let lo = -1;
  let hi = order.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((await probe(mid)).meets) hi = mid;
    else lo = mid;
  }
  const meeting = await probe(hi);
  const failing = lo >= 0 ? await probe(lo) : null;
  const note = failing === null
    ? `already met at the first candidate, ${query.path} = ${meeting.value}: the answer may be lower; widen the range`
    : `${query.path} = ${meeting.value} meets it on every seed; ${failing.value} does not`;
  return { query, answer: meeting.value, meeting, failing, probes, note };
}
