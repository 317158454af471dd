/**
 * The What-if panel's Find mode: "smallest <parameter> such that <metric> <op> <value> [and …]"
 * built with pickers (parameter, metric, operator; the value may carry a unit: 2s, 80%), run by
 * whatif.find (the shared bisection on the backend's pool), and its answer with the evidence —
 * the answer's cell and its neighbour that does not meet the goal, each opening its runs.
 */
import type { WhatifCell, WhatifGoal, WhatifGoalCondition } from '../../shared/api/whatif';
import { holds, parseConditions, worstOf } from '../../shared/whatif/conditions';
import type { Condition, ConditionOp } from '../../shared/whatif/conditions';
import { numText as fmt } from '../../shared/whatif/sweep-svg';
import type { RunId } from '../runs/runs-api';

export interface FindCondition { metric: string; op: ConditionOp; value: string }
/** `per`: a second parameter (path, '' for none) with one answer for each of its values (`perRange`) */
export interface FindForm { direction: 'min' | 'max'; path: string; range: string; conditions: FindCondition[]; per: string; perRange: string }

const OPS: readonly ConditionOp[] = ['<', '<=', '>', '>=', '=', '!='];
const OP_TEXT: Readonly<Record<ConditionOp, string>> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '=': '=', '!=': '≠' };

const isLatency = (m: string): boolean => /(\.p50|\.p95|\.p99|\.mean|\.max|P99)$/.test(m) && !m.endsWith('maxBacklog');
const isRate = (m: string): boolean => /(utilisation|conversionRate|Rate)$/.test(m);
/** A value in the metric's unit as an architect reads it: 30%, 2,000 ms. */
export const valueText = (m: string, v: number): string => (!Number.isFinite(v) ? '—' : isRate(m) ? `${fmt(v * 100)}%` : isLatency(m) ? `${fmt(v)} ms` : fmt(v));
const unitHint = (m: string): string => (isLatency(m) ? 'e.g. 2s, 500ms' : isRate(m) ? 'e.g. 80%, 0.8' : 'e.g. 0');

/** The pickers' conditions in the metric's own unit, or the reasons they are not valid. */
export function findConditions(form: FindForm, known: readonly string[]): { ok: true; value: WhatifGoalCondition[] } | { ok: false; reasons: string[] } {
  const reasons: string[] = [];
  const out: WhatifGoalCondition[] = [];
  form.conditions.forEach((c, i) => {
    if (c.value.trim() === '') {
      reasons.push(`condition ${i + 1} (${c.metric} ${c.op} …): give a value, ${unitHint(c.metric)}`);
      return;
    }
    const r = parseConditions(`${c.metric} ${c.op} ${c.value.trim()}`, known.length > 0 ? new Set(known) : undefined);
    if (!r.ok) reasons.push(`condition ${i + 1}: ${r.reason}`);
    else out.push(...r.value.map((x) => ({ metric: x.metric, op: x.op, value: x.value })));
  });
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, value: out };
}

const rangeOf = (axisText: string): string => axisText.split('=').slice(1).join('=');
const pathOf = (axisText: string): string => axisText.split('=')[0] ?? '';

/** The form a saved goal reopens with (`axisTexts` as whatif.get gives them: "path=range"). */
export function formOfGoal(goal: WhatifGoal, axisTexts: readonly string[]): FindForm {
  const own = axisTexts.find((t) => pathOf(t) === goal.path) ?? '';
  const other = axisTexts.find((t) => pathOf(t) !== goal.path);
  return {
    direction: goal.direction, path: goal.path, range: rangeOf(own), conditions: goal.conditions.map((c) => ({ metric: c.metric, op: c.op, value: String(c.value) })),
    per: other === undefined ? '' : pathOf(other), perRange: other === undefined ? '' : rangeOf(other),
  };
}

