/**
 * RunManager: the main-thread side of live runs. Every run executes in its own worker_threads
 * worker (run-worker.ts) that owns the simulation and its SQLite writes; the manager only
 * creates the run row, relays commands (validated both ways), fans worker messages out to the
 * api streams and records live faults. Nothing heavy runs on the main event loop.
 */
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/define';
import type { LiveFault, RunSpeed, RunStatus, RunStatusEvent, SampledEvent } from '../../../shared/api/runs';
import { TERMINAL_RUN_STATUSES } from '../../../shared/api/runs';
import { lintErrors, lintRefusal, lintTopology } from '../../../shared/model/lint';
import type { Topology } from '../../../shared/model/topology';
import type { MetricsSnapshot, Scenario } from '../../../shared/runtime/api';
import { issuesFromZod } from '../../../shared/model/validate';
import { StreamHub } from '../api/stream-hub';
import type { Store } from '../store';
import { RunRepository, nowIso } from './run-repository';
import { resolveRunWorkerFile } from './worker-file';
import { FromWorker } from './worker-protocol';
import type { ReclaimJob, RunJob, ToWorker, ToWorkerCommand } from './worker-protocol';
import { enforceBudget } from './storage';

export interface RunEvents {
  'runs.snapshot': { runId: number; status: RunStatus; speed: RunSpeed; endMs: number; snapshot: MetricsSnapshot };
  'runs.events.sampled': { runId: number; events: SampledEvent[] };
  'runs.status': RunStatusEvent;
}

type Reply = Extract<FromWorker, { t: 'reply' }>;

interface LiveRun {
  id: number;
  projectId: string | null;
  worker: Worker;
  status: RunStatus;
  simMs: number;
  endMs: number;
  speed: RunSpeed;
  snapshot: MetricsSnapshot | null;
  pending: Map<number, (r: Reply) => void>;
  /** run_faults.id -> the worker's handle of an open-ended fault */
  handles: Map<number, number>;
  error: string | null;
  exited: Promise<void>;
}

export interface RunManagerOptions {
  /** the run worker bundle (default: resolveRunWorkerFile()) */
  workerFile?: string;
  /** better_sqlite3.node for another ABI (Electron), passed to workers */
  nativeBinding?: string;
  /** SQLite writes of a run in a second thread (default true) */
  writerThread?: boolean;
  /** is a process alive (recovery); default process.kill(pid, 0) */
  isAlive?: (pid: number) => boolean;
  /** a hard ceiling on the database file for runs' writes (tests meet a full disk with it) */
  maxDatabaseBytes?: number;
}

export interface StartRunInput {
  projectId: string | null;
  topology: Topology;
  scenario: Scenario;
  speed: RunSpeed;
  name?: string;
  startPaused?: boolean;
  /** simulated seconds at which the run pauses by itself */
  pauseAtSec?: readonly number[];
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const isTerminal = (s: RunStatus): boolean => TERMINAL_RUN_STATUSES.includes(s);
/** a run allocates fast (messages, payloads, the event log): a larger young generation means
 * fewer scavenges, whose helper threads would otherwise take the core the writer thread uses */
const RUN_WORKER_LIMITS = { maxYoungGenerationSizeMb: 48 } as const;

export class RunManager {
  readonly repo: RunRepository;
  readonly hub = new StreamHub<RunEvents>();
  private readonly live = new Map<number, LiveRun>();
  private nextReq = 1;
  private reclaimWanted = false;
  private reclaiming: Promise<void> | null = null;
  private disposed = false;

  constructor(private readonly store: Store, private readonly opts: RunManagerOptions = {}) {
    this.repo = new RunRepository(store.db);
    // runs whose process died mid-way (crash, SIGKILL, power loss) are interrupted, with what they wrote
    this.repo.recoverInterrupted(opts.isAlive ?? processAlive);
  }

