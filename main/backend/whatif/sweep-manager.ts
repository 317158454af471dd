/**
 * The app's sweeps: each runs on its own SweepPool, its progress and completed cells fanned out to
 * subscribers (whatif.progress), its table readable while it runs. Every sweep is saved
 * (sweep-store.ts): its definition when it starts, each cell as it completes, each cell × seed as
 * a run (written by the workers), so it reopens after a restart and its cells open as runs.
 */
import type { SweepStatus, WhatifCell, WhatifFindInput, WhatifGoal, WhatifProgress, WhatifSweep, WhatifSweepInput, WhatifSweepMeta } from '../../../shared/api/whatif';
import { WhatifFindInput as FindInputSchema, WhatifSweepInput as SweepInputSchema } from '../../../shared/api/whatif';
import { metricNamesOf } from '../../../shared/whatif/cell-run';
import type { CellRun } from '../../../shared/whatif/cell-run';
import { parseGoal } from '../../../shared/whatif/goal-seek';
import type { GoalQuery } from '../../../shared/whatif/goal-seek';
import { answerCells, goalAxis, goalSpecText, seekGoalInGrid } from '../../../shared/whatif/goal-seek-grid';
import { ApiError } from '../../../shared/api/define';
import { planSweep } from '../../../shared/whatif/sweep-plan';
import type { SweepPlan } from '../../../shared/whatif/sweep-plan';
import { SweepTable } from '../../../shared/whatif/sweep-table';
import type { SweepCell } from '../../../shared/whatif/sweep-table';
import { processAlive } from '../runs/run-manager';
import type { Store } from '../store';
import { SweepCancelled, SweepPool, defaultWorkerCount, sweepJobs } from './sweep-pool';
import { SweepStore, rowIdOf, sweepIdOf } from './sweep-store';

interface LiveSweep {
  id: string;
  rowId: number;
  name: string;
  plan: SweepPlan;
  table: SweepTable;
  /** run ids per cell as the workers report them */
  runIds: Map<number, number[]>;
  status: SweepStatus;
  done: number;
  total: number;
  error?: string;
  abort: AbortController;
  /** a goal seek: the query, and its answers once found */
  goal?: { query: GoalQuery; wire: WhatifGoal };
  listeners: Set<(p: WhatifProgress) => void>;
  finished: Promise<void>;
}

export const wireCell = (c: SweepCell, runIds: readonly number[] = []): WhatifCell => ({ index: c.index, coords: c.coords, stats: c.stats, runIds: [...runIds] });

export interface SweepManagerOptions {
  workerFile?: string;
  /** better_sqlite3.node for another ABI (Electron), passed to the workers that write cell runs */
  nativeBinding?: string;
  isAlive?: (pid: number) => boolean;
}

export class SweepManager {
  private readonly live = new Map<string, LiveSweep>();
  readonly saved: SweepStore;

  constructor(private readonly store: Store, private readonly opts: SweepManagerOptions = {}) {
    this.saved = new SweepStore(store.db);
    this.saved.recoverInterrupted(opts.isAlive ?? processAlive);
  }

  /** Plans (refusing with the reasons), saves and starts a sweep. */
  start(raw: WhatifSweepInput): { sweepId: string } {
    return this.begin(SweepInputSchema.parse(raw), undefined);
  }

  /**
   * A goal seek: the same plan, but only the cells bisection asks for run (shared seekGoalInGrid,
   * as eventflow sweep --find), saved like a sweep's; the answers are kept with it.
   */
  seek(raw: WhatifFindInput): { sweepId: string } {
    const input = FindInputSchema.parse(raw);
    return this.begin(input, input.goal);
  }

  private begin(input: ReturnType<typeof SweepInputSchema.parse>, goalSpec: ReturnType<typeof FindInputSchema.parse>['goal'] | undefined): { sweepId: string } {
    const planned = planSweep({ name: input.name, topology: input.topology, scenario: input.scenario, axes: input.axes, seeds: input.seeds });
    if (!planned.ok) throw new ApiError('refused', `sweep refused: ${planned.issues.join('; ')}`, planned.issues.map((m) => ({ path: 'sweep', message: m })));
    const plan = planned.plan;
    let goal: LiveSweep['goal'];
    let total = plan.cellCount * plan.seeds.length;
    if (goalSpec !== undefined) {
      const text = goalSpecText(goalSpec);
      const g = parseGoal(text, metricNamesOf(plan.topology, plan.scenario));
      if (!g.ok) throw new ApiError('refused', `goal refused: ${g.reason}`, [{ path: 'goal.conditions', message: g.reason }]);
      const ax = goalAxis(plan, g.value);
      if (!ax.ok) throw new ApiError('refused', `goal refused: ${ax.reason}`, [{ path: 'goal.path', message: ax.reason }]);
      goal = { query: g.value, wire: { text, direction: g.value.direction, path: g.value.path, conditions: goalSpec.conditions, answers: null } };
      // at most 1 + ⌈log2 n⌉ cells per combination of the other axes
      const n = plan.axes[ax.axis]!.values.length;
      total = Math.min(plan.cellCount, (plan.cellCount / n) * (1 + Math.ceil(Math.log2(Math.max(1, n))))) * plan.seeds.length;
    }
    if (input.projectId !== null) this.store.projects.open(input.projectId);
    const name = input.name || (goal !== undefined ? `${plan.topology.name}: ${goal.wire.text}` : `${plan.topology.name}: ${plan.axes.map((a) => a.param.path).join(' × ')}`);
    const rowId = this.saved.create(plan, name, input.projectId, goal?.wire, total);
    const id = sweepIdOf(rowId);
    const s: LiveSweep = {
      id, rowId, name, plan, table: new SweepTable(plan), runIds: new Map(), status: 'running', done: 0, total,
      abort: new AbortController(), listeners: new Set(), finished: Promise.resolve(), ...(goal !== undefined ? { goal } : {}),
    };
    this.live.set(id, s);
    s.finished = this.run(s, input.workers, input.backlogThreshold, input.projectId);
    return { sweepId: id };
  }

