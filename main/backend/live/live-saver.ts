/**
 * Records a live run in the run store with the pieces simulated runs use (RunRepository +
 * RunRecorder), so history, compare, replay and the report read it unchanged; the `live` column
 * marks it with the broker it ran on (address without credentials, product, version, prefix).
 */
import type { Database } from 'better-sqlite3';
import type { Topology } from '../../../shared/model/topology';
import type { MetricsSnapshot, RunSummary, Scenario, SimEvent } from '../../../shared/runtime/api';
import { runKpisOf } from '../runs/kpis';
import { RunRecorder } from '../runs/run-recorder';
import { RunRepository } from '../runs/run-repository';
import type { BrokerInfo } from './broker';

export interface LiveMark extends BrokerInfo {
  prefix: string;
}

/** wall ms between flushes: a crash loses at most this much */
const FLUSH_EVERY_MS = 1000;

export class LiveSaver {
  readonly runId: number;
  private readonly repo: RunRepository;
  private readonly recorder: RunRecorder;
  private lastFlush = Date.now();
  private lastMs = 0;

  constructor(db: Database, topology: Topology, scenario: Scenario, mark: LiveMark, projectId: string | null = null) {
    this.repo = new RunRepository(db);
    const settings = this.repo.settings(projectId ?? '');
    this.runId = this.repo.createRun({
      projectId, name: `${topology.name} · live on ${mark.address}`, topology, scenario, speed: 1, retention: settings.retention, ownerPid: process.pid,
    });
    db.prepare('UPDATE runs SET live = ? WHERE id = ?').run(JSON.stringify(mark), this.runId);
    this.recorder = new RunRecorder(this.repo, this.runId, settings);
    this.repo.setStatus(this.runId, 'running');
  }

  readonly onEvent = (e: SimEvent): void => this.recorder.onEvent(e);

  readonly onSnapshot = (s: MetricsSnapshot): void => {
    this.recorder.onSnapshot(s);
    this.lastMs = s.timeMs;
    if (Date.now() - this.lastFlush >= FLUSH_EVERY_MS) {
      this.lastFlush = Date.now();
      this.recorder.flush(s.timeMs);
    }
  };

  /** completed (stopped: by the user), or interrupted (broker gone mid-run) with what was recorded kept */
  finish(summary: RunSummary, interrupted: string | null, stopped = false): void {
    this.recorder.flush(summary.simulatedMs);
    this.repo.finish(this.runId, interrupted !== null ? 'interrupted' : stopped ? 'stopped' : 'completed', summary, runKpisOf(summary, summary.simulatedMs), summary.simulatedMs, interrupted);
  }

  /** the traffic was stopped early, after this many wall ms: the mark says so (the twin simulates that long) */
  markStopped(db: Database, trafficMs: number): void {
    db.prepare("UPDATE runs SET live = json_set(live, '$.trafficMs', ?) WHERE id = ?").run(Math.round(trafficMs), this.runId);
  }

  fail(message: string): void {
    this.recorder.flush(this.lastMs);
    this.repo.finish(this.runId, 'failed', null, null, this.lastMs, message);
  }
}

/** the broker a stored run ran on, or null for a simulated run */
export function liveMarkOf(db: Database, runId: number): LiveMark | null {
  const row = db.prepare('SELECT live FROM runs WHERE id = ?').get(runId) as { live: string | null } | undefined;
  return row?.live !== null && row?.live !== undefined ? (JSON.parse(row.live) as LiveMark) : null;
}
