import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PruneResult, StorageUsage } from '../../../shared/api/storage';
import { createBackend } from '../api';
import { openStore } from '../store';
import type { Store } from '../store';
import { DEFAULT_BUDGET_BYTES, budgetOf, enforceBudget, pruneRuns, storageUsage } from './storage';
import { checkoutTopology, isTerminal, openTestBackend } from './test-support';
import type { TestBackend } from './test-support';
import { buildRunWorkerForTests } from './test-worker-bundle';

let tb: TestBackend;
const ids: number[] = [];

/** A finished checkout run with every event stored. */
async function loggedRun(durationSec: number, seed: number): Promise<number> {
  const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: { durationSec, seed }, speed: 'max' });
  expect((await tb.waitStatus(runId, isTerminal, 120_000)).status).toBe('completed');
  return runId;
}

beforeAll(async () => {
  tb = openTestBackend(await buildRunWorkerForTests());
  await tb.call('runs.setSettings', { projectId: tb.projectId, settings: { retention: 'all', eventCap: 10_000_000 } });
  for (const seed of [1, 2, 3]) ids.push(await loggedRun(120, seed));
}, 180_000);
afterAll(async () => {
  await tb?.close();
  if (tb) rmSync(tb.dataDir, { recursive: true, force: true });
});

describe('the data folder size budget', () => {
  it('reports what takes the space, per run, against a default budget', async () => {
    const u = await tb.call<StorageUsage>('storage.usage', {});
    expect(u.budgetBytes).toBe(DEFAULT_BUDGET_BYTES);
    expect(u.runs.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const r of u.runs) expect(r.eventBytes).toBeGreaterThan(10_000);
    expect(u.eventBytes).toBe(u.runs.reduce((s, r) => s + r.eventBytes, 0));
    expect(u.databaseBytes).toBeGreaterThan(u.eventBytes * 0.5);
  });

  it('over budget: the oldest finished runs lose their event logs first; summaries, KPIs and series stay', async () => {
    const db = tb.backend.runs.repo.db;
    const before = storageUsage(db);
    const newest = before.runs.find((r) => r.id === ids[2])!;
    const r = enforceBudget(db, () => false, newest.eventBytes + 1);
    expect(r.eventsPruned).toEqual([ids[0], ids[1]]);
    const after = storageUsage(db);
    expect(after.eventBytes).toBe(newest.eventBytes);
    for (const id of [ids[0]!, ids[1]!]) {
      const detail = tb.backend.runs.repo.detail(id);
      expect(detail.summary?.kpis.orders).toBeGreaterThan(1000);
      expect((await tb.call<{ timeMs: number[] }>('runs.metrics', { runId: id, nodeId: 'payment' })).timeMs.length).toBeGreaterThan(100);
      expect((await tb.call<{ events: unknown[] }>('runs.events', { runId: id, limit: 10 })).events).toEqual([]);
      expect(after.runs.find((x) => x.id === id)?.eventsPrunedAt).not.toBeNull();
    }
    expect((await tb.call<{ events: unknown[] }>('runs.events', { runId: ids[2], limit: 10 })).events).toHaveLength(10);
    // the freed pages go back to the OS (the app's reclaim job: incremental vacuum, in a worker)
    const pagesBefore = db.pragma('page_count', { simple: true }) as number;
    await tb.backend.runs.reclaim();
    const returned = (pagesBefore - (db.pragma('page_count', { simple: true }) as number)) * (db.pragma('page_size', { simple: true }) as number);
    expect(returned).toBeGreaterThan(0.5 * r.bytesFreed);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('the budget is kept in the database and refused below 16 MiB', async () => {
    await expect(tb.call('storage.setBudget', { bytes: 1024 })).rejects.toMatchObject({ code: 'invalid-input' });
    const u = await tb.call<StorageUsage>('storage.setBudget', { bytes: 64 * 1024 ** 2 });
    expect(u.budgetBytes).toBe(64 * 1024 ** 2);
    expect(budgetOf(tb.backend.runs.repo.db)).toBe(64 * 1024 ** 2);
  });

  it('prune --keep deletes whole runs beyond the newest N; a live run is never touched', async () => {
    const db = tb.backend.runs.repo.db;
    expect(() => pruneRuns(db, () => false, {})).toThrow(/--keep/);
    const dry = pruneRuns(db, (id) => id === ids[0], { keep: 5 });
    expect(dry.runsDeleted).toEqual([]);
    const r = await tb.call<PruneResult>('storage.prune', { keep: 1 });
    expect(r.runsDeleted.sort()).toEqual([ids[0], ids[1]].sort());
    expect(storageUsage(db).runs.map((x) => x.id)).toEqual([ids[2]]);
  });
});

describe('a full disk', () => {
  let dir: string;
  let store: Store;
  afterAll(() => {
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ends the run as failed with a clear message, keeps what was recorded, leaves the database intact', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'eventflow-full-'));
    store = openStore({ dataDir: dir });
    // SQLite's own ceiling on the file: past it every write answers SQLITE_FULL, as a full disk does
    const ceiling = (store.db.pragma('page_count', { simple: true }) as number) * (store.db.pragma('page_size', { simple: true }) as number) + 3 * 1024 ** 2;
    const backend = createBackend(store, { transport: 'ipc', runs: { workerFile: await buildRunWorkerForTests(), maxDatabaseBytes: ceiling } });
    const project = store.projects.create('Full', checkoutTopology());
    await backend.dispatch('runs.setSettings', { projectId: project.id, settings: { retention: 'all', eventCap: 100_000_000 } });
    const { runId } = (await backend.dispatch('runs.start', { projectId: project.id, scenario: { durationSec: 3600, seed: 5 }, speed: 'max' })) as { runId: number };
    const ended = await new Promise<string>((resolve) => {
      const sub = backend.runs.hub.on('runs.status', (e) => {
        if (e.runId === runId && isTerminal(e.status)) {
          sub.dispose();
          resolve(e.status);
        }
      });
    });
    expect(ended).toBe('failed');
    const meta = backend.runs.repo.meta(runId);
    expect(meta.status).toBe('failed');
    expect(meta.error).toContain('the disk is full');
    expect(meta.error).toContain('what it recorded until now is kept');
    expect(meta.simulatedMs).toBeGreaterThan(0);
    expect(meta.simulatedMs).toBeLessThan(3_600_000);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    await backend.runs.dispose();
  }, 120_000);
});
