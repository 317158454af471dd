import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { EventsPage, RunDetail } from '../../../shared/api/runs';
import { createBackend } from '../api';
import { openStore } from '../store';
import { buildRunWorkerForTests } from './test-worker-bundle';

const here = path.dirname(fileURLToPath(import.meta.url));

it('a backend SIGKILLed mid-run loses nothing committed; the run shows interrupted; integrity_check ok', async () => {
  const workerFile = await buildRunWorkerForTests();
  const childFile = path.join(path.dirname(workerFile), 'crash-child.cjs');
  await build({
    entryPoints: [path.join(here, 'crash-child.ts')], outfile: childFile, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    external: ['better-sqlite3', 'esbuild'], logLevel: 'warning',
    define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'eventflow-crash-'));
  const child = spawn(process.execPath, [childFile, dataDir, workerFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const runId = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const m = /run (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
  // watch from another connection (as the CLI would) until a good part of the run is committed
  const watcher = openStore({ dataDir });
  let committed = 0;
  for (let i = 0; i < 600 && committed < 200_000; i++) {
    await new Promise((r) => setTimeout(r, 100));
    committed = (watcher.db.prepare('SELECT event_count FROM runs WHERE id = ?').get(runId) as { event_count: number }).event_count;
  }
  expect(committed).toBeGreaterThan(0);
  expect((watcher.db.prepare('SELECT status FROM runs WHERE id = ?').get(runId) as { status: string }).status).toBe('running');
  watcher.close();
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));

  // the next backend start finds it
  const store = openStore({ dataDir });
  const backend = createBackend(store, { transport: 'ipc', runs: { workerFile } });
  try {
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const run = (await backend.dispatch('runs.get', { runId })) as RunDetail;
    expect(run.status).toBe('interrupted');
    expect(run.endedAt).not.toBeNull();
    expect(run.eventCount).toBeGreaterThanOrEqual(committed);
    // what the runs row says was committed is exactly what the blocks hold (same transactions)
    const blocks = store.db.prepare('SELECT sum(n) AS n, max(last_seq) AS last FROM run_event_blocks WHERE run_id = ?').get(runId) as { n: number; last: number };
    expect(blocks.n).toBe(run.eventCount);
    expect(blocks.last).toBe(run.eventCount - 1);
    const last = (await backend.dispatch('runs.events', { runId, afterSeq: run.eventCount - 10, limit: 100 })) as EventsPage;
    expect(last.events.map((e) => e.seq)).toEqual([...Array(9).keys()].map((i) => run.eventCount - 9 + i));
    const series = (await backend.dispatch('runs.metrics', { runId })) as { timeMs: number[] };
    expect(series.timeMs.length).toBeGreaterThan(0);
  } finally {
    await backend.runs.dispose();
    store.close();
  }
});
