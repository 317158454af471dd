/**
 * Entry of dist/main/whatif-worker.cjs: runs sweep jobs (cell × seed) with the pure runtime and
 * posts each cell's metrics back. No database: the pool's owner decides what to keep.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { cellSnapshotIntervalMs, runCell } from '../../../shared/whatif/cell-run';
import { Scenario } from '../../../shared/runtime/api';
import { cellCoords, cellInput, planSweep } from '../../../shared/whatif/sweep-plan';
import { CellRecorder, KEPT_SNAPSHOTS, openWorkerConnection } from './cell-recorder';
import { SweepWorkerData, ToSweepWorker } from './sweep-protocol';
import type { FromSweepWorker } from './sweep-protocol';

function main(): void {
  const port = parentPort;
  if (port === null) throw new Error('whatif-worker must run in a worker thread');
  const post = (m: FromSweepWorker): void => port.postMessage(m);
  const data = SweepWorkerData.parse(workerData);
  // the parent already checked every cell
  const planned = planSweep(data.definition, { checkCells: false });
  if (!planned.ok) throw new Error(`sweep worker: invalid sweep: ${planned.issues.join('; ')}`);
  const plan = planned.plan;
  const rec = data.record;
  const recorder = rec === undefined ? null : new CellRecorder(openWorkerConnection(rec.dbFile, rec.nativeBinding), rec);
  // a cell run samples up to 300 snapshots (cell-run.ts); its stored run keeps about KEPT_SNAPSHOTS
  const durMs = Number(Scenario.parse({ ...plan.scenario, seed: 0 }).durationSec) * 1000;
  const every = Math.max(1, Math.round(durMs / cellSnapshotIntervalMs(durMs / 1000) / KEPT_SNAPSHOTS));
  port.on('message', (raw: unknown) => {
    const m = ToSweepWorker.safeParse(raw);
    if (!m.success) {
      post({ t: 'error', cell: -1, seed: -1, message: `invalid job: ${m.error.message}` });
      return;
    }
    const { cell, seed } = m.data;
    const started = performance.now();
    try {
      if (cell >= plan.cellCount) throw new RangeError(`no such cell: the sweep has ${plan.cellCount}`);
      const input = cellInput(plan, cellCoords(plan, cell));
      if (!input.ok) throw new RangeError(input.reason);
      const coords = cellCoords(plan, cell);
      const label = `cell ${cell + 1}: ${plan.axes.map((a, i) => `${a.param.path}=${coords[i]}`).join(', ')}`;
      const obs = recorder?.observe(cell, label, input.topology, every);
      const run = runCell(cell, input.topology, input.scenario, seed, data.backlogThreshold, obs);
      const runId = obs?.saved();
      post({ t: 'done', run: runId === undefined ? run : { ...run, runId }, wallMs: performance.now() - started });
    } catch (e) {
      post({ t: 'error', cell, seed, message: (e as Error).message });
    }
  });
  post({ t: 'ready' });
}

main();
