/**
 * A pool of worker threads running a sweep's jobs (cell × seed): one worker per core by default,
 * each pulling the next job when it finishes one. Cancellable (AbortSignal: the workers are
 * terminated at once), with progress and ETA, deterministic by seed: results are keyed by cell and
 * seed, so how many workers ran them and in which order changes nothing in the table.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CellRun } from '../../../shared/whatif/cell-run';
import { DEFAULT_BACKLOG_THRESHOLD } from '../../../shared/whatif/cell-run';
import { SweepTable } from '../../../shared/whatif/sweep-table';
import { cellLoad } from '../../../shared/whatif/sweep-plan';
import type { SweepPlan } from '../../../shared/whatif/sweep-plan';
import type { CellRecordTarget } from './cell-recorder';
import type { FromSweepWorker, SweepWorkerData } from './sweep-protocol';
import { resolveSweepWorkerFile } from './sweep-worker-file';

export interface SweepJob { cell: number; seed: number }

export interface SweepProgress {
  done: number;
  total: number;
  elapsedMs: number;
  /** remaining jobs × mean wall time per job so far / workers; null before the first job ends */
  etaMs: number | null;
  workers: number;
}

export class SweepCancelled extends Error {
  constructor() {
    super('sweep cancelled');
    this.name = 'SweepCancelled';
  }
}

export interface SweepPoolOptions {
  /** default: one per core (os.availableParallelism) */
  workers?: number;
  workerFile?: string;
  backlogThreshold?: number;
  /** keep every cell × seed as a run in SQLite (cell-recorder.ts) */
  record?: CellRecordTarget;
  /** wall clock for progress (performance.now) */
  now?: () => number;
}

export const defaultWorkerCount = (): number => Math.max(1, availableParallelism());

interface Slot { worker: Worker; busy: SweepJob | null }

