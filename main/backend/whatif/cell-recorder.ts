/**
 * Keeps one sweep cell × seed as an ordinary run in SQLite, from the sweep worker that ran it:
 * summary, KPIs, metric series and snapshots (what the run view, replay and compare read), no
 * event log (a sweep's cell is read through its numbers; see docs/what-if.md, "What is kept").
 * Everything is written in one transaction once the run has ended, so a cancelled sweep leaves no
 * half-written run behind.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import { RunSettings } from '../../../shared/api/runs';
import type { Topology } from '../../../shared/model/topology';
import type { MetricsSnapshot, RunSummary, Scenario } from '../../../shared/runtime/api';
import type { CellRunObserver } from '../../../shared/whatif/cell-run';
import { runKpisOf } from '../runs/kpis';
import { RunRecorder } from '../runs/run-recorder';
import { RunRepository } from '../runs/run-repository';
import type { RunBatch } from '../runs/run-repository';

/** snapshots kept per cell run (the worker samples 300 for the backlog figures; the run view needs far fewer) */
export const KEPT_SNAPSHOTS = 60;

export interface CellRecordTarget {
  dbFile: string;
  nativeBinding?: string;
  /** sweeps.id */
  sweepRowId: number;
  projectId: string | null;
  sweepName: string;
}

export function openWorkerConnection(file: string, nativeBinding: string | undefined): Database {
  const db = new BetterSqlite3(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  return db;
}

const SETTINGS: RunSettings = RunSettings.parse({ retention: 'none', eventCap: 0 });

export class CellRecorder {
  private readonly repo: RunRepository;
  private readonly link: Statement;

  constructor(private readonly db: Database, private readonly target: CellRecordTarget) {
    this.repo = new RunRepository(db);
    this.link = db.prepare('UPDATE runs SET sweep_id = ?, sweep_cell = ? WHERE id = ?');
  }

  /** An observer for runCell; `saved()` after the run gives the run's id. */
  observe(cell: number, label: string, topology: Topology, every: number): CellRunObserver & { saved(): number | undefined } {
    const batches: RunBatch[] = [];
    // the recorder buffers; the batches are written under the real run id at the end
    const recorder = new RunRecorder({ writeBatch: (_id, b) => batches.push(b) }, 0, SETTINGS);
    let n = 0;
    let runId: number | undefined;
    let last: MetricsSnapshot | null = null;
    return {
      snapshot: (s) => {
        last = s;
        if (n++ % every === 0) recorder.onSnapshot(s);
      },
      end: (summary: RunSummary, scenario: Scenario) => {
        if (last !== null && (n - 1) % every !== 0) recorder.onSnapshot(last);
        recorder.flush(summary.simulatedMs);
        runId = this.db.transaction(() => {
          const id = this.repo.createRun({
            projectId: this.target.projectId, name: `What-if sw-${this.target.sweepRowId} · ${label} · seed ${scenario.seed}`, topology, scenario,
            speed: 'max', retention: 'none', ownerPid: process.pid,
          });
          this.link.run(this.target.sweepRowId, cell, id);
          for (const b of batches) this.repo.writeBatch(id, b);
          this.repo.finish(id, 'completed', summary, runKpisOf(summary, summary.simulatedMs), summary.simulatedMs, null);
          return id;
        }).immediate();
      },
      saved: () => runId,
    };
  }
}
