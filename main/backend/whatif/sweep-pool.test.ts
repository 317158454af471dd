import { describe, expect, it } from 'vitest';
import { checkoutTemplate } from '../../../shared/model/templates/checkout';
import { parseGoal } from '../../../shared/whatif/goal-seek';
import { seekGoalInGrid } from '../../../shared/whatif/goal-seek-grid';
import { planSweep } from '../../../shared/whatif/sweep-plan';
import type { SweepPlan } from '../../../shared/whatif/sweep-plan';
import { runSweepHere } from '../../../shared/whatif/sweep-table';
import { SweepCancelled, SweepPool, runSweep, sweepJobs } from './sweep-pool';
import type { SweepProgress } from './sweep-pool';
import { buildSweepWorkerForTests } from './test-sweep-worker-bundle';

function plan(): SweepPlan {
  const r = planSweep({
    topology: checkoutTemplate(), scenario: { durationSec: 60, seed: 11 }, seeds: 2,
    axes: [{ path: 'payment.instances', values: [1, 2] }, { path: 'storefront.profile.ratePerSec', values: [20, 60] }],
  });
  if (!r.ok) throw new Error(r.issues.join('\n'));
  return r.plan;
}

describe('SweepPool', () => {
  it('is deterministic by seed: 1 worker, 2 workers and this thread give the same table', async () => {
    const workerFile = await buildSweepWorkerForTests();
    const p = plan();
    const progress: SweepProgress[] = [];
    const one = await runSweep(p, { workers: 1, workerFile });
    const two = await runSweep(p, { workers: 2, workerFile, onProgress: (x) => progress.push(x) });
    const here = runSweepHere(p);
    expect(two.cells()).toEqual(one.cells());
    expect(two.cells()).toEqual(here.cells());
    expect(one.cells()).toHaveLength(4);
    // the cells differ: the parameters reached the runs
    const c = one.cells();
    expect(c[0]!.stats['storefront.throughput']!.mean).toBeLessThan(c[1]!.stats['storefront.throughput']!.mean);
    expect(progress.at(-1)).toMatchObject({ done: 8, total: 8, workers: 2 });
    expect(progress.at(-1)!.etaMs).toBe(0);
    expect(progress.map((x) => x.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('schedules the dearest cells first (by producer rate), seeds of a cell together', () => {
    const p = plan();
    // cells: 0 = (1, 20/s), 1 = (1, 60/s), 2 = (2, 20/s), 3 = (2, 60/s)
    expect(sweepJobs(p).map((j) => `${j.cell}:${j.seed}`)).toEqual(['1:11', '1:12', '3:11', '3:12', '0:11', '0:12', '2:11', '2:12']);
    expect(sweepJobs(p, [2, 3]).map((j) => j.cell)).toEqual([3, 3, 2, 2]);
  });

  it('cancels: the run rejects with SweepCancelled and no job reports after it', async () => {
    const workerFile = await buildSweepWorkerForTests();
    const p = plan();
    const pool = await SweepPool.start(p, { workers: 2, workerFile });
    const ac = new AbortController();
    let after = 0;
    const runs = pool.run(sweepJobs(p), {
      onRun: () => {
        if (ac.signal.aborted) after++;
        ac.abort();
      },
      signal: ac.signal,
    });
    await expect(runs).rejects.toBeInstanceOf(SweepCancelled);
    expect(after).toBe(0);
    await expect(pool.run(sweepJobs(p))).rejects.toThrow(/closed/);
  });

  it('reports a failing job with its cell and seed', async () => {
    const workerFile = await buildSweepWorkerForTests();
    const p = plan();
    const pool = await SweepPool.start(p, { workers: 1, workerFile });
    await expect(pool.run([{ cell: 99, seed: 1 }])).rejects.toThrow(/cell 99, seed 1/);
  });

  it('runs a goal seek on the pool: the answer and its failing neighbour', async () => {
    const workerFile = await buildSweepWorkerForTests();
    const r = planSweep({ topology: checkoutTemplate(), scenario: { durationSec: 120, seed: 1 }, seeds: 2, axes: [{ path: 'payment.instances', from: 1, to: 8, step: 1 }] });
    if (!r.ok) throw new Error(r.issues.join());
    const p = r.plan;
    // payment at 1 instance: 8 slots of ~230 ms (80 ms + the gateway call) ≈ 35/s for 20 orders/s
    const goal = parseGoal('min payment.instances where payment.utilisation < 0.3');
    if (!goal.ok) throw new Error(goal.reason);
    const pool = await SweepPool.start(p, { workers: 2, workerFile });
    try {
      const [a] = await seekGoalInGrid(p, goal.value, async (cell) => (await pool.run(sweepJobs(p, [cell]))).sort((x, y) => x.seed - y.seed).map((x) => x.metrics));
      expect(a!.answer.answer).not.toBeNull();
      const ans = a!.answer;
      expect(ans.meeting!.stats['payment.utilisation']!.max).toBeLessThan(0.3);
      expect(ans.failing!.value).toBe(ans.answer! - 1);
      expect(ans.failing!.stats['payment.utilisation']!.max).toBeGreaterThanOrEqual(0.3);
    } finally {
      await pool.close();
    }
  });
});
