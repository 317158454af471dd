/**
 * The app's sweeps: each runs on its own SweepPool, its progress and completed cells fanned out to
 * subscribers (whatif.progress), its table readable while it runs. Every sweep is saved
 * (sweep-store.ts): its definition when it starts, each cell as it completes, each cell × seed as
 * a run (written by the workers), so it reopens after a restart and its cells open as runs.
 */
import type { SweepStatus, WhatifCell, WhatifProgress, WhatifSweep, WhatifSweepInput, WhatifSweepMeta } from '../../../shared/api/whatif';
import { WhatifSweepInput as SweepInputSchema } from '../../../shared/api/whatif';
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
    const input = SweepInputSchema.parse(raw);
    const planned = planSweep({ name: input.name, topology: input.topology, scenario: input.scenario, axes: input.axes, seeds: input.seeds });
    if (!planned.ok) throw new ApiError('refused', `sweep refused: ${planned.issues.join('; ')}`, planned.issues.map((m) => ({ path: 'sweep', message: m })));
    const plan = planned.plan;
    if (input.projectId !== null) this.store.projects.open(input.projectId);
    const name = input.name || `${plan.topology.name}: ${plan.axes.map((a) => a.param.path).join(' × ')}`;
    const rowId = this.saved.create(plan, name, input.projectId);
    const id = sweepIdOf(rowId);
    const s: LiveSweep = {
      id, rowId, name, plan, table: new SweepTable(plan), runIds: new Map(), status: 'running', done: 0, total: plan.cellCount * plan.seeds.length,
      abort: new AbortController(), listeners: new Set(), finished: Promise.resolve(),
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
      await pool.run(sweepJobs(s.plan), {
        signal: s.abort.signal,
        onProgress: (p) => { eta = p.etaMs; },
        onRun: (r) => {
          s.table.add(r);
          s.done++;
          if (r.runId !== undefined) s.runIds.set(r.cell, [...(s.runIds.get(r.cell) ?? []), r.runId]);
          const cell = s.table.complete(r.cell) ? s.table.cell(r.cell) : null;
          if (cell !== null) this.saved.saveCell(s.rowId, cell, s.done);
          emit({ done: s.done, etaMs: eta, ...(cell !== null ? { cell: wireCell(cell, this.sortedRuns(s, r.cell)) } : {}) });
        },
      });
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
    emit({ done: s.done, etaMs: s.status === 'completed' ? 0 : null, ...(s.error !== undefined ? { error: s.error } : {}) });
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

  list(opts: { projectId?: string; limit: number }): WhatifSweepMeta[] {
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
