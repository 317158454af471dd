/**
 * The app's sweeps: each runs on its own SweepPool, its progress and completed cells fanned out to
 * subscribers (whatif.progress), its table readable while it runs. Held in memory: a sweep is
 * gone after a restart (storing them with their runs in SQLite is not built yet, docs/what-if.md).
 */
import type { WhatifCell, WhatifProgress, WhatifSweep, WhatifSweepInput } from '../../../shared/api/whatif';
import { WhatifSweepInput as SweepInputSchema } from '../../../shared/api/whatif';
import { ApiError } from '../../../shared/api/define';
import { planSweep } from '../../../shared/whatif/sweep-plan';
import type { SweepPlan } from '../../../shared/whatif/sweep-plan';
import { SweepTable } from '../../../shared/whatif/sweep-table';
import type { SweepCell } from '../../../shared/whatif/sweep-table';
import { SweepCancelled, SweepPool, defaultWorkerCount, sweepJobs } from './sweep-pool';

interface LiveSweep {
  id: string;
  name: string;
  plan: SweepPlan;
  table: SweepTable;
  status: WhatifSweep['status'];
  done: number;
  total: number;
  error?: string;
  abort: AbortController;
  listeners: Set<(p: WhatifProgress) => void>;
  finished: Promise<void>;
}

export const wireCell = (c: SweepCell): WhatifCell => ({ index: c.index, coords: c.coords, stats: c.stats });

export interface SweepManagerOptions {
  workerFile?: string;
  /** most sweeps kept (oldest finished ones are forgotten first) */
  keep?: number;
}

export class SweepManager {
  private readonly sweeps = new Map<string, LiveSweep>();
  private seq = 0;

  constructor(private readonly opts: SweepManagerOptions = {}) {}

  /** Plans (refusing with the reasons) and starts a sweep. */
  start(raw: WhatifSweepInput): { sweepId: string } {
    const input = SweepInputSchema.parse(raw);
    const planned = planSweep({ name: input.name, topology: input.topology, scenario: input.scenario, axes: input.axes, seeds: input.seeds });
    if (!planned.ok) throw new ApiError('refused', `sweep refused: ${planned.issues.join('; ')}`, planned.issues.map((m) => ({ path: 'sweep', message: m })));
    const plan = planned.plan;
    const id = `sw-${++this.seq}`;
    const s: LiveSweep = {
      id, name: input.name || plan.topology.name, plan, table: new SweepTable(plan), status: 'running', done: 0, total: plan.cellCount * plan.seeds.length,
      abort: new AbortController(), listeners: new Set(), finished: Promise.resolve(),
    };
    this.sweeps.set(id, s);
    this.forgetOld();
    s.finished = this.run(s, input.workers, input.backlogThreshold);
    return { sweepId: id };
  }

  private async run(s: LiveSweep, workers: number | undefined, backlogThreshold: number | undefined): Promise<void> {
    const emit = (p: Omit<WhatifProgress, 'sweepId' | 'status' | 'total'> & { etaMs: number | null }): void => {
      const ev: WhatifProgress = { sweepId: s.id, status: s.status, total: s.total, ...p };
      for (const l of s.listeners) l(ev);
    };
    let pool: SweepPool | null = null;
    try {
      pool = await SweepPool.start(s.plan, { workers: Math.min(workers ?? defaultWorkerCount(), s.total), workerFile: this.opts.workerFile, backlogThreshold });
      let eta: number | null = null;
      await pool.run(sweepJobs(s.plan), {
        signal: s.abort.signal,
        onProgress: (p) => { eta = p.etaMs; },
        onRun: (r) => {
          s.table.add(r);
          s.done++;
          const cell = s.table.complete(r.cell) ? s.table.cell(r.cell) : null;
          emit({ done: s.done, etaMs: eta, ...(cell !== null ? { cell: wireCell(cell) } : {}) });
        },
      });
      s.status = 'completed';
      emit({ done: s.done, etaMs: 0 });
    } catch (e) {
      s.status = e instanceof SweepCancelled ? 'cancelled' : 'failed';
      if (!(e instanceof SweepCancelled)) s.error = (e as Error).message;
      emit({ done: s.done, etaMs: null, ...(s.error !== undefined ? { error: s.error } : {}) });
    } finally {
      await pool?.close();
    }
  }

  private find(id: string): LiveSweep {
    const s = this.sweeps.get(id);
    if (s === undefined) throw new ApiError('not-found', `no sweep "${id}" (sweeps are kept until the app restarts)`);
    return s;
  }

  cancel(id: string): { cancelled: boolean } {
    const s = this.find(id);
    if (s.status !== 'running') return { cancelled: false };
    s.abort.abort();
    return { cancelled: true };
  }

  get(id: string): WhatifSweep {
    const s = this.find(id);
    return {
      sweepId: s.id, name: s.name, status: s.status, done: s.done, total: s.total,
      axes: s.plan.axes.map((a) => ({ path: a.param.path, base: a.param.base, values: a.values })), seeds: s.plan.seeds,
      cells: s.table.cells().map(wireCell), ...(s.error !== undefined ? { error: s.error } : {}),
    };
  }

  /** Progress events of a sweep until the returned function is called. */
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
    for (const s of this.sweeps.values()) s.abort.abort();
    await Promise.all([...this.sweeps.values()].map((s) => s.finished));
  }

  private forgetOld(): void {
    const keep = this.opts.keep ?? 20;
    for (const [id, s] of this.sweeps) {
      if (this.sweeps.size <= keep) break;
      if (s.status !== 'running') this.sweeps.delete(id);
    }
  }
}
