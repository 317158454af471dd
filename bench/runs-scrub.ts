/**
 * Scrubbing a stored multi-million-event run.
 *   node scripts/build.mjs --node-only && node dist/bench/runs-scrub.cjs [millionEvents=5]
 * Records a checkout run with every event kept (in a run worker, as the app does) until it holds
 * about N million events, then times, through the api dispatcher (validation included):
 *   runs.stateAt at 50 random times (target < 200 ms each), runs.events pages from random times,
 *   filtered pages, and causal traces. Baseline in the same run: one PRAGMA quick_check-free
 *   primary-key lookup (SELECT of one runs row) — the floor of any call.
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { EventsPage, RunMeta, StateAt } from '../shared/api/runs';
import { isTerminal, openTestBackend } from '../main/backend/runs/test-support';
import { resolveRunWorkerFile } from '../main/backend/runs/worker-file';

const millions = Number(process.argv[2] ?? 5);
/** the checkout example makes ~487 events per simulated second */
const simSec = Math.ceil((millions * 1_000_000) / 487);

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, max ${s[s.length - 1]!.toFixed(2)} ms (n=${s.length})`;
}

async function main(): Promise<void> {
  const tb = openTestBackend(resolveRunWorkerFile());
  await tb.call('runs.setSettings', { projectId: tb.projectId, settings: { retention: 'all', eventCap: 100_000_000 } });
  const t0 = performance.now();
  const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: { durationSec: simSec, seed: 1 }, speed: 'max' });
  await tb.waitStatus(runId, isTerminal, 3_600_000);
  const meta = await tb.call<RunMeta>('runs.get', { runId });
  console.log(`runs-scrub: stored run #${runId}: ${meta.eventCount.toLocaleString('en-US')} events, ${simSec} simulated s, recorded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const db = tb.backend.store.db;
  const blocks = db.prepare('SELECT count(*) AS n, sum(length(cols)) AS bytes FROM run_event_blocks WHERE run_id = ?').get(runId) as { n: number; bytes: number | null };
  const fileBytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  console.log(`stored: ${blocks.n} blocks, ${((blocks.bytes ?? 0) / 1e6).toFixed(1)} MB of compressed event columns (${((blocks.bytes ?? 0) / meta.eventCount).toFixed(1)} bytes an event); database file ${(fileBytes / 1e6).toFixed(0)} MB`);

  const rnd = (): number => Math.random() * simSec * 1000;
  const time = async (f: () => Promise<unknown>): Promise<number> => {
    const s = performance.now();
    await f();
    return performance.now() - s;
  };
  const floor: number[] = [];
  const stateAt: number[] = [];
  const pages: number[] = [];
  const filtered: number[] = [];
  const traces: number[] = [];
  for (let i = 0; i < 50; i++) {
    floor.push(await time(() => tb.call('runs.rename', { runId, name: `bench ${i}` })));
    const t = rnd();
    stateAt.push(await time(async () => {
      const s = await tb.call<StateAt>('runs.stateAt', { runId, timeMs: t });
      if (s.snapshot === null) throw new Error('no snapshot');
    }));
    let page: EventsPage | null = null;
    pages.push(await time(async () => {
      page = await tb.call<EventsPage>('runs.events', { runId, fromMs: t, limit: 200 });
    }));
    filtered.push(await time(() => tb.call('runs.events', { runId, fromMs: t, types: ['PaymentFailed'], nodeId: 'payment', limit: 100 })));
    const corr = (page as EventsPage | null)?.events[0]?.correlationId;
    if (corr !== undefined) traces.push(await time(() => tb.call('runs.trace', { runId, correlationId: corr })));
  }
  console.log(`floor (runs.rename, one row)   ${stats(floor)}`);
  console.log(`runs.stateAt at random times   ${stats(stateAt)}   target < 200 ms`);
  console.log(`runs.events page of 200 @time  ${stats(pages)}`);
  console.log(`runs.events type+node filter   ${stats(filtered)}`);
  console.log(`runs.trace (whole order trace) ${stats(traces)}`);
  console.log(`ratio stateAt median / floor median: ${(stateAt.sort((a, b) => a - b)[25]! / floor.sort((a, b) => a - b)[25]!).toFixed(1)}x`);
  await tb.close();
  rmSync(tb.dataDir, { recursive: true, force: true });
}

void main();