export function FindFields({ form, onChange, params, metrics }: {
  form: FindForm; onChange: (f: FindForm) => void; params: readonly { path: string; value: number }[]; metrics: readonly string[];
}) {
  const set = (patch: Partial<FindForm>): void => onChange({ ...form, ...patch });
  const setCond = (i: number, patch: Partial<FindCondition>): void => set({ conditions: form.conditions.map((c, k) => (k === i ? { ...c, ...patch } : c)) });
  const metricOptions = metrics.length > 0 ? metrics : [...new Set(form.conditions.map((c) => c.metric))];
  return (
    <div className="whatif__find" data-testid="whatif-find-form">
      <label>Find the
        <select value={form.direction} onChange={(e) => set({ direction: e.target.value === 'max' ? 'max' : 'min' })} data-testid="whatif-find-direction">
          <option value="min">smallest</option>
          <option value="max">largest</option>
        </select>
      </label>
      <label>Parameter
        <select value={form.path} onChange={(e) => set({ path: e.target.value })} data-testid="whatif-find-param">
          {!params.some((p) => p.path === form.path) && <option value={form.path}>{form.path}</option>}
          {params.map((p) => <option key={p.path} value={p.path}>{p.path} (now {fmt(p.value)})</option>)}
        </select>
      </label>
      <label>Candidates
        <input value={form.range} onChange={(e) => set({ range: e.target.value })} size={12} placeholder="1..16" data-testid="whatif-find-range" title="The values to choose from: 1..16, 1,2,4,8, 10..1000:log7" />
      </label>
      <label>for each
        <select value={form.per} onChange={(e) => set({ per: e.target.value, perRange: e.target.value === '' ? '' : form.perRange || suggestedRange(params.find((p) => p.path === e.target.value)?.value) })} data-testid="whatif-find-per" title="One answer for each value of a second parameter: how many instances for each traffic level">
          <option value="">(one answer)</option>
          {form.per !== '' && !params.some((p) => p.path === form.per) && <option value={form.per}>{form.per}</option>}
          {params.filter((p) => p.path !== form.path).map((p) => <option key={p.path} value={p.path}>{p.path} (now {fmt(p.value)})</option>)}
        </select>
      </label>
      {form.per !== '' && (
        <label>in
          <input value={form.perRange} onChange={(e) => set({ perRange: e.target.value })} size={12} placeholder="10,20,40" data-testid="whatif-find-per-range" title="The values to answer for: 10,20,40 or 10..80:log4" />
        </label>
      )}
      <div className="whatif__conds">
        <span className="whatif__such">such that</span>
        {form.conditions.map((c, i) => (
          <div key={i} className="whatif__cond" data-testid="whatif-find-condition">
            {i > 0 && <span className="whatif__such">and</span>}
            <select value={c.metric} onChange={(e) => setCond(i, { metric: e.target.value })} aria-label={`Metric ${i + 1}`} data-testid={`whatif-find-metric-${i + 1}`}>
              {metricOptions.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
            <select value={c.op} onChange={(e) => setCond(i, { op: e.target.value as ConditionOp })} aria-label={`Operator ${i + 1}`} data-testid={`whatif-find-op-${i + 1}`}>
              {OPS.map((o) => <option key={o} value={o}>{OP_TEXT[o]}</option>)}
            </select>
            <input value={c.value} onChange={(e) => setCond(i, { value: e.target.value })} size={8} placeholder={unitHint(c.metric)} aria-label={`Value ${i + 1}`} data-testid={`whatif-find-value-${i + 1}`} />
            {form.conditions.length > 1 && <button type="button" className="btn btn-ghost" onClick={() => set({ conditions: form.conditions.filter((_, k) => k !== i) })} title="Remove this condition" aria-label={`Remove condition ${i + 1}`}>×</button>}
          </div>
        ))}
        {form.conditions.length < 8 && (
          <button type="button" className="btn btn-ghost" data-testid="whatif-find-and"
            onClick={() => set({ conditions: [...form.conditions, { metric: metricOptions.find((m) => !form.conditions.some((c) => c.metric === m)) ?? metricOptions[0] ?? 'ordersLost', op: '=', value: '0' }] })}>
            + and
          </button>
        )}
      </div>
    </div>
  );
}

/** ×1, ×2, ×4 of the current value: a first guess at the levels to answer for */
const suggestedRange = (v: number | undefined): string => (v === undefined || !(v > 0) ? '' : [1, 2, 4].map((k) => fmt(v * k).replace(/,/g, '')).join(','));

const asCondition = (c: WhatifGoalCondition): Condition => ({ text: `${c.metric} ${c.op} ${c.value}`, ...c });

interface GoalAxis { path: string; values: readonly number[] }

/**
 * The answer and its evidence; while it runs, the cells bisection has evaluated so far. With a
 * second axis ("for each"), one row per value of it: the answer, its cell and its failing neighbour.
 */
export function GoalResult({ goal, cells, order, axes, seeds, running, onOpenRun }: {
  goal: WhatifGoal; cells: Map<number, WhatifCell>; order: readonly number[]; axes: readonly GoalAxis[]; seeds: readonly number[]; running: boolean; onOpenRun: (runId: RunId) => void;
}) {
  const conds = goal.conditions.map(asCondition);
  const g = Math.max(0, axes.findIndex((a) => a.path === goal.path));
  const axisValues = axes[g]?.values ?? [];
  const other = axes.length > 1 ? axes.find((_, i) => i !== g)! : null;
  const o = other === null ? -1 : axes.indexOf(other);
  const goalText = `${goal.direction === 'min' ? 'smallest' : 'largest'} ${goal.path} such that ${goal.conditions.map((c) => `${c.metric} ${OP_TEXT[c.op]} ${valueText(c.metric, c.value)}`).join(' and ')}`;
  const range = axisValues.length === 0 ? '' : `${fmt(Math.min(...axisValues))}…${fmt(Math.max(...axisValues))}`;
  const meets = (c: WhatifCell): boolean => conds.every((k) => {
    const s = c.stats[k.metric];
    if (s === undefined) return false;
    // on every seed: the extreme seeds decide (exact for < ≤ > ≥ =; for ≠ the seeds between are not checked)
    return holds(k, s.min) && holds(k, s.max);
  });
  const openRuns = (c: WhatifCell) => (
    <div className="whatif__runs">
      {c.runIds.length === 0 ? <span>its runs were pruned or deleted</span> : c.runIds.map((id, k) => (
        <button key={id} type="button" className="btn" onClick={() => onOpenRun(id)} data-testid="whatif-goal-open-run" title={`Open run ${id} in the run view`}>Open run · seed {seeds[k] ?? k + 1}</button>
      ))}
    </div>
  );
  const evidence = (index: number | null, label: string, ok: boolean) => {
    if (index === null) return null;
    const c = cells.get(index);
    if (c === undefined) return null;
    return (
      <div className={`whatif__evidence ${ok ? 'is-ok' : 'is-bad'}`} data-testid={ok ? 'whatif-goal-meeting' : 'whatif-goal-failing'}>
        <div><b>{ok ? '✓' : '✗'} {goal.path} = {fmt(c.coords[g]!)}</b> <span className="whatif__muted">{label}</span></div>
        <table className="whatif__table">
          <tbody>
            {conds.map((k) => <tr key={k.metric + k.op}><td>{k.metric} {OP_TEXT[k.op]} {valueText(k.metric, k.value)}</td><td>worst seed {valueText(k.metric, worstOf(k, c.stats[k.metric]))}</td></tr>)}
          </tbody>
        </table>
        {openRuns(c)}
      </div>
    );
  };
  const probes = (list: readonly number[]) => list.map((i) => {
    const c = cells.get(i);
    if (c === undefined) return null;
    const ok = meets(c);
    return <li key={i} className={ok ? 'is-ok' : 'is-bad'}>{fmt(c.coords[g]!)} {ok ? '✓' : '✗'}</li>;
  });
  const answers = goal.answers;
  const intro = <div className="whatif__muted">Find the {goalText}, among {range} ({axisValues.length} candidates){other !== null ? `, for each ${other.path} in ${other.values.map(fmt).join(', ')}` : ''}, met on every seed; bisection assumes more {goal.path} never makes it worse.</div>;

  if (other !== null) {
    // one row per value of the other axis: its probes while it runs, then its answer and evidence
    const cellFor = (index: number | null): WhatifCell | undefined => (index === null ? undefined : cells.get(index));
    return (
      <section className="whatif__goal whatif__goal--per" data-testid="whatif-goal" aria-label="Goal seek">
        {intro}
        <table className="whatif__table whatif__answers" data-testid="whatif-goal-answers">
          <thead><tr><th>{other.path}</th><th>{goal.path}</th><th>evidence (opens the runs)</th><th>cells evaluated</th></tr></thead>
          <tbody>
            {other.values.map((v) => {
              const a = answers?.find((x) => x.at[other.path] === v);
              const mine = a?.probeCells ?? order.filter((i) => cells.get(i)?.coords[o] === v);
              const meeting = cellFor(a?.meetingCell ?? null);
              const failing = cellFor(a?.failingCell ?? null);
              const side = (c: WhatifCell, ok: boolean) => (
                <span className={`whatif__side ${ok ? 'is-ok' : 'is-bad'}`} data-testid={ok ? 'whatif-goal-meeting' : 'whatif-goal-failing'}
                  title={conds.map((k) => `${k.metric}: worst seed ${valueText(k.metric, worstOf(k, c.stats[k.metric]))}`).join('\n')}>
                  {ok ? '✓' : '✗'} {fmt(c.coords[g]!)} {openRuns(c)}
                </span>
              );
              return (
                <tr key={v} data-testid="whatif-goal-answer-row">
                  <td>{fmt(v)}</td>
                  <td className={a === undefined ? 'whatif__muted' : a.answer === null ? 'is-none' : ''} title={a?.note}>
                    {a === undefined ? (running ? '…' : '—') : a.answer === null ? `none in ${range}` : <b>{fmt(a.answer)}</b>}
                  </td>
                  <td>{meeting !== undefined && side(meeting, true)}{failing !== undefined && side(failing, false)}</td>
                  <td><ol className="whatif__probes" aria-label={`Cells evaluated for ${other.path} = ${fmt(v)}`}>{probes(mine)}</ol></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    );
  }

  return (
    <section className="whatif__goal" data-testid="whatif-goal" aria-label="Goal seek">
      {intro}
      <ol className="whatif__probes" data-testid="whatif-goal-probes" aria-label="Cells evaluated, in order">
        {probes(order)}
        {running && <li className="whatif__muted">…</li>}
      </ol>
      {answers !== null && answers.map((a) => (
        <div key={JSON.stringify(a.at)} className="whatif__answer">
          {a.answer !== null
            ? <div className="whatif__answer-text" data-testid="whatif-goal-answer">Answer: <b>{goal.path} = {fmt(a.answer)}</b> <span className="whatif__muted">— {a.note}</span></div>
            : <div className="whatif__answer-text is-none" role="alert" data-testid="whatif-goal-none">No value of {goal.path} in {range} satisfies it — {a.note}.</div>}
          <div className="whatif__evidences">
            {evidence(a.meetingCell, 'meets it (the answer)', true)}
            {evidence(a.failingCell, a.answer === null ? 'the best candidate, still short' : 'its neighbour, does not', false)}
          </div>
        </div>
      ))}
    </section>
  );
}