  private async run(s: LiveSweep, workers: number | undefined, backlogThreshold: number | undefined, projectId: string | null): Promise<void> {
    const emit = (p: Omit<WhatifProgress, 'sweepId' | 'status' | 'total'> & { etaMs: number | null }): void => {
      const ev: WhatifProgress = { sweepId: s.id, status: s.status, total: s.total, ...p };
      for (const l of s.listeners) l(ev);
    };
    let pool: SweepPool | null = null;
    try {
      pool = await SweepPool.start(s.plan, {
        workers: Math.min(workers ?? defaultWorkerCount(), s.total), workerFile: this.opts.workerFile, backlogThreshold,
        record: { dbFile: this.store.databaseFile, ...(this.opts.nativeBinding ? { nativeBinding: this.opts.nativeBinding } : {}), sweepRowId: s.rowId, projectId, sweepName: s.name },
      });
      let eta: number | null = null;
      const onRun = (r: CellRun): void => {
        s.table.add(r);
        s.done++;
        if (r.runId !== undefined) s.runIds.set(r.cell, [...(s.runIds.get(r.cell) ?? []), r.runId]);
        const cell = s.table.complete(r.cell) ? s.table.cell(r.cell) : null;
        if (cell !== null) this.saved.saveCell(s.rowId, cell, s.done);
        emit({ done: s.done, etaMs: eta, ...(cell !== null ? { cell: wireCell(cell, this.sortedRuns(s, r.cell)) } : {}) });
      };
      const pl = pool;
      if (s.goal === undefined) {
        await pl.run(sweepJobs(s.plan), { signal: s.abort.signal, onProgress: (p) => { eta = p.etaMs; }, onRun });
      } else {
        const g = s.goal;
        const answers = await seekGoalInGrid(s.plan, g.query, async (cell) => {
          const rs = await pl.run(sweepJobs(s.plan, [cell]), { signal: s.abort.signal, onRun });
          return [...rs].sort((a, b) => a.seed - b.seed).map((r) => r.metrics);
        });
        g.wire = { ...g.wire, answers: answerCells(s.plan, g.query, answers) };
        s.total = s.done;
        this.saved.saveGoal(s.rowId, g.wire, s.total);
      }
      s.status = 'completed';
    } catch (e) {
      s.status = e instanceof SweepCancelled ? 'cancelled' : 'failed';
      if (!(e instanceof SweepCancelled)) s.error = (e as Error).message;
    } finally {
      await pool?.close();
    }
    try {
      if (this.saved.exists(s.rowId)) this.saved.end(s.rowId, s.status, s.done, s.error ?? null);
    } catch (e) {
      s.error ??= `saving the sweep failed: ${(e as Error).message}`;
    }
    emit({ done: s.done, etaMs: s.status === 'completed' ? 0 : null, ...(s.error !== undefined ? { error: s.error } : {}), ...(s.goal !== undefined ? { goal: s.goal.wire } : {}) });
  }

  /** a cell's runs in seed order (workers report them in any order) */
  private sortedRuns(s: LiveSweep, cell: number): number[] {
    return [...(s.runIds.get(cell) ?? [])].sort((a, b) => a - b);
  }

  private find(id: string): LiveSweep {
    const s = this.live.get(id);
    if (s === undefined) throw new ApiError('not-found', `sweep "${id}" is not running`);
    return s;
  }

  cancel(id: string): { cancelled: boolean } {
    const s = this.live.get(id);
    if (s === undefined) {
      this.saved.get(rowIdOf(id));
      return { cancelled: false };
    }
    if (s.status !== 'running') return { cancelled: false };
    s.abort.abort();
    return { cancelled: true };
  }

  /** A running sweep from memory (cells as they are now), any other from SQLite. */
  get(id: string): WhatifSweep {
    const s = this.live.get(id);
    const stored = this.saved.get(rowIdOf(id));
    if (s === undefined || s.status !== 'running') return stored;
    return { ...stored, status: s.status, done: s.done, cells: s.table.cells().map((c) => wireCell(c, this.sortedRuns(s, c.index))) };
  }

  list(opts: { projectId?: string | null; limit: number }): WhatifSweepMeta[] {
    return this.saved.list(opts).map((m) => {
      const s = this.live.get(m.sweepId);
      return s !== undefined && s.status === 'running' ? { ...m, done: s.done } : m;
    });
  }

  async delete(id: string): Promise<{ deleted: boolean }> {
    const rowId = rowIdOf(id);
    const s = this.live.get(id);
    if (s !== undefined && s.status === 'running') {
      s.abort.abort();
      await s.finished;
    }
    this.live.delete(id);
    return { deleted: this.saved.delete(rowId) };
  }

  /** Progress events of a running sweep until the returned function is called. */
  subscribe(id: string, listener: (p: WhatifProgress) => void): () => void {
    const s = this.find(id);
    s.listeners.add(listener);
    return () => s.listeners.delete(listener);
  }

  /** Resolves when the sweep has ended (tests, shutdown). */
  whenDone(id: string): Promise<void> {
    return this.find(id).finished;
  }

  async dispose(): Promise<void> {
    for (const s of this.live.values()) s.abort.abort();
    await Promise.all([...this.live.values()].map((s) => s.finished));
  }
}
