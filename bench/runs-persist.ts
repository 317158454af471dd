/**
 * Cost of persisting every event of a run (issue 5's targets), all measured in this process:
 *   node scripts/build.mjs --node-only && node dist/bench/runs-persist.cjs [simSeconds=600] [rounds=5]
 * The same checkout run (same topology, seed 42, duration, max speed) each time:
 *   A  app run in a worker, event retention 'none' (metrics + snapshots stored)        <- baseline
 *   C  app run in a worker, event retention 'all' (every event into SQLite, writer thread)
 *   C' as C with the SQLite writes on the simulation thread (no writer thread)
 * A and C alternate `rounds` times (A C, C A, ...) after a warm-up run; best and median are printed.
 *   target 1: C/A <= 1.15 (wall time with every event persisted vs without the event log)
 * Persisting throughput on the same rows: the records of one run are captured once (as the
 * runtime hands them over: columns), then
 *   P  the app's path: blocks (RunRecorder) + commits (RunRepository.writeBatch) into the app's schema
 *   R  raw better-sqlite3 bulk insert of the same records: one row each, one prepared statement,
 *      one transaction, no index, payload JSON on 'emitted' rows (the fastest plain way)
 *   target 2: P's events/s >= 60 % of R's rows/s (also printed: C's events/s over its whole wall
 *   time, simulation included, vs R, and C's extra wall time over A per event).
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RunMeta } from '../shared/api/runs';
import type { EventChunk, Scenario } from '../shared/runtime/api';
import { SIM_EVENT_STATUSES } from '../shared/runtime/api';
import { createSimulation } from '../shared/runtime/simulation';
import { RunRecorder } from '../main/backend/runs/run-recorder';
import { RunRepository } from '../main/backend/runs/run-repository';
import { isTerminal, openTestBackend, checkoutTopology } from '../main/backend/runs/test-support';
import { openStore } from '../main/backend/store';
import { resolveRunWorkerFile } from '../main/backend/runs/worker-file';

const simSec = Number(process.argv[2] ?? 600);
const rounds = Number(process.argv[3] ?? 5);
const seed = 42;
const workerFile = resolveRunWorkerFile();
const fmt = (x: number, d = 0): string => x.toLocaleString('en-US', { maximumFractionDigits: d });
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const time = (f: () => void): number => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

async function appRun(retention: 'all' | 'none', writerThread = true): Promise<{ ms: number; startMs: number; cpuMs: number; meta: RunMeta }> {
  const tb = openTestBackend(workerFile, undefined, writerThread);
  await tb.call('runs.setSettings', { projectId: tb.projectId, settings: { retention, eventCap: 100_000_000 } });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // until 'running': worker threads started, bundle loaded, simulation built; after it: the run itself
  let startMs = Number.NaN;
  const sub = tb.backend.runs.hub.on('runs.status', (e) => {
    if (e.status === 'running' && Number.isNaN(startMs)) startMs = performance.now() - t0;
  });
  const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: { durationSec: simSec, seed }, speed: 'max' });
  await tb.waitStatus(runId, isTerminal, 600_000);
  const ms = performance.now() - t0;
  sub.dispose();
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const meta = await tb.call<RunMeta>('runs.get', { runId });
  await tb.close();
  rmSync(tb.dataDir, { recursive: true, force: true });
  return { ms, startMs, cpuMs, meta };
}

/** A copy of a chunk (the runtime reuses its own). */
function copyChunk(c: EventChunk): EventChunk {
  const n = c.length;
  return {
    firstSeq: c.firstSeq, length: n, names: c.names,
    time: c.time.slice(0, n), id: c.id.slice(0, n), correlationId: c.correlationId.slice(0, n), causationId: c.causationId.slice(0, n),
    attempt: c.attempt.slice(0, n), status: c.status.slice(0, n), type: c.type.slice(0, n), source: c.source.slice(0, n), target: c.target.slice(0, n),
    reason: c.reason.slice(0, n), key: c.key.slice(0, n), payload: c.payload.slice(0, n),
  };
}

