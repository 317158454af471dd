/**
 * A goal seek inside a sweep: the sought parameter must be one of the sweep's axes (its values
 * are the candidates); the other axes, if any, give one answer per combination ("min
 * payment.instances for each rate"). Cells are evaluated through the caller (a worker pool).
 */
import type { CellMetrics } from './metrics';
import { seekGoal } from './goal-seek';
import type { GoalAnswer, GoalQuery } from './goal-seek';
import type { SweepPlan } from './sweep-plan';

export interface GridGoalAnswer {
  /** the other axes' values this answer holds for (path → value) */
  at: Record<string, number>;
  answer: GoalAnswer;
}

/** Row-major cell index of the coords (inverse of cellCoords). */
export function cellIndex(plan: Pick<SweepPlan, 'axes'>, coords: readonly number[]): number {
  let index = 0;
  plan.axes.forEach((a, i) => {
    const k = a.values.indexOf(coords[i]!);
    if (k < 0) throw new RangeError(`${a.param.path} = ${coords[i]} is not on the sweep's grid`);
    index = index * a.values.length + k;
  });
  return index;
}

export type GoalAxisCheck = { ok: true; axis: number } | { ok: false; reason: string };

export function goalAxis(plan: Pick<SweepPlan, 'axes'>, query: GoalQuery): GoalAxisCheck {
  const axis = plan.axes.findIndex((a) => a.param.path === query.path);
  if (axis < 0) return { ok: false, reason: `"${query.text}": ${query.path} is not varied; give its candidates, e.g. --vary ${query.path}=1..16` };
  return { ok: true, axis };
}

export async function seekGoalInGrid(plan: SweepPlan, query: GoalQuery, evaluateCell: (cell: number) => Promise<CellMetrics[]>): Promise<GridGoalAnswer[]> {
  const g = goalAxis(plan, query);
  if (!g.ok) throw new RangeError(g.reason);
  const others = plan.axes.map((a, i) => ({ a, i })).filter((x) => x.i !== g.axis);
  let combos: number[][] = [[]];
  for (const o of others) combos = combos.flatMap((c) => o.a.values.map((v) => [...c, v]));
  const out: GridGoalAnswer[] = [];
  for (const combo of combos) {
    const coordsFor = (v: number): number[] => {
      const coords: number[] = [];
      let k = 0;
      plan.axes.forEach((_, i) => coords.push(i === g.axis ? v : combo[k++]!));
      return coords;
    };
    const answer = await seekGoal(query, plan.axes[g.axis]!.values, (v) => evaluateCell(cellIndex(plan, coordsFor(v))));
    out.push({ at: Object.fromEntries(others.map((o, k) => [o.a.param.path, combo[k]!])), answer });
  }
  return out;
}

/** A goal answer by cell index (what the app saves and shows): the evidence cells open their runs. */
export interface GoalAnswerCells {
  at: Record<string, number>;
  answer: number | null;
  meetingCell: number | null;
  failingCell: number | null;
  /** in the order bisection evaluated them */
  probeCells: number[];
  note: string;
}

export function answerCells(plan: Pick<SweepPlan, 'axes'>, query: GoalQuery, answers: readonly GridGoalAnswer[]): GoalAnswerCells[] {
  const g = goalAxis(plan, query);
  if (!g.ok) throw new RangeError(g.reason);
  return answers.map(({ at, answer: a }) => {
    const cellOf = (v: number): number => cellIndex(plan, plan.axes.map((ax, i) => (i === g.axis ? v : at[ax.param.path]!)));
    return {
      at, answer: a.answer, meetingCell: a.meeting === null ? null : cellOf(a.meeting.value), failingCell: a.failing === null ? null : cellOf(a.failing.value),
      probeCells: a.probes.map((p) => cellOf(p.value)), note: a.note,
    };
  });
}

/** A goal built with pickers as the text `--find` takes (and parseGoal reads back), values in the metric's own unit. */
export function goalSpecText(spec: { direction: 'min' | 'max'; path: string; conditions: readonly { metric: string; op: string; value: number }[] }): string {
  return `${spec.direction} ${spec.path} where ${spec.conditions.map((c) => `${c.metric} ${c.op} ${c.value}`).join(' and ')}`;
}
