import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunDetail } from '../../../shared/api/runs';
import { buildRunWorkerForTests } from './test-worker-bundle';
import { isTerminal, openTestBackend } from './test-support';
import type { TestBackend } from './test-support';

let tb: TestBackend;
beforeAll(async () => {
  tb = openTestBackend(await buildRunWorkerForTests());
});
afterAll(async () => {
  await tb?.close();
});

it('a scheduled fault with "pause when it starts": the max-speed run stops exactly at its start, with the fault on its timeline', async () => {
  const faults = [{ kind: 'down', nodeId: 'payment', startSec: 60, endSec: 180 }];
  const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: { durationSec: 300, seed: 4, faults }, speed: 'max', pauseAtSec: [60] });
  const paused = await tb.waitStatus(runId, (s) => s === 'paused', 60_000);
  expect(paused.simMs).toBe(60_000);
  await expect.poll(() => tb.backend.runs.repo.meta(runId).status).toBe('paused'); // the writer thread commits it
  await tb.call('runs.resume', { runId });
  expect((await tb.waitStatus(runId, isTerminal)).status).toBe('completed');
  const detail = await tb.call<RunDetail>('runs.get', { runId });
  expect(detail.faults).toEqual([expect.objectContaining({ fault: expect.objectContaining({ kind: 'down', nodeId: 'payment', startSec: 60, endSec: 180 }) })]);
});

it('a live fault scheduled ahead with pauseOnStart pauses the run when it begins (real-time pacing)', async () => {
  const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: { durationSec: 600, seed: 4 }, speed: 1000, startPaused: true });
  await tb.waitStatus(runId, (s) => s === 'paused');
  await tb.call('runs.step', { runId, simMs: 10_000 });
  const r = await tb.call<{ faultId: number; simMs: number }>('runs.injectFault', { runId, fault: { kind: 'down', nodeId: 'payment', startSec: 40, endSec: 100 }, pauseOnStart: true });
  expect(r.simMs).toBe(10_000);
  await tb.call('runs.resume', { runId });
  const paused = await tb.waitStatus(runId, (s) => s === 'paused', 60_000);
  expect(paused.simMs).toBe(40_000);
  await tb.call('runs.stop', { runId });
});
