import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { RunDetail } from '../../shared/api/runs';
import { openBackend, openStore } from '.';
import { checkoutTopology } from './runs/test-support';
import { buildRunWorkerForTests } from './runs/test-worker-bundle';

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
