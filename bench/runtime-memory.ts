/**
 * Memory of a long virtual-time run with metrics only (no event log kept).
 *   node scripts/build.mjs --node-only && node --expose-gc dist/bench/runtime-memory.cjs [millionEvents]
 * Runs a pipeline until 10M events were created, sampling RSS and heap as it goes; prints
 * the peak and the growth between the second half's start and the end (should be ~0).
 */
import { createSimulation } from '../shared/runtime/simulation';
import { pipeline } from '../shared/runtime/test-topologies';

const target = Number(process.argv[2] ?? 10) * 1_000_000;
const STAGES = 2;
const RATE = 1000;
// each arrival creates STAGES + 1 events
const durationSec = Math.ceil(target / ((STAGES + 1) * RATE)) + 1;
const sim = createSimulation(pipeline(STAGES, RATE, 5), { durationSec, seed: 1, snapshotIntervalMs: 1000, eventLog: 'none' }, { onSnapshot: () => undefined });
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (x: number): string => `${(x / 1048576).toFixed(0)} MB`;
const samples: { events: number; rss: number; heap: number }[] = [];
const t0 = Date.now();
const slice = durationSec * 1000 / 20;
while (!sim.done) {
  sim.runUntil(sim.now + slice);
  gc?.();
  const m = process.memoryUsage();
  const events = sim.snapshot().messages;
  samples.push({ events, rss: m.rss, heap: m.heapUsed });
  console.log(`${(events / 1e6).toFixed(1).padStart(5)}M events  rss ${mb(m.rss).padStart(7)}  heap ${mb(m.heapUsed).padStart(7)}`);
}
const peak = Math.max(...samples.map((s) => s.rss));
const mid = samples[Math.floor(samples.length / 2)]!;
const last = samples[samples.length - 1]!;
console.log(`${(last.events / 1e6).toFixed(1)}M events in ${((Date.now() - t0) / 1000).toFixed(1)} s; peak RSS ${mb(peak)} (target < 300 MB); heap growth over the second half ${mb(last.heap - mid.heap)}${gc ? '' : ' (run with --expose-gc for exact heap figures)'}`);