/** One run's records, captured once as the runtime hands them over. */
function capture(): { chunks: EventChunk[]; n: number } {
  const chunks: EventChunk[] = [];
  createSimulation(checkoutTopology(), { durationSec: simSec, seed, eventLog: 'all' }, { onEventChunk: (c) => chunks.push(copyChunk(c)) }).runToEnd();
  return { chunks, n: chunks.reduce((s, c) => s + c.length, 0) };
}

const scenario = (): Scenario => ({ durationSec: simSec, seed, faults: [], snapshotIntervalMs: 1000, eventLog: 'all', eventLogSampleRate: 1, flows: [], orderSlaSec: 300 });

/** P: the app's persisting path on captured records, one thread: blocks + commits (a flush per ~40k events, like a 250 ms batch). */
function persistPath(chunks: readonly EventChunk[]): { ms: number; writeMs: number; stored: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eventflow-persist-'));
  const store = openStore({ dataDir: dir });
  const repo = new RunRepository(store.db);
  const id = repo.createRun({ projectId: null, name: 'bench', topology: checkoutTopology(), scenario: scenario(), speed: 'max', retention: 'all', ownerPid: process.pid });
  let writeMs = 0;
  const timed = { writeBatch: (rid: number, b: Parameters<RunRepository['writeBatch']>[1]) => { writeMs += time(() => repo.writeBatch(rid, b)); } };
  const rec = new RunRecorder(timed, id, { retention: 'all', eventCap: 1e9, sampleRate: 1, orderSlaSec: 300 });
  const ms = time(() => {
    let since = 0;
    for (const c of chunks) {
      rec.onEventChunk(c);
      since += c.length;
      if (since >= 40_000) {
        rec.flush(c.time[c.length - 1]!);
        since = 0;
      }
    }
    rec.flush(simSec * 1000);
  });
  const stored = (store.db.prepare('SELECT sum(n) AS n FROM run_event_blocks').get() as { n: number }).n;
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return { ms, writeMs, stored };
}