  /** Starts a run in a worker; refuses topologies with lint errors (warnings are fine). */
  start(input: StartRunInput): number {
    if (this.disposed) throw new ApiError('refused', 'the backend is closing');
    const errors = lintErrors(lintTopology(input.topology));
    if (errors.length > 0) {
      throw new ApiError(
        'refused',
        lintRefusal(errors),
        errors.map((e) => ({ path: e.nodeId ?? e.edgeId ?? '', message: e.message })),
      );
    }
    const settings = input.projectId === null ? this.repo.settings('') : this.repo.settings(input.projectId);
    // the project's order SLA applies to every run of the project; the stored scenario says which one
    const scenario: Scenario = { ...input.scenario, orderSlaSec: settings.orderSlaSec };
    const id = this.repo.createRun({
      projectId: input.projectId, name: input.name ?? `${input.topology.name} · seed ${scenario.seed}`, topology: input.topology, scenario,
      speed: input.speed, retention: settings.retention, ownerPid: process.pid,
    });
    const job: RunJob = {
      role: 'run', dbFile: this.store.databaseFile, runId: id, topology: input.topology, scenario, speed: input.speed, settings,
      startPaused: input.startPaused ?? false, pauseAtSec: [...(input.pauseAtSec ?? [])], writerThread: this.opts.writerThread ?? true, ...(this.opts.nativeBinding ? { nativeBinding: this.opts.nativeBinding } : {}),
      ...(this.opts.maxDatabaseBytes !== undefined ? { maxDatabaseBytes: this.opts.maxDatabaseBytes } : {}),
    };
    let worker: Worker;
    try {
      worker = new Worker(this.opts.workerFile ?? resolveRunWorkerFile(), { workerData: job, resourceLimits: RUN_WORKER_LIMITS });
    } catch (e) {
      this.repo.setStatus(id, 'failed', `cannot start the run worker: ${(e as Error).message}`);
      throw new ApiError('internal', `cannot start the run worker: ${(e as Error).message}`);
    }
    let exited!: () => void;
    const run: LiveRun = {
      id, projectId: input.projectId, worker, status: 'idle', simMs: 0, endMs: input.scenario.durationSec * 1000, speed: input.speed, snapshot: null,
      pending: new Map(), handles: new Map(), error: null, exited: new Promise((r) => (exited = r)),
    };
    this.live.set(id, run);
    worker.on('message', (raw: unknown) => this.onMessage(run, raw));
    worker.on('error', (e) => {
      run.error = e.message;
    });
    worker.on('exit', (code) => {
      this.live.delete(id);
      for (const resolve of run.pending.values()) resolve({ t: 'reply', reqId: -1, ok: false, status: run.status, simMs: run.simMs, error: 'the run ended' });
      run.pending.clear();
      if (!isTerminal(run.status)) {
        // the worker died without finishing (exception, out of memory, terminate)
        const why = run.error ?? `the run worker exited with code ${code}`;
        this.repo.setStatus(id, 'failed', why);
        this.setStatus(run, 'failed', why);
      }
      exited();
      this.applyBudget();
      if (this.reclaimWanted && this.live.size === 0) void this.reclaim();
    });
    this.publishStatus(run);
    return id;
  }

  private onMessage(run: LiveRun, raw: unknown): void {
    const parsed = FromWorker.safeParse(raw);
    if (!parsed.success) {
      console.error(`eventflow: run ${run.id} worker sent an invalid message`, issuesFromZod(parsed.error));
      return;
    }
    const m = parsed.data;
    switch (m.t) {
      case 'status':
        run.simMs = m.simMs;
        if (isTerminal(m.status)) this.confirmStored(run.id, m.status, m.error);
        this.setStatus(run, m.status, m.error);
        return;
      case 'snapshot':
        run.simMs = m.simMs;
        run.snapshot = m.snapshot;
        this.hub.publish('runs.snapshot', { runId: run.id, status: run.status, speed: run.speed, endMs: run.endMs, snapshot: m.snapshot });
        return;
      case 'sampled':
        this.hub.publish('runs.events.sampled', { runId: run.id, events: m.events });
        return;
      case 'reply': {
        run.simMs = m.simMs;
        const resolve = run.pending.get(m.reqId);
        run.pending.delete(m.reqId);
        resolve?.(m);
        return;
      }
      case 'reclaimed':
        return;
    }
  }

  /**
   * The worker announces an end once its writes are committed; when its last write failed (a
   * full disk) the row still says running: record the end from this connection, best effort.
   */
  private confirmStored(id: number, status: RunStatus, error: string | null): void {
    try {
      if (!isTerminal(this.repo.meta(id).status)) this.repo.setStatus(id, status, error);
    } catch (e) {
      console.error(`eventflow: run ${id}: cannot record its end (${(e as Error).message})`);
    }
  }

  private setStatus(run: LiveRun, status: RunStatus, error: string | null): void {
    const changed = run.status !== status;
    run.status = status;
    if (error !== null) run.error = error;
    if (changed) this.publishStatus(run);
  }

  private publishStatus(run: LiveRun): void {
    this.hub.publish('runs.status', { runId: run.id, projectId: run.projectId, status: run.status, simMs: run.simMs, endMs: run.endMs, error: run.error });
  }

  private liveRun(runId: number): LiveRun {
    const run = this.live.get(runId);
    if (run === undefined || isTerminal(run.status)) {
      const status = run?.status ?? this.repo.meta(runId).status;
      throw new ApiError('conflict', `run ${runId} is ${status}, not live`);
    }
    return run;
  }

  private send(run: LiveRun, cmd: ToWorkerCommand): Promise<Reply> {
    const reqId = this.nextReq++;
    return new Promise((resolve) => {
      run.pending.set(reqId, resolve);
      run.worker.postMessage({ ...cmd, reqId } as ToWorker);
    });
  }

  private async control(runId: number, cmd: ToWorkerCommand): Promise<Reply> {
    const run = this.liveRun(runId);
    const r = await this.send(run, cmd);
    if (!r.ok) throw new ApiError('conflict', `run ${runId}: ${r.error ?? 'refused'}`);
    return r;
  }

