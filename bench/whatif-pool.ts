/**
 * The sweep worker pool: cells/s with 1 worker and with one per core, and the speed-up.
 *   node scripts/build.mjs --node-only && node --expose-gc dist/bench/whatif-pool.cjs [simMinutes] [memoryCells]
 * 64 cells of the checkout example (payment.instances 1..8 × storefront rate 10..80/s), one seed,
 * 10 simulated minutes each. The load average is printed before and after: on a shared machine
 * other processes take cores and the speed-up falls with them. Then main-thread memory after a
 * 64-cell and a 256-cell grid (1 simulated minute per cell): a cell keeps a metrics record, not a run.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { checkoutTemplate } from '../shared/model/templates/checkout';
import { planSweep } from '../shared/whatif/sweep-plan';
import type { SweepPlan } from '../shared/whatif/sweep-plan';
import { defaultWorkerCount, runSweep } from '../main/backend/whatif/sweep-pool';

const minutes = Number(process.argv[2] ?? 10);
const memoryCells = Number(process.argv[3] ?? 256);
const gc = (globalThis as { gc?: () => void }).gc;
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
const mb = (x: number): string => `${(x / 1048576).toFixed(1)} MB`;

function plan(rates: number, durationSec: number): SweepPlan {
  const r = planSweep({
    topology: checkoutTemplate(), scenario: { durationSec, seed: 1 }, seeds: 1,
    axes: [{ path: 'payment.instances', from: 1, to: 8, step: 1 }, { path: 'storefront.profile.ratePerSec', from: 10, to: rates * 10, step: 10 }],
  });
  if (!r.ok) throw new Error(r.issues.join('\n'));
  return r.plan;
}

/** `cores` = CPU seconds this process (worker threads included) got per wall second: what the OS gave it */
async function timed(p: SweepPlan, workers: number): Promise<{ cellsPerSec: number; seconds: number; messages: number; cores: number }> {
  let messages = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await runSweep(p, { workers, onRun: (r) => { messages += r.messages; } });
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { cellsPerSec: p.cellCount / seconds, seconds, messages, cores: (c.user + c.system) / 1e6 / seconds };
}

async function main(): Promise<void> {
  const cores = defaultWorkerCount();
  const grid = plan(8, minutes * 60);
  console.log(`whatif-pool: ${grid.cellCount} cells of the checkout example, ${minutes} simulated min each; ${cores} cores; load average before: ${load()}`);
  const one = await timed(grid, 1);
  console.log(`  1 worker : ${one.cellsPerSec.toFixed(2)} cells/s (${one.seconds.toFixed(1)} s, ${(one.messages / one.seconds / 1e3).toFixed(0)}k events/s, ${one.cores.toFixed(2)} cores obtained); load average ${load()}`);
  const all = await timed(grid, cores);
  console.log(`  ${cores} workers: ${all.cellsPerSec.toFixed(2)} cells/s (${all.seconds.toFixed(1)} s, ${(all.messages / all.seconds / 1e3).toFixed(0)}k events/s, ${all.cores.toFixed(2)} cores obtained); load average ${load()}`);
  console.log(`  speed-up ${(all.cellsPerSec / one.cellsPerSec).toFixed(2)}× on ${cores} workers (target ≥ 1.7× on 2 idle cores); per core obtained ${((all.cellsPerSec / all.cores) / (one.cellsPerSec / one.cores)).toFixed(2)}× the single worker's cells/s per core`);

  if (memoryCells > 0) {
    for (const rates of [8, memoryCells / 8]) {
      const p = plan(rates, 60);
      await runSweep(p, { workers: cores });
      gc?.();
      const m = process.memoryUsage();
      console.log(`  memory after ${p.cellCount} cells (1 simulated min each): main-thread heap ${mb(m.heapUsed)}, rss ${mb(m.rss)}${gc ? '' : ' (run with --expose-gc for exact heap figures)'}`);
    }
  }
}

void main();
