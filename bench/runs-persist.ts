/**
 * Cost of persisting every event of a run.
 *   node scripts/build.mjs --node-only && node dist/bench/runs-persist.cjs [simSeconds=1200]
 * Same checkout run (max speed, same seed), measured in this process:
 *   A  app run in a worker, event retention 'none'  (metrics + snapshots only)   <- baseline
 *   C  app run in a worker, event retention 'all'   (every event into SQLite)
 *   B  the simulation alone with its event log on, events discarded (cost of making the events)
 *   R  raw better-sqlite3 bulk insert of the same events, one row each, one prepared statement,
 *      one transaction, no index (the fastest plain way to put these rows in SQLite)
 * Prints C/A (target <= 1.15) and C's events/s over its whole wall time vs R's rows/s (target >= 60%).
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RunMeta } from '../shared/api/runs';
import type { SimEvent } from '../shared/runtime/api';
import { createSimulation } from '../shared/runtime/simulation';
import { RunRecorder } from '../main/backend/runs/run-recorder';
import { RunRepository } from '../main/backend/runs/run-repository';
import { isTerminal, openTestBackend, checkoutTopology } from '../main/backend/runs/test-support';
import { openStore } from '../main/backend/store';
import { resolveRunWorkerFile } from '../main/backend/runs/worker-file';

const simSec = Number(process.argv[2] ?? 1200);
const seed = 42;
const workerFile = resolveRunWorkerFile();
const fmt = (x: number, d = 0): string => x.toLocaleString('en-US', { maximumFractionDigits: d });

async function appRun(retention: 'all' | 'none', writerThread = true): Promise<{ ms: number; meta: RunMeta; dir: string }> {
  const tb = openTestBackend(workerFile, undefined, writerThread);
  await tb.call('runs.setSettings', { projectId: tb.projectId, settings: { retention, eventCap: 100_000_000 } });
  const t0 = performance.now();
  const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: { durationSec: simSec, seed }, speed: 'max' });
  await tb.waitStatus(runId, isTerminal, 600_000);
  const ms = performance.now() - t0;
  const meta = await tb.call<RunMeta>('runs.get', { runId });
  await tb.close();
  return { ms, meta, dir: tb.dataDir };
}

function simOnly(): { ms: number; events: SimEvent[] } {
  const events: SimEvent[] = [];
  const sim = createSimulation(checkoutTopology(), { durationSec: simSec, seed, eventLog: 'all' }, { onEvent: (e) => events.push(e), onSnapshot: () => undefined });
  const t0 = performance.now();
  sim.runToEnd();
  return { ms: performance.now() - t0, events };
}

/** One thread, no workers: where the time goes (runtime event log vs blocks vs SQLite). */
function breakdown(): { none: number; discard: number; recorded: number; writeMs: number } {
  const t = checkoutTopology();
  const time = (f: () => void): number => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const none = time(() => createSimulation(t, { durationSec: simSec, seed, eventLog: 'none' }, { onSnapshot: () => undefined }).runToEnd());
  const discard = time(() => createSimulation(t, { durationSec: simSec, seed, eventLog: 'all' }, { onEvent: () => undefined, onSnapshot: () => undefined }).runToEnd());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eventflow-breakdown-'));
  const store = openStore({ dataDir: dir });
  const repo = new RunRepository(store.db);
  const id = repo.createRun({ projectId: null, name: 'bench', topology: t, scenario: { durationSec: simSec, seed, faults: [], snapshotIntervalMs: 1000, eventLog: 'all', eventLogSampleRate: 1, flows: [] }, speed: 'max', retention: 'all', ownerPid: process.pid });
  let writeMs = 0;
  const timed = { writeBatch: (rid: number, b: Parameters<RunRepository['writeBatch']>[1]) => { writeMs += time(() => repo.writeBatch(rid, b)); } };
  const rec = new RunRecorder(timed, id, { retention: 'all', eventCap: 1e9, sampleRate: 1 });
  const recorded = time(() => {
    const sim = createSimulation(t, { durationSec: simSec, seed, eventLog: 'all' }, { onEvent: rec.onEvent, onSnapshot: (x) => rec.onSnapshot(x) });
    while (!sim.done) {
      sim.runUntil(sim.now + 20_000);
      rec.flush(sim.now);
    }
  });
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return { none, discard, recorded, writeMs };
}

