/** What `eventflow sweep` prints and writes: the cell table, goal answers, backpressure side by side, the JSON report. */
import type { Topology } from '../../shared/model/topology';
import type { Scenario } from '../../shared/runtime/api';
import { predictBackpressure } from '../../shared/whatif/backpressure';
import { kneeIndex } from '../../shared/whatif/knee';
import type { BacklogFigures } from '../../shared/whatif/backpressure';
import type { Condition } from '../../shared/whatif/conditions';
import type { GridGoalAnswer } from '../../shared/whatif/goal-seek-grid';
import type { MetricStat } from '../../shared/whatif/metrics';
import type { SweepCell } from '../../shared/whatif/sweep-table';
import type { SweepPlan } from '../../shared/whatif/sweep-plan';
import { formatDuration } from './report';

const num = (x: number): string => {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const a = Math.abs(x);
  return a >= 1000 ? Math.round(x).toLocaleString('en-US') : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toPrecision(2);
};

export function statText(s: MetricStat | undefined): string {
  if (s === undefined) return '-';
  // identical seeds leave float noise (1.8e-11) in the sd: that is no spread
  return s.sd <= 1e-9 * Math.max(1, Math.abs(s.mean)) ? num(s.mean) : `${num(s.mean)}±${num(s.sd)}`;
}

export function table(rows: readonly string[][]): string {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i < rows[0]!.length - 1 ? c.padEnd(w[i]!) : c)).join('  ').trimEnd()).join('\n');
}

/** Default columns: the KPIs a capacity question is about, then the varied nodes and the brokers. */
export function defaultMetrics(plan: SweepPlan, known: ReadonlySet<string>): string[] {
  const out = ['ordersLost', 'checkout.p99', 'fulfilmentP99'].filter((m) => known.has(m));
  for (const a of plan.axes) {
    const id = a.param.nodeId;
    // a producer's own latency and utilisation say nothing; its rate shows in the others
    if (id === undefined || plan.topology.nodes.find((n) => n.id === id)?.kind === 'producer') continue;
    const broker = plan.topology.nodes.find((n) => n.id === id)?.kind;
    const mine = broker === 'topic' || broker === 'queue' ? [`${id}.maxBacklog`] : [`${id}.p99`, `${id}.utilisation`];
    for (const m of mine) if (known.has(m) && !out.includes(m)) out.push(m);
  }
  for (const n of plan.topology.nodes) {
    if ((n.kind === 'topic' || n.kind === 'queue') && known.has(`${n.id}.maxBacklog`) && !out.includes(`${n.id}.maxBacklog`)) out.push(`${n.id}.maxBacklog`);
  }
  return out.slice(0, 8);
}

export function cellTable(plan: SweepPlan, cells: readonly SweepCell[], metrics: readonly string[]): string {
  const head = [...plan.axes.map((a) => a.param.path), ...metrics];
  return table([head, ...cells.map((c) => [...c.coords.map(num), ...metrics.map((m) => statText(c.stats[m]))])]);
}

const at = (ms: number | null): string => (ms === null ? 'never' : formatDuration(ms));

export interface BackpressureRow {
  brokerId: string;
  predicted: BacklogFigures;
  measured: BacklogFigures;
  /** seeds whose backlog crossed the threshold, of `seeds` */
  crossedSeeds: number;
  seeds: number;
}

/** Per cell, the brokers whose backlog crossed the threshold (predicted or measured). */
export function backpressureRows(cell: SweepCell, topology: Topology, scenario: Scenario, threshold: number): BackpressureRow[] {
  const pred = predictBackpressure(topology, scenario, threshold);
  return pred.filter((p) => p.predicted.crossesAtMs !== null || cell.backlog[p.brokerId]?.crossesAtMs !== null)
    .map((p) => ({ brokerId: p.brokerId, predicted: p.predicted, measured: cell.backlog[p.brokerId]!, crossedSeeds: cell.backlogCrossed[p.brokerId] ?? 0, seeds: cell.perSeed.length }));
}

