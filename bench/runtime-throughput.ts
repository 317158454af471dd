/**
 * Virtual-time throughput of the runtime vs a plain discrete-event loop doing the same work.
 *   node scripts/build.mjs --node-only && node dist/bench/runtime-throughput.cjs [simSeconds]
 * Prints node deliveries per second (one event reaching one node counts once), the ratio to
 * the baseline measured in the same process, the heap scheduler's cost per event, and the
 * overhead of the RxJS/node-object graph per delivery.
 */
import { performance } from 'node:perf_hooks';
import { HeapScheduler } from '../shared/runtime/heap-scheduler';
import { Rng } from '../shared/runtime/prng';
import { createSimulation } from '../shared/runtime/simulation';
import { pipeline } from '../shared/runtime/test-topologies';
import { runBaseline } from './lib/baseline-loop';

const STAGES = 8;
const RATE = 800; // events/s into the pipeline
const MEAN_MS = 5; // per service: 8 slots, 8 partitions -> ~50% busy lanes
const simSec = Number(process.argv[2] ?? 600);
const now = (): number => performance.now();

function runtimeOnce(): { deliveries: number; messages: number; ms: number; executed: number } {
  const t = pipeline(STAGES, RATE, MEAN_MS);
  const sim = createSimulation(t, { durationSec: simSec, seed: 42, snapshotIntervalMs: 1000 }, { onSnapshot: () => undefined });
  const t0 = now();
  const s = sim.runToEnd();
  return { deliveries: s.deliveries, messages: s.messages, ms: now() - t0, executed: 0 };
}

/** heap cost alone: a hold model with ~the pipeline's pending-set size */
function schedulerCost(pending: number, n: number): number {
  const s = new HeapScheduler();
  const rng = new Rng(1);
  let left = n;
  const task = (): void => {
    if (--left > 0) s.at(s.now() + rng.exp(10), task, null);
  };
  for (let i = 0; i < pending; i++) s.at(rng.exp(10), task, null);
  const t0 = now();
  s.runUntil(Infinity);
  return ((now() - t0) * 1e6) / (n + pending);
}

const fmt = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

// warm-up (JIT) on a short run of each, then measure the best of 3
const measure = <T extends { ms: number }>(f: () => T): T => {
  let best: T | null = null;
  for (let i = 0; i < 3; i++) {
    const r = f();
    if (best === null || r.ms < best.ms) best = r;
  }
  return best!;
};
const rt = measure(runtimeOnce);
const bl = measure(() => runBaseline(STAGES, RATE, MEAN_MS, simSec, 42, now));
const rtRate = (rt.deliveries / rt.ms) * 1000;
const blRate = (bl.deliveries / bl.ms) * 1000;
const pending = 300;
const heapNs = schedulerCost(pending, 2_000_000);

console.log(`pipeline: producer -> topic -> ${STAGES} services chained by topics -> sink, ${RATE}/s for ${simSec} s simulated (metrics on, snapshots every 1 s)`);
console.log(`runtime  : ${fmt(rt.deliveries)} deliveries, ${fmt(rt.messages)} events in ${rt.ms.toFixed(0)} ms -> ${fmt(rtRate)} deliveries/s`);
console.log(`baseline : ${fmt(bl.deliveries)} deliveries, ${fmt(bl.messages)} events in ${bl.ms.toFixed(0)} ms -> ${fmt(blRate)} deliveries/s (plain heap loop)`);
console.log(`ratio    : runtime is ${(blRate / rtRate).toFixed(2)}x the baseline's time per delivery (target <= 2x)`);
console.log(`scheduler: ${heapNs.toFixed(0)} ns per schedule+run (hold model, ${pending} pending)`);
console.log(`overhead : ${((1e9 / rtRate) - (1e9 / blRate)).toFixed(0)} ns per delivery for the RxJS graph + node objects vs the plain loop (${(1e9 / rtRate).toFixed(0)} vs ${(1e9 / blRate).toFixed(0)} ns)`);
