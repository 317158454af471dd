import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunDetail } from '../../shared/api/runs';
import { openBackend, openStore } from '.';
import { checkoutTopology } from './runs/test-support';
import { buildRunWorkerForTests } from './runs/test-worker-bundle';
import { bundleForTests } from '../test-support/bundle';
import { exitGracefullyOnSignals } from './graceful-exit';

it('shutdown stops a live run cleanly (stopped, not interrupted) before closing the database', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'eventflow-shutdown-'));
  const backend = openBackend({ dataDir, transport: 'websocket', runs: { workerFile: await buildRunWorkerForTests() } });
  const project = backend.store.projects.create('Checkout', checkoutTopology());
  const { runId } = (await backend.dispatch('runs.start', { projectId: project.id, scenario: { durationSec: 3600, seed: 3, snapshotIntervalMs: 1000 }, speed: 5 })) as { runId: number };
  for (let i = 0; i < 100 && backend.runs.repo.meta(runId).status !== 'running'; i++) await new Promise((r) => setTimeout(r, 50));
  expect(backend.runs.isLive(runId)).toBe(true);
  await backend.shutdown();
  await expect(backend.dispatch('projects.list', {})).rejects.toThrow();

  const store = openStore({ dataDir });
  try {
    const run = store.db.prepare('SELECT status FROM runs WHERE id = ?').get(runId) as Pick<RunDetail, 'status'>;
    expect(run.status).toBe('stopped');
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    store.close();
  }
});

describe('exitGracefullyOnSignals (the web host and the Electron main process share it)', () => {
  function harness(stop: () => Promise<void>) {
    const source = new EventEmitter();
    const exits: number[] = [];
    const timers: (() => void)[] = [];
    const lines: string[] = [];
    let stops = 0;
    const remove = exitGracefullyOnSignals({
      name: 'test host', log: (m) => lines.push(m), exit: (c) => exits.push(c), source,
      stop: () => { stops++; return stop(); }, setTimer: (fn) => void timers.push(fn),
    });
    return { source, exits, timers, lines, stops: () => stops, remove };
  }

  it('SIGTERM: stops once, then exits 0', async () => {
    const h = harness(() => Promise.resolve());
    h.source.emit('SIGTERM');
    await new Promise((r) => setImmediate(r));
    expect(h.stops()).toBe(1);
    expect(h.exits).toEqual([0]);
    expect(h.lines).toEqual(['test host: SIGTERM, closing']);
  });

  it('a failed or hanging stop still ends the process (1); a second signal ends it at once', async () => {
    const failing = harness(() => Promise.reject(new Error('disk gone')));
    failing.source.emit('SIGINT');
    await new Promise((r) => setImmediate(r));
    expect(failing.exits).toEqual([1]);
    expect(failing.lines.at(-1)).toMatch(/closing failed: disk gone/);

    const hanging = harness(() => new Promise(() => {}));
    hanging.source.emit('SIGTERM');
    hanging.source.emit('SIGTERM');
    expect(hanging.exits).toEqual([1]);
    expect(hanging.stops()).toBe(1);
    hanging.timers[0]!(); // the deadline
    expect(hanging.exits).toEqual([1, 1]);
    expect(hanging.lines.at(-1)).toMatch(/not closed after 12 s/);
    hanging.remove();
    expect(hanging.source.listenerCount('SIGTERM')).toBe(0);
  });
});

describe('the built web host on SIGTERM', () => {
  it('stops its live run (stopped, not running), checkpoints and closes SQLite, exits 0', async () => {
    // the host bundle finds run-worker.cjs next to itself, as in dist/main/
    const [hostFile] = await Promise.all([bundleForTests('host'), bundleForTests('run-worker')]);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'eventflow-sigterm-'));
    const child = spawn(process.execPath, [hostFile, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      // what tests/e2e/fixtures/host.ts waits for
      const url = await new Promise<URL>((resolve, reject) => {
        child.stdout.on('data', () => {
          const m = /^EventFlow Studio web host: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out);
          if (m) resolve(new URL(m[1]!));
        });
        void exited.then((code) => reject(new Error(`host exited (${code}) before its URL:\n${out}`)));
      });
      const ws = new WebSocket(`ws://${url.host}/api${url.search}`, { origin: url.origin });
      await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
      ws.on('error', () => {});
      let nextId = 0;
      const pending = new Map<number, (f: { ok: boolean; result?: unknown; error?: unknown }) => void>();
      ws.on('message', (d: Buffer) => {
        const f = JSON.parse(d.toString()) as { t?: string; id?: number; ok: boolean; result?: unknown };
        if (f.id !== undefined) pending.get(f.id)?.(f);
      });
      const call = async <T,>(method: string, input: unknown): Promise<T> => {
        const id = ++nextId;
        const f = await new Promise<{ ok: boolean; result?: unknown; error?: unknown }>((resolve) => {
          pending.set(id, resolve);
          ws.send(JSON.stringify({ t: 'req', id, method, input }));
        });
        if (!f.ok) throw new Error(`${method}: ${JSON.stringify(f.error)}`);
        return f.result as T;
      };
      const project = await call<{ id: string }>('projects.create', { name: 'Checkout', topology: checkoutTopology() });
      // real time x1 over an hour: it is certainly still running when the signal comes
      const { runId } = await call<{ runId: number }>('runs.start', { projectId: project.id, scenario: { durationSec: 3600, seed: 5, snapshotIntervalMs: 1000 }, speed: 1 });
      for (let i = 0; i < 200 && (await call<{ status: string }>('runs.get', { runId })).status !== 'running'; i++) await new Promise((r) => setTimeout(r, 50));
      expect((await call<{ status: string }>('runs.get', { runId })).status).toBe('running');

      child.kill('SIGTERM');
      expect(await exited, out).toBe(0);
      expect(out).toContain('eventflow web host: SIGTERM, closing');

      // the WAL was folded back into the database file
      const wal = path.join(dataDir, 'eventflow.sqlite-wal');
      expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
      const db = new Database(path.join(dataDir, 'eventflow.sqlite'), { readonly: true, fileMustExist: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const run = db.prepare('SELECT status FROM runs WHERE id = ?').get(runId) as { status: string };
        expect(run.status).toBe('stopped');
      } finally {
        db.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