  async pause(runId: number): Promise<Reply> {
    return this.control(runId, { t: 'pause' });
  }

  async resume(runId: number): Promise<Reply> {
    return this.control(runId, { t: 'resume' });
  }

  async step(runId: number, simMs: number | undefined): Promise<Reply> {
    const run = this.liveRun(runId);
    const interval = (run.snapshot?.intervalMs ?? 0) > 0 ? run.snapshot!.intervalMs : 1000;
    return this.control(runId, { t: 'step', simMs: simMs ?? interval });
  }

  /** Stops a live run; resolves once its worker wrote the final state and exited. */
  async stop(runId: number): Promise<Reply> {
    const run = this.liveRun(runId);
    const r = await this.control(runId, { t: 'stop' });
    await run.exited;
    return { ...r, status: run.status };
  }

  async setSpeed(runId: number, speed: RunSpeed): Promise<RunSpeed> {
    const run = this.liveRun(runId);
    await this.control(runId, { t: 'speed', speed });
    run.speed = speed;
    return speed;
  }

  async injectFault(runId: number, fault: LiveFault, pauseOnStart = false): Promise<{ faultId: number; simMs: number }> {
    const run = this.liveRun(runId);
    const r = await this.send(run, { t: 'fault', fault, pauseOnStart });
    if (!r.ok || r.applied === undefined) throw new ApiError('invalid-input', `fault refused: ${r.error ?? 'unknown reason'}`);
    const faultId = this.repo.recordLiveFault(runId, r.applied, nowIso(), r.simMs);
    if (r.handle !== undefined) run.handles.set(faultId, r.handle);
    return { faultId, simMs: r.simMs };
  }

  async endFault(runId: number, faultId: number): Promise<{ ended: boolean; simMs: number }> {
    const run = this.liveRun(runId);
    const handle = run.handles.get(faultId);
    if (handle === undefined) return { ended: false, simMs: run.simMs };
    const r = await this.send(run, { t: 'endFault', handle });
    run.handles.delete(faultId);
    if (r.ok) this.repo.endLiveFault(runId, faultId, r.simMs);
    return { ended: r.ok, simMs: r.simMs };
  }

  latestSnapshot(runId: number): { status: RunStatus; speed: RunSpeed; endMs: number; snapshot: MetricsSnapshot } | null {
    const run = this.live.get(runId);
    if (run === undefined || run.snapshot === null) return null;
    return { status: run.status, speed: run.speed, endMs: run.endMs, snapshot: run.snapshot };
  }

  isLive(runId: number): boolean {
    return this.live.has(runId);
  }

  /** Deletes a stored run (refused while it is live) and reclaims the space in the background. */
  delete(runId: number): boolean {
    if (this.live.has(runId)) throw new ApiError('conflict', `run ${runId} is live; stop it before deleting it`);
    const deleted = this.repo.delete(runId);
    if (deleted) this.requestReclaim();
    return deleted;
  }

  /** Space freed by deletes goes back to the OS in the background, once no run is writing. */
  requestReclaim(): void {
    this.reclaimWanted = true;
    if (this.live.size === 0) void this.reclaim();
  }

  /** After a run (or a new budget): the oldest finished runs' event logs go until the data folder fits its budget. */
  applyBudget(): void {
    try {
      const r = enforceBudget(this.store.db, (id) => this.live.has(id));
      if (r.eventsPruned.length > 0) this.reclaimWanted = true;
    } catch (e) {
      console.error(`eventflow: storage budget not applied: ${(e as Error).message}`);
    }
  }

  /** VACUUM / incremental_vacuum in a worker, only when no run is writing. */
  reclaim(): Promise<void> {
    if (this.reclaiming !== null) return this.reclaiming;
    this.reclaimWanted = false;
    const job: ReclaimJob = { role: 'reclaim', dbFile: this.store.databaseFile, ...(this.opts.nativeBinding ? { nativeBinding: this.opts.nativeBinding } : {}) };
    this.reclaiming = new Promise<void>((resolve) => {
      let w: Worker;
      try {
        w = new Worker(this.opts.workerFile ?? resolveRunWorkerFile(), { workerData: job });
      } catch (e) {
        console.error(`eventflow: space reclaim not started: ${(e as Error).message}`);
        resolve();
        return;
      }
      w.on('error', (e) => console.error(`eventflow: space reclaim failed: ${e.message}`));
      w.on('exit', () => resolve());
    }).finally(() => {
      this.reclaiming = null;
    });
    return this.reclaiming;
  }

  /** Stops every live run (each ends 'stopped' with what it wrote); call before closing the store. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const runs = [...this.live.values()];
    await Promise.all(runs.map(async (run) => {
      if (!isTerminal(run.status)) run.worker.postMessage({ t: 'stop', reqId: this.nextReq++ } satisfies ToWorker);
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000).unref());
      if ((await Promise.race([run.exited.then(() => 'exited' as const), timeout])) === 'timeout') await run.worker.terminate();
    }));
    await this.reclaiming;
  }
}
