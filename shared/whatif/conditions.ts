/**
 * Conditions on a cell's metrics, for goal seeks and --fail-if:
 *   <metric> <op> <value>[unit] [and <metric> <op> <value>[unit]]…
 *   op: < <= > >= = !=      unit: ms, s, m (latencies are in ms), % (divided by 100, for rates)
 * e.g. "checkout.p99 < 2s and ordersLost = 0", "payment.utilisation <= 80%".
 */
import type { CellMetrics, MetricStat } from './metrics';

export type ConditionOp = '<' | '<=' | '>' | '>=' | '=' | '!=';

export interface Condition {
  text: string;
  metric: string;
  op: ConditionOp;
  /** in the metric's own unit (ms for latencies, 0..1 for rates) */
  value: number;
}

export type ConditionsParse = { ok: true; value: Condition[] } | { ok: false; reason: string };

const UNIT: Readonly<Record<string, number>> = { '': 1, ms: 1, s: 1000, m: 60_000, '%': 0.01 };
const ONE = /^\s*([A-Za-z][A-Za-z0-9_.:-]*)\s*(<=|>=|!=|==|=|<|>)\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(ms|s|m|%)?\s*$/;

export function parseConditions(text: string, known?: ReadonlySet<string>): ConditionsParse {
  const parts = text.split(/\s+and\s+/i);
  const out: Condition[] = [];
  for (const part of parts) {
    const m = ONE.exec(part);
    if (m === null) return { ok: false, reason: `"${part.trim()}": expected <metric> <op> <value>, e.g. "checkout.p99 < 2s", "ordersLost = 0", "payment.utilisation <= 80%"` };
    const metric = m[1]!;
    if (known !== undefined && !known.has(metric)) {
      const near = [...known].filter((k) => k.split('.')[0] === metric.split('.')[0] || k.toLowerCase().includes(metric.toLowerCase().split('.').pop() ?? '')).slice(0, 12);
      return { ok: false, reason: `"${part.trim()}": unknown metric "${metric}"${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}; see docs/what-if.md for the names` };
    }
    const op = (m[2] === '==' ? '=' : m[2]) as ConditionOp;
    out.push({ text: part.trim(), metric, op, value: Number(m[3]) * UNIT[m[4] ?? '']! });
  }
  return { ok: true, value: out };
}

export function holds(c: Condition, x: number): boolean {
  switch (c.op) {
    case '<': return x < c.value;
    case '<=': return x <= c.value;
    case '>': return x > c.value;
    case '>=': return x >= c.value;
    case '=': return x === c.value;
    case '!=': return x !== c.value;
  }
}

/**
 * A requirement holds in a cell when it holds for every seed: sizing for the mean would
 * pass a design that loses orders on one seed in three.
 */
export function cellMeets(conditions: readonly Condition[], perSeed: readonly CellMetrics[]): boolean {
  return perSeed.length > 0 && conditions.every((c) => perSeed.every((m) => holds(c, m[c.metric] ?? NaN)));
}

/** The worst seed's value per condition (for evidence tables). */
export function worstOf(c: Condition, stat: MetricStat | undefined): number {
  if (stat === undefined) return NaN;
  return c.op === '<' || c.op === '<=' ? stat.max : c.op === '>' || c.op === '>=' ? stat.min : stat.mean;
}