export function backpressureText(plan: SweepPlan, rows: readonly { cell: SweepCell; rows: BackpressureRow[] }[], threshold: number): string {
  const lines: string[][] = [['cell', 'broker', `≥ ${threshold} at (pred / meas)`, 'growth/s (pred / meas)', 'peak (pred / meas)', `< ${threshold} again (pred / meas)`]];
  for (const { cell, rows: rs } of rows) {
    const where = plan.axes.map((a, i) => `${a.param.path}=${num(cell.coords[i]!)}`).join(' ');
    for (const r of rs) {
      const some = r.crossedSeeds > 0 && r.crossedSeeds < r.seeds ? ` (${r.crossedSeeds}/${r.seeds} seeds)` : '';
      lines.push([where, r.brokerId, `${at(r.predicted.crossesAtMs)} / ${at(r.measured.crossesAtMs)}${some}`, `${num(r.predicted.growthPerSec)} / ${num(r.measured.growthPerSec)}`,
        `${num(r.predicted.peak)} / ${num(r.measured.peak)}`, `${at(r.predicted.belowAtMs)} / ${at(r.measured.belowAtMs)}`]);
    }
  }
  return lines.length === 1 ? `time to backpressure: no broker reaches ${threshold} messages in any cell\n` : `time to backpressure (threshold ${threshold} messages; measured = mean over the seeds that got there):\n${table(lines)}\n`;
}

export function goalText(answers: readonly GridGoalAnswer[], shown: readonly string[]): string {
  const out: string[] = [];
  for (const { at: where, answer } of answers) {
    const ctx = Object.entries(where).map(([k, v]) => `${k}=${num(v)}`).join(' ');
    const q = answer.query;
    out.push(`${q.text}${ctx ? ` (at ${ctx})` : ''}`);
    out.push(answer.answer === null ? `  → none: ${answer.note}` : `  → ${q.path} = ${num(answer.answer)}  (${answer.note}; ${answer.probes.length} cells run)`);
    const metrics = [...new Set([...q.conditions.map((c) => c.metric), ...shown])].slice(0, 8);
    const rows = [[q.path, 'meets', ...metrics]];
    for (const p of [answer.failing, answer.meeting]) if (p !== null) rows.push([num(p.value), p.meets ? 'yes' : 'no', ...metrics.map((m) => statText(p.stats[m]))]);
    out.push(table(rows).split('\n').map((l) => `  ${l}`).join('\n'));
  }
  return `${out.join('\n')}\n`;
}

export interface FailIfVerdict {
  condition: string;
  /** cells where it holds for some seed, by their parameter values */
  breachedAt: string[];
}

export function failIfVerdicts(plan: SweepPlan, cells: readonly SweepCell[], conditions: readonly Condition[], holdsFor: (c: Condition, x: number) => boolean): FailIfVerdict[] {
  return conditions.map((c) => ({
    condition: c.text,
    breachedAt: cells.filter((cell) => cell.perSeed.some((m) => holdsFor(c, m[c.metric] ?? NaN)))
      .map((cell) => plan.axes.map((a, i) => `${a.param.path}=${num(cell.coords[i]!)}`).join(' ')),
  }));
}

/** The JSON report: everything but wall times is a function of the inputs (same sweep → same `cells`). */
export function sweepJson(plan: SweepPlan, file: string, cells: readonly SweepCell[], extra: Record<string, unknown>): string {
  return `${JSON.stringify({
    file, topologyName: plan.topology.name, scenario: plan.scenario, seeds: plan.seeds,
    axes: plan.axes.map((a) => ({ path: a.param.path, base: a.param.base, values: a.values })),
    cells: cells.map((c) => ({ index: c.index, coords: c.coords, stats: c.stats, backlog: c.backlog })),
    ...extra,
  }, null, 2)}\n`;
}

/** One parameter: where each shown metric's curve bends (more of the parameter stops paying off). */
export function kneeText(plan: SweepPlan, cells: readonly SweepCell[], metrics: readonly string[]): string {
  if (plan.axes.length !== 1 || cells.length < 3) return '';
  const xs = cells.map((c) => c.coords[0]!);
  const knees = metrics.flatMap((m) => {
    const ys = cells.map((c) => c.stats[m]?.mean ?? NaN);
    if (ys.some((y) => !Number.isFinite(y))) return [];
    const k = kneeIndex(xs, ys);
    return k === undefined ? [] : [`${m} at ${plan.axes[0]!.param.path} = ${num(xs[k]!)}`];
  });
  return knees.length === 0 ? '' : `knee (where more stops paying off): ${knees.join('; ')}\n`;
}
