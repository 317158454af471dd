/**
 * Entry of dist/main/run-worker.cjs: one run (or a space-reclaim job) per worker thread, with its
 * own better-sqlite3 connection to the app's database (WAL: the main thread keeps reading).
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { issuesFromZod } from '../../../shared/model/validate';
import { RunRepository } from './run-repository';
import { RunSession } from './run-session';
import { describeWriteError } from './storage';
import { DirectRunWriter, ThreadedRunWriter, ToWriter, applyWrite } from './run-writer';
import { fileURLToPath } from 'node:url';
import { FromWorker, ToWorker, WorkerJob } from './worker-protocol';

function openConnection(file: string, nativeBinding: string | undefined, maxBytes?: number): Database {
  const db = new BetterSqlite3(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  // a hard ceiling on the file (tests use it to meet a full disk for real: SQLite answers SQLITE_FULL)
  if (maxBytes !== undefined) db.pragma(`max_page_count = ${Math.max(1, Math.floor(maxBytes / (db.pragma('page_size', { simple: true }) as number)))}`);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  return db;
}

function main(): void {
  const port = parentPort;
  if (port === null) throw new Error('run-worker must run in a worker thread');
  const post = (m: FromWorker): void => {
    const ok = FromWorker.safeParse(m);
    if (!ok.success) throw new Error(`run worker built an invalid message: ${issuesFromZod(ok.error).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    port.postMessage(m);
  };
  const job = WorkerJob.parse(workerData);
  const db = openConnection(job.dbFile, job.nativeBinding, 'maxDatabaseBytes' in job ? job.maxDatabaseBytes : undefined);

  if (job.role === 'reclaim') {
    // auto_vacuum is fixed at creation; switching to INCREMENTAL takes one VACUUM, later deletes
    // only need incremental_vacuum. Both run here, off the main thread.
    const before = db.pragma('freelist_count', { simple: true }) as number;
    if ((db.pragma('auto_vacuum', { simple: true }) as number) !== 2) {
      db.pragma('auto_vacuum = INCREMENTAL');
      db.exec('VACUUM');
    } else db.pragma('incremental_vacuum');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    post({ t: 'reclaimed', freedPages: before });
    return;
  }

  if (job.role === 'writer') {
    const repo = new RunRepository(db);
    port.on('message', (raw: unknown) => {
      const m = ToWriter.safeParse(raw);
      if (!m.success) {
        port.postMessage({ t: 'error', message: `invalid write: ${issuesFromZod(m.error).map((i) => `${i.path}: ${i.message}`).join('; ')}` });
        return;
      }
      if (m.data.op === 'close') {
        db.close();
        port.close();
        return;
      }
      if (m.data.op === 'drain') {
        port.postMessage({ t: 'drained', token: m.data.token });
        return;
      }
      try {
        applyWrite(repo, m.data);
      } catch (e) {
        port.postMessage({ t: 'error', message: describeWriteError(e, job.dbFile) });
      }
    });
    return;
  }

  const writer = job.writerThread
    ? new ThreadedRunWriter(fileURLToPath(import.meta.url), job.dbFile, job.nativeBinding, job.maxDatabaseBytes)
    : new DirectRunWriter(new RunRepository(db));
  const session = new RunSession({
    writer,
    runId: job.runId,
    topology: job.topology,
    scenario: job.scenario,
    speed: job.speed,
    settings: job.settings,
    startPaused: job.startPaused,
    pauseAtSec: job.pauseAtSec,
    post,
    now: () => performance.now(),
    schedule: (fn, delay) => {
      if (delay <= 0) setImmediate(fn);
      else setTimeout(fn, delay);
    },
    // after the current message's reply went out
    onEnd: () => setImmediate(() => {
      void writer.close().finally(() => {
        db.close();
        port.close();
      });
    }),
  });
  port.on('message', (raw: unknown) => {
    const m = ToWorker.safeParse(raw);
    if (!m.success) {
      const reqId = typeof raw === 'object' && raw !== null && typeof (raw as { reqId?: unknown }).reqId === 'number' ? (raw as { reqId: number }).reqId : -1;
      post({ t: 'reply', reqId, ok: false, status: session.state, simMs: session.sim.now, error: `invalid command: ${issuesFromZod(m.error).map((i) => `${i.path}: ${i.message}`).join('; ')}` });
      return;
    }
    session.handle(m.data);
  });
  session.start();
}

main();
