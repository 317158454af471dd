/**
 * Saved sweeps in SQLite (tables in ./migrations.ts): the definition when a sweep starts, each
 * cell's figures as it completes, the status at the end. The cell runs themselves are written by
 * the sweep workers (cell-recorder.ts) into `runs`, pointing at their sweep.
 */
import type { Database, Statement } from 'better-sqlite3';
import { ApiError } from '../../../shared/api/define';
import type { SweepStatus, WhatifCell, WhatifGoal, WhatifSweep, WhatifSweepMeta } from '../../../shared/api/whatif';
import { WhatifGoal as GoalSchema } from '../../../shared/api/whatif';
import type { BacklogFigures } from '../../../shared/whatif/backpressure';
import { SweepDefinition } from '../../../shared/whatif/sweep-plan';
import type { SweepPlan } from '../../../shared/whatif/sweep-plan';
import type { MetricStat } from '../../../shared/whatif/metrics';
import type { SweepCell } from '../../../shared/whatif/sweep-table';

interface SweepRow {
  id: number;
  project_id: string | null;
  name: string;
  status: SweepStatus;
  definition: string;
  axes: string;
  seeds: string;
  retention: string;
  total: number;
  done: number;
  error: string | null;
  owner_pid: number | null;
  created_at: string;
  ended_at: string | null;
}

export interface StoredAxis { path: string; base: number; values: number[]; text: string }

/** A stored cell: its figures (as the table had them) and the runs still kept. */
export interface StoredCell {
  index: number;
  coords: number[];
  stats: Record<string, MetricStat>;
  backlog: Record<string, BacklogFigures>;
  backlogCrossed: Record<string, number>;
  runIds: number[];
}

export const sweepIdOf = (rowId: number): string => `sw-${rowId}`;
export function rowIdOf(sweepId: string): number {
  const m = /^sw-(\d+)$/.exec(sweepId);
  if (m === null) throw new ApiError('invalid-input', `"${sweepId}" is not a sweep id (sw-<number>)`);
  return Number(m[1]);
}

function json<T>(text: string, where: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new ApiError('internal', `${where}: stored JSON is invalid (${(e as Error).message})`);
  }
}

function goalOf(def: { goal?: unknown }, rowId: number): WhatifGoal | undefined {
  if (def.goal === undefined) return undefined;
  const g = GoalSchema.safeParse(def.goal);
  if (!g.success) throw new ApiError('internal', `sweep ${rowId} definition: stored goal is invalid (${g.error.issues[0]?.message ?? 'unknown'})`);
  return g.data;
}

export class SweepStore {
  private readonly q: Record<string, Statement>;

  constructor(readonly db: Database) {
    this.q = {
      insert: db.prepare(`INSERT INTO sweeps (project_id, name, status, definition, axes, seeds, retention, total, owner_pid, created_at)
        VALUES (@project_id, @name, 'running', @definition, @axes, @seeds, 'none', @total, @owner_pid, @created_at)`),
      cell: db.prepare('INSERT OR REPLACE INTO sweep_cells (sweep_id, cell, coords, stats, backlog) VALUES (?, ?, ?, ?, ?)'),
      done: db.prepare('UPDATE sweeps SET done = ? WHERE id = ?'),
      goal: db.prepare("UPDATE sweeps SET definition = json_set(definition, '$.goal', json(?)) WHERE id = ?"),
      total: db.prepare('UPDATE sweeps SET total = ? WHERE id = ?'),
      end: db.prepare('UPDATE sweeps SET status = @status, done = @done, error = @error, ended_at = @now WHERE id = @id'),
      row: db.prepare('SELECT * FROM sweeps WHERE id = ?'),
      cells: db.prepare('SELECT cell, coords, stats, backlog FROM sweep_cells WHERE sweep_id = ? ORDER BY cell'),
      runs: db.prepare('SELECT id, sweep_cell AS cell FROM runs WHERE sweep_id = ? ORDER BY sweep_cell, seed, id'),
      remove: db.prepare('DELETE FROM sweeps WHERE id = ?'),
      running: db.prepare("SELECT id, owner_pid FROM sweeps WHERE status = 'running'"),
      interrupt: db.prepare("UPDATE sweeps SET status = 'interrupted', ended_at = coalesce(ended_at, @now), error = coalesce(error, @why) WHERE id = @id AND status = 'running'"),
    };
  }

  /**
   * The sweep's row, before any of its runs is written (they point at it). A goal seek keeps its
   * goal (and, at the end, its answers: saveGoal) in the definition's `goal`; `total` is then the
   * most runs bisection can ask for.
   */
  create(plan: SweepPlan, name: string, projectId: string | null, goal?: WhatifGoal, total = plan.cellCount * plan.seeds.length): number {
    const axes: StoredAxis[] = plan.axes.map((a) => ({ path: a.param.path, base: a.param.base, values: a.values, text: a.text }));
    const info = this.q.insert!.run({
      project_id: projectId, name, definition: JSON.stringify(goal === undefined ? plan.definition : { ...plan.definition, goal }), axes: JSON.stringify(axes), seeds: JSON.stringify(plan.seeds),
      total, owner_pid: process.pid, created_at: new Date().toISOString(),
    });
    return Number(info.lastInsertRowid);
  }

  saveCell(rowId: number, c: SweepCell, done: number): void {
    this.db.transaction(() => {
      this.q.cell!.run(rowId, c.index, JSON.stringify(c.coords), JSON.stringify(c.stats), JSON.stringify({ figures: c.backlog, crossed: c.backlogCrossed }));
      this.q.done!.run(done, rowId);
    })();
  }

