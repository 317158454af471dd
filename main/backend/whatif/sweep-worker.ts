/**
 * Entry of dist/main/whatif-worker.cjs: runs sweep jobs (cell × seed) with the pure runtime and
 * posts each cell's metrics back. No database: the pool's owner decides what to keep.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { runCell } from '../../../shared/whatif/cell-run';
import { cellCoords, cellInput, planSweep } from '../../../shared/whatif/sweep-plan';
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
      const run = runCell(cell, input.topology, input.scenario, seed, data.backlogThreshold);
      post({ t: 'done', run, wallMs: performance.now() - started });
    } catch (e) {
      post({ t: 'error', cell, seed, message: (e as Error).message });
    }
  });
  post({ t: 'ready' });
}

main();