export class SweepPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private closed = false;
  /** a worker that failed between runs: the next run reports it instead of hanging */
  private broken: Error | null = null;
  private readonly now: () => number;

  private constructor(plan: SweepPlan, opts: SweepPoolOptions) {
    this.size = Math.max(1, Math.min(opts.workers ?? defaultWorkerCount(), 64));
    this.now = opts.now ?? (() => performance.now());
    const file = opts.workerFile ?? resolveSweepWorkerFile();
    const data: SweepWorkerData = { definition: plan.definition, backlogThreshold: opts.backlogThreshold ?? DEFAULT_BACKLOG_THRESHOLD, ...(opts.record ? { record: opts.record } : {}) };
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(file, {
        workerData: data,
        // a cell run allocates fast; a larger young generation halves the scavenges, whose helper
        // threads otherwise take a share of the cores the other workers need (bench/whatif-pool.ts)
        resourceLimits: { maxYoungGenerationSizeMb: 48 },
      });
      // an 'error' with no listener would throw in the owner's process
      worker.on('error', (e: Error) => { this.broken ??= e; });
      this.slots.push({ worker, busy: null });
    }
  }

  /** Starts the workers and waits until each has planned the sweep. */
  static async start(plan: SweepPlan, opts: SweepPoolOptions = {}): Promise<SweepPool> {
    const pool = new SweepPool(plan, opts);
    try {
      await Promise.all(pool.slots.map((s) => new Promise<void>((resolve, reject) => {
        const onMsg = (m: FromSweepWorker): void => {
          if (m.t === 'ready') {
            s.worker.off('message', onMsg);
            s.worker.off('error', reject);
            resolve();
          }
        };
        s.worker.on('message', onMsg);
        s.worker.once('error', reject);
      })));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  /** Runs the jobs; `onRun` sees each as it ends (any order). Rejects on the first failed job, or SweepCancelled. */
  run(jobs: readonly SweepJob[], hooks: { onRun?: (r: CellRun) => void; onProgress?: (p: SweepProgress) => void; signal?: AbortSignal } = {}): Promise<CellRun[]> {
    if (this.closed) return Promise.reject(new Error('the sweep pool is closed'));
    if (this.broken !== null) return Promise.reject(new Error(`a sweep worker crashed: ${this.broken.message}`));
    const started = this.now();
    const out: CellRun[] = [];
    let next = 0;
    let busyMs = 0;
    return new Promise<CellRun[]>((resolve, reject) => {
      let settled = false;
      const cleanups: (() => void)[] = [];
      const finish = (err: Error | null): void => {
        if (settled) return;
        settled = true;
        for (const c of cleanups) c();
        if (err === null) resolve(out);
        else {
          // a failed or cancelled sweep leaves no worker mid-job
          void this.close();
          reject(err);
        }
      };
      const progress = (): void => {
        const done = out.length;
        const perJob = done > 0 ? busyMs / done : null;
        hooks.onProgress?.({
          done, total: jobs.length, elapsedMs: this.now() - started, workers: this.size,
          etaMs: perJob === null ? null : ((jobs.length - done) * perJob) / this.size,
        });
      };
      const feed = (s: Slot): void => {
        const job = jobs[next];
        if (job === undefined) {
          s.busy = null;
          if (out.length === jobs.length) finish(null);
          return;
        }
        next++;
        s.busy = job;
        s.worker.postMessage({ t: 'job', cell: job.cell, seed: job.seed });
      };
      for (const s of this.slots) {
        const onMsg = (m: FromSweepWorker): void => {
          if (m.t === 'done') {
            out.push(m.run);
            busyMs += m.wallMs;
            hooks.onRun?.(m.run);
            progress();
            feed(s);
          } else if (m.t === 'error') finish(new Error(`cell ${m.cell}, seed ${m.seed}: ${m.message}`));
        };
        const onError = (e: Error): void => finish(new Error(`a sweep worker crashed: ${e.message}`));
        const onExit = (code: number): void => {
          if (!this.closed) finish(new Error(`a sweep worker exited (code ${code}) mid-sweep`));
        };
        s.worker.on('message', onMsg);
        s.worker.on('error', onError);
        s.worker.on('exit', onExit);
        cleanups.push(() => {
          s.worker.off('message', onMsg);
          s.worker.off('error', onError);
          s.worker.off('exit', onExit);
        });
      }
      if (hooks.signal !== undefined) {
        const onAbort = (): void => finish(new SweepCancelled());
        if (hooks.signal.aborted) {
          onAbort();
          return;
        }
        hooks.signal.addEventListener('abort', onAbort, { once: true });
        cleanups.push(() => hooks.signal?.removeEventListener('abort', onAbort));
      }
      progress();
      if (jobs.length === 0) finish(null);
      else for (const s of this.slots) feed(s);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/**
 * Every job of a plan, the dearest cells first (cellLoad: longest-processing-time order, so the
 * last jobs are short and the workers finish together); seeds of a cell stay together. The table
 * is keyed by cell and seed, so the order changes nothing in the results.
 */
export function sweepJobs(plan: Pick<SweepPlan, 'cellCount' | 'seeds' | 'axes' | 'topology' | 'scenario'>, cells?: readonly number[]): SweepJob[] {
  const list = cells ?? Array.from({ length: plan.cellCount }, (_, i) => i);
  const load = new Map(list.map((c) => [c, cellLoad(plan, c)]));
  const ordered = [...list].sort((a, b) => (load.get(b)! - load.get(a)!) || a - b);
  return ordered.flatMap((cell) => plan.seeds.map((seed) => ({ cell, seed })));
}

/** The whole grid on a pool: starts it, runs every cell, closes it. */
export async function runSweep(plan: SweepPlan, opts: SweepPoolOptions & { onRun?: (r: CellRun, table: SweepTable) => void; onProgress?: (p: SweepProgress) => void; signal?: AbortSignal } = {}): Promise<SweepTable> {
  const table = new SweepTable(plan);
  const pool = await SweepPool.start(plan, opts);
  try {
    await pool.run(sweepJobs(plan), {
      onRun: (r) => {
        table.add(r);
        opts.onRun?.(r, table);
      },
      onProgress: opts.onProgress, signal: opts.signal,
    });
  } finally {
    await pool.close();
  }
  return table;
}