  /** A goal seek's answers (and its real number of runs, now known). */
  saveGoal(rowId: number, goal: WhatifGoal, total: number): void {
    this.db.transaction(() => {
      this.q.goal!.run(JSON.stringify(goal), rowId);
      this.q.total!.run(total, rowId);
    })();
  }

  goal(rowId: number): WhatifGoal | undefined {
    return goalOf(json<{ goal?: unknown }>(this.row(rowId).definition, `sweep ${rowId} definition`), rowId);
  }

  end(rowId: number, status: SweepStatus, done: number, error: string | null): void {
    this.q.end!.run({ id: rowId, status, done, error, now: new Date().toISOString() });
  }

  private row(rowId: number): SweepRow {
    const r = this.q.row!.get(rowId) as SweepRow | undefined;
    if (r === undefined) throw new ApiError('not-found', `no sweep "${sweepIdOf(rowId)}" (it was deleted, or never saved)`);
    return r;
  }

  exists(rowId: number): boolean {
    return this.q.row!.get(rowId) !== undefined;
  }

  definition(rowId: number): SweepDefinition {
    return SweepDefinition.parse(json(this.row(rowId).definition, `sweep ${rowId} definition`));
  }

  axes(rowId: number): StoredAxis[] {
    return json<StoredAxis[]>(this.row(rowId).axes, `sweep ${rowId} axes`);
  }

  cells(rowId: number): StoredCell[] {
    const runs = new Map<number, number[]>();
    for (const r of this.q.runs!.all(rowId) as { id: number; cell: number }[]) runs.set(r.cell, [...(runs.get(r.cell) ?? []), r.id]);
    return (this.q.cells!.all(rowId) as { cell: number; coords: string; stats: string; backlog: string }[]).map((r) => {
      const b = json<{ figures: Record<string, BacklogFigures>; crossed: Record<string, number> }>(r.backlog, `sweep ${rowId} cell ${r.cell}`);
      return {
        index: r.cell, coords: json<number[]>(r.coords, `sweep ${rowId} cell ${r.cell}`), stats: json<Record<string, MetricStat>>(r.stats, `sweep ${rowId} cell ${r.cell}`),
        backlog: b.figures, backlogCrossed: b.crossed, runIds: runs.get(r.cell) ?? [],
      };
    });
  }

  /** The run ids of one cell (in seed order). */
  cellRuns(rowId: number, cell: number): number[] {
    return (this.q.runs!.all(rowId) as { id: number; cell: number }[]).filter((r) => r.cell === cell).map((r) => r.id);
  }

  get(rowId: number): WhatifSweep {
    const r = this.row(rowId);
    const def = this.definition(rowId);
    const axes = this.axes(rowId);
    const topo = def.topology as { name?: unknown };
    const goal = this.goal(rowId);
    return {
      sweepId: sweepIdOf(r.id), name: r.name, status: r.status, done: r.done, total: r.total,
      axes: axes.map(({ path, base, values }) => ({ path, base, values })), seeds: json<number[]>(r.seeds, `sweep ${rowId} seeds`),
      cells: this.cells(rowId).map((c): WhatifCell => ({ index: c.index, coords: c.coords, stats: c.stats, runIds: c.runIds })),
      ...(r.error !== null ? { error: r.error } : {}),
      projectId: r.project_id, createdAt: r.created_at, axisTexts: axes.map((a) => a.text), scenario: def.scenario,
      topologyName: typeof topo.name === 'string' ? topo.name : '',
      ...(goal !== undefined ? { goal } : {}),
    };
  }

  /** projectId: that project's; null: the sweeps saved without a project; undefined: all */
  list(opts: { projectId?: string | null; limit: number }): WhatifSweepMeta[] {
    const where = opts.projectId === undefined ? '' : opts.projectId === null ? 'WHERE project_id IS NULL' : 'WHERE project_id = @projectId';
    const rows = this.db.prepare(`SELECT *, (SELECT count(*) FROM sweep_cells c WHERE c.sweep_id = sweeps.id) AS cells FROM sweeps ${where} ORDER BY id DESC LIMIT @limit`)
      .all({ projectId: opts.projectId, limit: opts.limit }) as (SweepRow & { cells: number })[];
    return rows.map((r) => {
      const axes = json<StoredAxis[]>(r.axes, `sweep ${r.id} axes`);
      const def = json<{ scenario?: { durationSec?: unknown }; goal?: unknown }>(r.definition, `sweep ${r.id} definition`);
      const goal = goalOf(def, r.id);
      const seeds = json<number[]>(r.seeds, `sweep ${r.id} seeds`).length;
      return {
        sweepId: sweepIdOf(r.id), name: r.name, status: r.status, done: r.done, total: r.total,
        cellCount: axes.reduce((n, a) => n * a.values.length, 1), axisTexts: axes.map((a) => a.text), seeds,
        durationSec: typeof def.scenario?.durationSec === 'number' ? def.scenario.durationSec : 0, projectId: r.project_id, createdAt: r.created_at,
        ...(goal !== undefined ? { goalText: goal.text } : {}),
      };
    });
  }

  /** Deletes the sweep, its cells and its runs (runs.sweep_id cascades). */
  delete(rowId: number): boolean {
    return this.q.remove!.run(rowId).changes > 0;
  }

  /** Sweeps left 'running' by a process that is gone: 'interrupted', with the cells they had. */
  recoverInterrupted(isAlive: (pid: number) => boolean): number[] {
    const out: number[] = [];
    for (const r of this.q.running!.all() as { id: number; owner_pid: number | null }[]) {
      if (r.owner_pid !== null && r.owner_pid !== process.pid && isAlive(r.owner_pid)) continue;
      if (this.q.interrupt!.run({ id: r.id, now: new Date().toISOString(), why: 'the app ended before the sweep finished' }).changes > 0) out.push(r.id);
    }
    return out;
  }
}
