/**
 * Disk size of a saved sweep: its definition, one sweep_cells row per cell and every cell × seed
 * as a run (summary, KPIs, metric series, ~60 snapshots, no event log), written by the pool's
 * workers into a real SQLite file, as the app and `eventflow sweep --save` do.
 *   node scripts/build.mjs --node-only && node dist/bench/whatif-disk.cjs [simMinutes] [seeds]
 * 64 cells of the checkout example (payment.instances 1..8 × storefront rate 10..80/s), 3 seeds,
 * 10 simulated minutes by default. Sizes are the database's pages in use after a WAL checkpoint,
 * against the same empty database measured first in this run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkoutTemplate } from '../shared/model/templates/checkout';
import { planSweep } from '../shared/whatif/sweep-plan';
import { defaultWorkerCount, runSweep } from '../main/backend/whatif/sweep-pool';
import { SweepStore } from '../main/backend/whatif/sweep-store';
import { openStore } from '../main/backend/store';
import type { Store } from '../main/backend/store';

const minutes = Number(process.argv[2] ?? 10);
const seeds = Number(process.argv[3] ?? 3);
const kb = (x: number): string => `${(x / 1024).toFixed(1)} KB`;

function usedBytes(store: Store): number {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = store.db.pragma('page_count', { simple: true }) as number;
  const free = store.db.pragma('freelist_count', { simple: true }) as number;
  return (pages - free) * (store.db.pragma('page_size', { simple: true }) as number);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ef-whatif-disk-'));
  const store = openStore({ dataDir: dir });
  try {
    const r = planSweep({
      topology: checkoutTemplate(), scenario: { durationSec: minutes * 60, seed: 1 }, seeds,
      axes: [{ path: 'payment.instances', from: 1, to: 8, step: 1 }, { path: 'storefront.profile.ratePerSec', from: 10, to: 80, step: 10 }],
    });
    if (!r.ok) throw new Error(r.issues.join('\n'));
    const plan = r.plan;
    const empty = usedBytes(store);
    const sweeps = new SweepStore(store.db);
    const rowId = sweeps.create(plan, 'disk bench', null);
    let done = 0;
    const table = await runSweep(plan, {
      workers: defaultWorkerCount(),
      record: { dbFile: store.databaseFile, sweepRowId: rowId, projectId: null, sweepName: 'disk bench' },
      onRun: (run, t) => {
        done++;
        if (t.complete(run.cell)) sweeps.saveCell(rowId, t.cell(run.cell)!, done);
      },
    });
    sweeps.end(rowId, 'completed', done, null);
    const total = usedBytes(store) - empty;
    const runs = (store.db.prepare('SELECT count(*) AS n FROM runs WHERE sweep_id = ?').get(rowId) as { n: number }).n;
    const cellRows = (store.db.prepare('SELECT sum(length(stats) + length(backlog) + length(coords)) AS b FROM sweep_cells WHERE sweep_id = ?').get(rowId) as { b: number }).b;
    const cells = table.cells().length;
    console.log(`whatif-disk: ${cells} cells × ${seeds} seeds (${runs} cell runs), ${minutes} simulated min each, checkout example`);
    console.log(`  database grew ${kb(total)} over the empty one (${kb(empty)}): ${kb(total / cells)} per cell, ${kb(total / runs)} per cell run`);
    console.log(`  of which the cells' figures (sweep_cells JSON): ${kb(cellRows)} total, ${kb(cellRows / cells)} per cell`);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
