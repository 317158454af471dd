/**
 * `eventflow run --save`: records a CLI run in the app's SQLite database with the same pieces the
 * app's run worker uses (RunRepository + RunRecorder from main/backend/runs), so the app lists it
 * (project-less) with its scenario, seed, summary, metric time series and events per the default
 * retention setting.
 */
import { enforceBudget, reclaimNow } from '../backend/runs/storage';
import type { PruneResult } from '../backend/runs/storage';
import type { RunSettings, RunSpeed } from '../../shared/api/runs';
import type { Topology } from '../../shared/model/topology';
import type { EventChunk, MetricsSnapshot, RunSummary, Scenario } from '../../shared/runtime/api';
import { runKpisOf } from '../backend/runs/kpis';
import { RunRecorder } from '../backend/runs/run-recorder';
import { RunRepository } from '../backend/runs/run-repository';
import { StoreOpenError, openStore, resolveDataDir } from '../backend/store';
import type { Store } from '../backend/store';
import { CliError, ExitCode } from './command';

/** wall ms between flushes: a crash loses at most this much */
const FLUSH_EVERY_MS = 250;

export class RunSaver {
  readonly runId: number;
  readonly settings: RunSettings;
  private readonly repo: RunRepository;
  private readonly recorder: RunRecorder;
  private lastFlush = 0;
  private closed = false;

  private constructor(private readonly store: Store, topology: Topology, scenario: Scenario, speed: RunSpeed, private readonly now: () => number) {
    this.repo = new RunRepository(store.db);
    this.settings = this.repo.settings('');
    this.runId = this.repo.createRun({
      projectId: null, name: `${topology.name} · seed ${scenario.seed} (cli)`, topology, scenario, speed, retention: this.settings.retention, ownerPid: process.pid,
    });
    this.recorder = new RunRecorder(this.repo, this.runId, this.settings);
    this.repo.setStatus(this.runId, 'running');
    this.lastFlush = now();
  }

  static open(dataDirOption: string | undefined, cwd: string, env: Readonly<Record<string, string | undefined>>, topology: Topology, scenario: Scenario, speed: RunSpeed, now: () => number): RunSaver {
    const dataDir = resolveDataDir({ argv: dataDirOption === undefined ? [] : ['--data-dir', dataDirOption], env, cwd });
    let store: Store;
    try {
      store = openStore({ dataDir });
    } catch (e) {
      if (e instanceof StoreOpenError) throw new CliError(ExitCode.cantCreate, `cannot open the app's database in ${dataDir}: ${e.message}`);
      throw new CliError(ExitCode.cantCreate, `cannot open the app's database in ${dataDir}: ${(e as Error).message}`);
    }
    try {
      return new RunSaver(store, topology, scenario, speed, now);
    } catch (e) {
      store.close();
      throw e;
    }
  }

  get databaseFile(): string {
    return this.store.databaseFile;
  }

  /** the scenario's event log mode follows the app's retention setting */
  get eventLog(): Pick<Scenario, 'eventLog' | 'eventLogSampleRate'> {
    return { eventLog: this.settings.retention, eventLogSampleRate: this.settings.sampleRate };
  }

  /** hooks.onEventChunk: the same column path as the app's run worker */
  readonly onEventChunk = (c: EventChunk): void => this.recorder.onEventChunk(c);

  onSnapshot(s: MetricsSnapshot): void {
    this.recorder.onSnapshot(s);
  }

  /** after each slice of simulation: write at most every FLUSH_EVERY_MS */
  progress(simMs: number): void {
    const t = this.now();
    if (t - this.lastFlush < FLUSH_EVERY_MS) return;
    this.lastFlush = t;
    this.recorder.flush(simMs);
  }

  finish(summary: RunSummary, stopped: boolean): PruneResult {
    this.recorder.flush(summary.simulatedMs);
    this.repo.finish(this.runId, stopped ? 'stopped' : 'completed', summary, runKpisOf(summary, summary.simulatedMs), summary.simulatedMs, null);
    try {
      // project-less CLI runs count against the data folder's budget like the app's runs
      const pruned = enforceBudget(this.store.db, (id) => id === this.runId);
      if (pruned.eventsPruned.length > 0) reclaimNow(this.store.db);
      return pruned;
    } finally {
      this.close();
    }
  }

  fail(simMs: number, message: string): void {
    try {
      this.recorder.flush(simMs);
      this.repo.finish(this.runId, 'failed', null, null, simMs, message);
    } finally {
      this.close();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.store.close();
  }
}
