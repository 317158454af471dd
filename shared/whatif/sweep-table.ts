/**
 * A sweep's results: one row per cell (its parameter values, mean ± spread of every metric over
 * its seeds, backlog figures averaged over seeds), collected as runs finish in any order, read in
 * cell order — so the same sweep gives the same table whatever the number of workers.
 */
import type { BacklogFigures } from './backpressure';
import type { CellRun } from './cell-run';
import { aggregate } from './metrics';
import type { CellMetrics, MetricStat } from './metrics';
import { cellCoords, cellInput } from './sweep-plan';
import type { SweepPlan } from './sweep-plan';
import { runCell } from './cell-run';

export interface SweepCell {
  index: number;
  /** one value per axis */
  coords: number[];
  stats: Record<string, MetricStat>;
  /** per broker: mean over seeds of each figure; a time is the mean over the seeds that got there (null: none did) */
  backlog: Record<string, BacklogFigures>;
  /** per broker: how many seeds crossed the threshold (of perSeed.length) */
  backlogCrossed: Record<string, number>;
  perSeed: CellMetrics[];
}

export class SweepTable {
  private readonly runs = new Map<number, CellRun[]>();

  constructor(private readonly plan: Pick<SweepPlan, 'axes' | 'seeds' | 'cellCount'>) {}

  add(r: CellRun): void {
    const list = this.runs.get(r.cell) ?? [];
    list.push(r);
    this.runs.set(r.cell, list);
  }

  /** all seeds of the cell are in */
  complete(cell: number): boolean {
    return (this.runs.get(cell)?.length ?? 0) === this.plan.seeds.length;
  }

  cell(index: number): SweepCell | null {
    const list = this.runs.get(index);
    if (list === undefined || list.length === 0) return null;
    const ordered = [...list].sort((a, b) => a.seed - b.seed);
    const perSeed = ordered.map((r) => r.metrics);
    const backlog: Record<string, BacklogFigures> = {};
    const backlogCrossed: Record<string, number> = {};
    for (const id of Object.keys(ordered[0]!.backlog)) {
      const fs = ordered.map((r) => r.backlog[id]!);
      backlog[id] = meanFigures(fs);
      backlogCrossed[id] = fs.filter((f) => f.crossesAtMs !== null).length;
    }
    return { index, coords: cellCoords(this.plan, index), stats: aggregate(perSeed), backlog, backlogCrossed, perSeed };
  }

  /** completed cells in cell order */
  cells(): SweepCell[] {
    const out: SweepCell[] = [];
    for (let i = 0; i < this.plan.cellCount; i++) if (this.complete(i)) out.push(this.cell(i)!);
    return out;
  }
}

function meanOrNull(xs: readonly (number | null)[]): number | null {
  const got = xs.filter((x): x is number => x !== null);
  return got.length === 0 ? null : got.reduce((a, b) => a + b, 0) / got.length;
}

function meanFigures(fs: readonly BacklogFigures[]): BacklogFigures {
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    crossesAtMs: meanOrNull(fs.map((f) => f.crossesAtMs)),
    fullAtMs: meanOrNull(fs.map((f) => f.fullAtMs)),
    growthPerSec: mean(fs.map((f) => f.growthPerSec)),
    peak: mean(fs.map((f) => f.peak)),
    peakAtMs: mean(fs.map((f) => f.peakAtMs)),
    belowAtMs: meanOrNull(fs.map((f) => f.belowAtMs)),
  };
}

/** Every run of the plan in this thread, in order (tests, tiny sweeps); the pool does the same in parallel. */
export function runSweepHere(plan: SweepPlan, threshold?: number): SweepTable {
  const table = new SweepTable(plan);
  for (let i = 0; i < plan.cellCount; i++) {
    const input = cellInput(plan, cellCoords(plan, i));
    if (!input.ok) throw new RangeError(input.reason);
    for (const seed of plan.seeds) table.add(runCell(i, input.topology, input.scenario, seed, threshold));
  }
  return table;
}

/** Columns for CSV: the axes, then mean and sd of the chosen metrics. */
export function tableCsv(plan: Pick<SweepPlan, 'axes'>, cells: readonly SweepCell[], metrics: readonly string[]): string {
  return cellsCsv(plan.axes.map((a) => a.param.path), cells, metrics);
}

/** The same table from parameter paths and any cells with stats (the app's export of a saved sweep). */
export function cellsCsv(paths: readonly string[], cells: readonly { coords: readonly number[]; stats: Readonly<Record<string, { mean: number; sd: number }>> }[], metrics: readonly string[]): string {
  const head = [...paths, ...metrics.flatMap((m) => [`${m}.mean`, `${m}.sd`])];
  const esc = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = cells.map((c) => [...c.coords.map(String), ...metrics.flatMap((m) => {
    const s = c.stats[m];
    return s === undefined ? ['', ''] : [fmt(s.mean), fmt(s.sd)];
  })].map(esc).join(','));
  return `${[head.map(esc).join(','), ...rows].join('\n')}\n`;
}

const fmt = (x: number): string => String(Number(x.toPrecision(8)));