function rawInsert(events: readonly SimEvent[]): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eventflow-raw-'));
  const db = new BetterSqlite3(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE ev (run_id INTEGER, seq INTEGER, time_ms REAL, msg_id INTEGER, type TEXT, key TEXT, correlation_id INTEGER, causation_id INTEGER,
    source TEXT, target TEXT, status TEXT, attempt INTEGER, reason TEXT, payload TEXT)`);
  const st = db.prepare('INSERT INTO ev VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
  const t0 = performance.now();
  db.transaction(() => {
    for (const e of events) {
      st.run(1, e.seq, e.time, e.id, e.type, e.key, e.correlationId, e.causationId, e.source, e.target, e.status, e.attempt ?? null, e.reason ?? null,
        e.status === 'emitted' ? JSON.stringify(e.payload) : null);
    }
  })();
  const ms = performance.now() - t0;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

async function main(): Promise<void> {
  console.log(`runs-persist: checkout, ${simSec} simulated s, seed ${seed}, max speed; worker ${workerFile}`);
  // warm-up (JIT, page cache), then alternate A and C twice and keep the best of each
  await appRun('none');
  const a: number[] = [];
  const c: number[] = [];
  let stored = 0;
  for (let i = 0; i < 2; i++) {
    const ra = await appRun('none');
    a.push(ra.ms);
    rmSync(ra.dir, { recursive: true, force: true });
    const rc = await appRun('all');
    c.push(rc.ms);
    stored = rc.meta.eventCount;
    rmSync(rc.dir, { recursive: true, force: true });
  }
  const cd = await appRun('all', false);
  rmSync(cd.dir, { recursive: true, force: true });
  const bd = breakdown();
  const A = Math.min(...a);
  const C = Math.min(...c);
  const b = simOnly();
  const R = rawInsert(b.events);
  const n = b.events.length;
  console.log(`events per run: ${fmt(n)} (stored by C: ${fmt(stored)})`);
  console.log(`A  run, no event log           ${fmt(A)} ms   (runs: ${a.map((x) => fmt(x)).join(', ')})`);
  console.log(`C  run, every event persisted  ${fmt(C)} ms   (runs: ${c.map((x) => fmt(x)).join(', ')})`);
  console.log(`C' same as C with the SQLite writes on the simulation thread (no writer thread): ${fmt(cd.ms)} ms`);
  console.log(`B  simulation alone, events made and discarded (main thread, no SQLite): ${fmt(b.ms)} ms`);
  console.log(`R  raw bulk insert of the same ${fmt(n)} rows: ${fmt(R)} ms = ${fmt((n / R) * 1000)} rows/s`);
  console.log(`one thread: simulation without event log ${fmt(bd.none)} ms; with event log, events discarded ${fmt(bd.discard)} ms (${(bd.discard / bd.none).toFixed(2)}x: the runtime's own cost of the log);`);
  console.log(`            with every event encoded into blocks and written ${fmt(bd.recorded)} ms (${(bd.recorded / bd.discard).toFixed(2)}x of discarded; SQLite commits ${fmt(bd.writeMs)} ms of it, done off the simulation thread in the app)`);
  console.log(`ratio C/A (wall time with the event log persisted vs without; target <= 1.15): ${(C / A).toFixed(3)}`);
  const cRate = (stored / C) * 1000;
  console.log(`C persisted ${fmt(cRate)} events/s over its whole wall time (simulation included) = ${((cRate / ((n / R) * 1000)) * 100).toFixed(0)}% of raw insert rows/s (target >= 60%)`);
}

void main();
