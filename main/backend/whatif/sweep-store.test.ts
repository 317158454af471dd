/**
 * Saved sweeps against a real SQLite file: every cell × seed is a run (summary, KPIs, series, no
 * event log), grouped under the sweep; the sweep reopens after the backend restarts; delete takes
 * its runs; a pruned cell run drops out of the cell but the table stays.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunDetail, RunMeta } from '../../../shared/api/runs';
import type { WhatifSweep, WhatifSweepMeta } from '../../../shared/api/whatif';
import { checkoutTemplate } from '../../../shared/model/templates';
import { openBackend } from '../index';
import type { OpenedBackend } from '../index';
import { buildSweepWorkerForTests } from './test-sweep-worker-bundle';

let dir: string;
let backend: OpenedBackend;
let workerFile: string;
const open = (): OpenedBackend => openBackend({ dataDir: dir, transport: 'websocket', whatif: { workerFile } });

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ef-sweep-store-'));
  workerFile = await buildSweepWorkerForTests();
  backend = open();
});
afterEach(async () => {
  await backend.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

async function sweep(projectId: string): Promise<WhatifSweep> {
  const { sweepId } = (await backend.dispatch('whatif.start', {
    projectId, name: 'sizing', topology: checkoutTemplate(), scenario: { durationSec: 60, seed: 5 }, seeds: 2, workers: 2,
    axes: [{ path: 'payment.instances', values: [1, 3] }, { path: 'storefront.profile.ratePerSec', values: [20, 60] }],
  })) as { sweepId: string };
  await backend.sweeps.whenDone(sweepId);
  return (await backend.dispatch('whatif.get', { sweepId })) as WhatifSweep;
}

describe('saved sweeps', () => {
  it('keeps each cell × seed as a run under the sweep, reopens after a restart, deletes with its runs', async () => {
    const project = (await backend.dispatch('projects.create', { name: 'p', topology: checkoutTemplate() })) as { id: string };
    const s = await sweep(project.id);
    expect(s.status).toBe('completed');
    expect(s.cells).toHaveLength(4);
    for (const c of s.cells) expect(c.runIds).toHaveLength(2);
    const ids = s.cells.flatMap((c) => c.runIds);
    expect(new Set(ids).size).toBe(8);

    // a cell's run is an ordinary run: its topology has the cell's value, its seed, a summary and series, no events
    const cell = s.cells.find((c) => c.coords[0] === 3 && c.coords[1] === 60)!;
    const run = (await backend.dispatch('runs.get', { runId: cell.runIds[1] })) as RunDetail;
    expect(run.status).toBe('completed');
    expect(run.projectId).toBe(project.id);
    expect(run.seed).toBe(6);
    expect(run.eventCount).toBe(0);
    expect(run.retention).toBe('none');
    const payment = run.topology.nodes.find((n) => n.id === 'payment')!;
    expect(payment.kind === 'service' && payment.settings.instances).toBe(3);
    // the cell's figures are made of these runs: its orders range over the two seeds' counts
    const o = cell.stats.orders!;
    expect(run.summary!.kpis.orders).toBeGreaterThanOrEqual(o.min);
    expect(run.summary!.kpis.orders).toBeLessThanOrEqual(o.max);
    expect(run.summary!.kpis.orders).toBeGreaterThan(0);
    const series = (await backend.dispatch('runs.metrics', { runId: run.id, nodeId: 'payment' })) as { points: unknown[] } | unknown[];
    expect(JSON.stringify(series).length).toBeGreaterThan(100);
    const state = (await backend.dispatch('runs.stateAt', { runId: run.id, timeMs: 30_000 })) as { snapshot: unknown };
    expect(state.snapshot).not.toBeNull();
    // two cells compare like any two runs
    const other = s.cells.find((c) => c.coords[0] === 1 && c.coords[1] === 60)!;
    const cmp = (await backend.dispatch('runs.compare', { a: other.runIds[0], b: cell.runIds[0] })) as { topology: unknown };
    expect(JSON.stringify(cmp.topology)).toContain('instances');

    // History lists runs one by one; a sweep's cells are not among them
    const history = (await backend.dispatch('runs.list', { projectId: project.id })) as RunMeta[];
    expect(history).toHaveLength(0);

    // restart: the sweep, its table and its runs are there
    await backend.shutdown();
    backend = open();
    const list = (await backend.dispatch('whatif.list', { projectId: project.id })) as WhatifSweepMeta[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ sweepId: s.sweepId, name: 'sizing', status: 'completed', done: 8, total: 8, cellCount: 4, seeds: 2, durationSec: 60 });
    expect(list[0]!.axisTexts).toEqual(['payment.instances=1,3', 'storefront.profile.ratePerSec=20,60']);
    const again = (await backend.dispatch('whatif.get', { sweepId: s.sweepId })) as WhatifSweep;
    expect(again.cells).toEqual(s.cells);
    expect(again.scenario).toMatchObject({ durationSec: 60, seed: 5 });

    // a pruned cell run drops out of its cell; the cell's figures stay
    await backend.dispatch('storage.prune', { runIds: [cell.runIds[0]] });
    const pruned = (await backend.dispatch('whatif.get', { sweepId: s.sweepId })) as WhatifSweep;
    const pc = pruned.cells.find((c) => c.index === cell.index)!;
    expect(pc.runIds).toEqual([cell.runIds[1]]);
    expect(pc.stats).toEqual(cell.stats);

    // delete: the sweep and every one of its runs
    expect(await backend.dispatch('whatif.delete', { sweepId: s.sweepId })).toEqual({ deleted: true });
    expect(await backend.dispatch('whatif.list', {})).toEqual([]);
    const left = backend.store.db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number };
    expect(left.n).toBe(0);
    const gone = await backend.dispatch('whatif.get', { sweepId: s.sweepId }).catch((e: unknown) => e);
    expect((gone as { code: string }).code).toBe('not-found');
    expect(backend.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a sweep left running by a process that ended reads interrupted, with the cells it had', async () => {
    await backend.shutdown();
    // the next start sees a 'running' sweep whose owner is gone
    backend = openBackend({ dataDir: dir, transport: 'websocket', whatif: { workerFile } });
    const db = backend.store.db;
    db.prepare(`INSERT INTO sweeps (project_id, name, status, definition, axes, seeds, retention, total, owner_pid, created_at)
      VALUES (NULL, 'old', 'running', '{"name":"","topology":{},"scenario":{"durationSec":60},"axes":[{"path":"a.b","values":[1]}],"seeds":1}', '[]', '[1]', 'none', 1, 999999999, '2026-01-01T00:00:00Z')`).run();
    await backend.shutdown();
    backend = open();
    const list = (await backend.dispatch('whatif.list', {})) as WhatifSweepMeta[];
    expect(list[0]!.status).toBe('interrupted');
  });
});