/** R: raw bulk insert of the same records, one row each. */
function rawInsert(chunks: readonly EventChunk[]): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eventflow-raw-'));
  const db = new BetterSqlite3(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE ev (run_id INTEGER, seq INTEGER, time_ms REAL, msg_id INTEGER, type TEXT, key TEXT, correlation_id INTEGER, causation_id INTEGER,
    source TEXT, target TEXT, status TEXT, attempt INTEGER, reason TEXT, payload TEXT)`);
  const st = db.prepare('INSERT INTO ev VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
  const ms = time(() => db.transaction(() => {
    for (const c of chunks) {
      const nm = c.names;
      for (let j = 0; j < c.length; j++) {
        const s = c.status[j]!;
        st.run(1, c.firstSeq + j, c.time[j], c.id[j], nm.types[c.type[j]!], c.key[j], c.correlationId[j], c.causationId[j]! < 0 ? null : c.causationId[j],
          nm.nodes[c.source[j]!], nm.nodes[c.target[j]!], SIM_EVENT_STATUSES[s], c.attempt[j]! < 0 ? null : c.attempt[j], c.reason[j]! < 0 ? null : nm.reasons[c.reason[j]!],
          s === 0 ? JSON.stringify(c.payload[j]) : null);
      }
    }
  })());
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

/** One thread, no workers: the simulation alone, with its log handed over and dropped. */
function simOnly(log: boolean): number {
  const t = checkoutTopology();
  return time(() => createSimulation(t, { durationSec: simSec, seed, eventLog: log ? 'all' : 'none' }, log ? { onEventChunk: () => undefined } : {}).runToEnd());
}

async function main(): Promise<void> {
  console.log(`runs-persist: checkout, ${simSec} simulated s, seed ${seed}, max speed, ${rounds} rounds; worker ${workerFile}`);
  await appRun('none'); // warm-up (page cache, worker bundle)
  const a: number[] = [];
  const c: number[] = [];
  const aCpu: number[] = [];
  const cCpu: number[] = [];
  const aStart: number[] = [];
  const cStart: number[] = [];
  let stored = 0;
  for (let i = 0; i < rounds; i++) {
    // A then C, C then A: a drift in the machine's load does not favour one side
    const order: ('none' | 'all')[] = i % 2 === 0 ? ['none', 'all'] : ['all', 'none'];
    for (const retention of order) {
      const r = await appRun(retention);
      if (retention === 'none') {
        a.push(r.ms);
        aCpu.push(r.cpuMs);
        aStart.push(r.startMs);
      } else {
        c.push(r.ms);
        cCpu.push(r.cpuMs);
        cStart.push(r.startMs);
        stored = r.meta.eventCount;
      }
    }
  }
  const cd = (await appRun('all', false)).ms;

  const none: number[] = [];
  const logged: number[] = [];
  for (let i = 0; i < 3; i++) {
    none.push(simOnly(false));
    logged.push(simOnly(true));
  }
  const cap = capture();
  const p: { ms: number; writeMs: number; stored: number }[] = [];
  const r: number[] = [];
  for (let i = 0; i < rounds; i++) {
    p.push(persistPath(cap.chunks));
    r.push(rawInsert(cap.chunks));
  }
  const n = cap.n;
  const list = (xs: number[]): string => xs.map((x) => fmt(x)).join(', ');
  const A = Math.min(...a);
  const C = Math.min(...c);
  console.log(`events per run: ${fmt(n)} (stored by C: ${fmt(stored)}, by P: ${fmt(p[0]!.stored)})`);
  console.log(`A  app run, no event log            best ${fmt(A)} ms, median ${fmt(median(a))} ms   (runs: ${list(a)})`);
  console.log(`C  app run, every event persisted   best ${fmt(C)} ms, median ${fmt(median(c))} ms   (runs: ${list(c)})`);
  const runPhase = (all: number[], start: number[]): number[] => all.map((x, i) => x - start[i]!);
  console.log(`where it goes (medians): worker start A ${fmt(median(aStart))} ms, C ${fmt(median(cStart))} ms; the run itself A ${fmt(median(runPhase(a, aStart)))} ms, C ${fmt(median(runPhase(c, cStart)))} ms`);
  console.log(`C' as C, SQLite writes on the simulation thread: ${fmt(cd)} ms`);
  console.log(`CPU time of the process (all threads) during A: median ${fmt(median(aCpu))} ms; during C: median ${fmt(median(cCpu))} ms = ${(median(cCpu) / median(aCpu)).toFixed(2)}x`);
  console.log(`one thread, simulation alone: no log ${fmt(Math.min(...none))} ms, log on (columns handed over, dropped) ${fmt(Math.min(...logged))} ms = ${(Math.min(...logged) / Math.min(...none)).toFixed(2)}x`);
  const P = Math.min(...p.map((x) => x.ms));
  const R = Math.min(...r);
  const pRate = (n / P) * 1000;
  const rRate = (n / R) * 1000;
  console.log(`P  app's persisting path, same records: best ${fmt(P)} ms (runs: ${list(p.map((x) => x.ms))}; SQLite commits ${fmt(Math.min(...p.map((x) => x.writeMs)))} ms of it) = ${fmt(pRate)} events/s`);
  console.log(`R  raw bulk insert, same records:       best ${fmt(R)} ms (runs: ${list(r)}) = ${fmt(rRate)} rows/s`);
  console.log(`target 1  C/A (target <= 1.15): best/best ${(C / A).toFixed(3)}, median/median ${(median(c) / median(a)).toFixed(3)}; per round ${c.map((x, i) => (x / a[i]!).toFixed(2)).join(', ')}`);
  console.log(`target 2  P/R throughput (target >= 60%): ${((pRate / rRate) * 100).toFixed(0)}% (best vs best), ${((median(r) / median(p.map((x) => x.ms))) * 100).toFixed(0)}% (median vs median)`);
  const cRate = (stored / C) * 1000;
  console.log(`also: C's events/s over its whole wall time (simulation, worker start included) ${fmt(cRate)} = ${((cRate / rRate) * 100).toFixed(0)}% of R; C - A = ${fmt(C - A)} ms extra = ${((C - A) * 1e6 / n).toFixed(0)} ns per event`);
}

void main();
