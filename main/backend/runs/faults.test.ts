import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MetricSeries, RunControlResult, RunDetail, StateAt } from '../../../shared/api/runs';
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

it('Payment taken down live: its backlog grows while the others keep going, then drains after it is back; the fault is recorded', async () => {
  const { runId } = await tb.call<{ runId: number }>('runs.start', {
    projectId: tb.projectId, scenario: { durationSec: 240, seed: 3, snapshotIntervalMs: 1000 }, speed: 'max', startPaused: true,
  });
  await tb.waitStatus(runId, (s) => s === 'paused');
  await tb.call<RunControlResult>('runs.step', { runId, simMs: 60_000 });
  const { faultId, simMs } = await tb.call<{ faultId: number; simMs: number }>('runs.injectFault', { runId, fault: { kind: 'down', nodeId: 'payment' } });
  expect(simMs).toBe(60_000);
  await tb.call('runs.step', { runId, simMs: 60_000 });
  const ended = await tb.call<{ ended: boolean; simMs: number }>('runs.endFault', { runId, faultId });
  expect(ended).toEqual({ ended: true, simMs: 120_000 });
  await tb.call('runs.resume', { runId });
  expect((await tb.waitStatus(runId, isTerminal)).status).toBe('completed');

  const lagAt = (m: MetricSeries, t: number): number => m.consumerLag[m.timeMs.indexOf(t)]! + m.queueDepth[m.timeMs.indexOf(t)]!;
  const payment = await tb.call<MetricSeries>('runs.metrics', { runId, nodeId: 'payment' });
  const inventory = await tb.call<MetricSeries>('runs.metrics', { runId, nodeId: 'inventory' });
  const before = lagAt(payment, 59_000);
  const during = lagAt(payment, 119_000);
  const after = lagAt(payment, 239_000);
  expect(during).toBeGreaterThan(500); // ~20 orders/s for 60 s wait for Payment
  expect(during).toBeGreaterThan(10 * (before + 1));
  expect(after).toBeLessThan(during / 10); // drained
  expect(payment.states[payment.timeMs.indexOf(90_000)]).toBe('down');
  // the others keep going
  expect(lagAt(inventory, 119_000)).toBeLessThan(50);
  expect(inventory.throughputPerSec[inventory.timeMs.indexOf(90_000)]!).toBeGreaterThan(10);

  const run = await tb.call<RunDetail>('runs.get', { runId });
  const f = run.faults.find((x) => x.id === faultId)!;
  expect(f).toMatchObject({ source: 'live', injectedSimMs: 60_000, endedSimMs: 120_000, fault: { kind: 'down', nodeId: 'payment', startSec: 60 } });
  expect(f.injectedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  const s = await tb.call<StateAt>('runs.stateAt', { runId, timeMs: 90_000 });
  expect(s.activeFaults.map((x) => x.id)).toEqual([faultId]);
  expect(s.snapshot?.nodes.find((n) => n.id === 'payment')?.state).toBe('down');
  expect((await tb.call<StateAt>('runs.stateAt', { runId, timeMs: 150_000 })).activeFaults).toEqual([]);
});

it('refuses a fault on an unknown node and a run of a topology with lint errors', async () => {
  const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: { durationSec: 60, seed: 1 }, speed: 'max', startPaused: true });
  await tb.waitStatus(runId, (s) => s === 'paused');
  await expect(tb.call('runs.injectFault', { runId, fault: { kind: 'down', nodeId: 'nope' } })).rejects.toMatchObject({ code: 'invalid-input' });
  await tb.call('runs.stop', { runId });
  const project = tb.backend.store.projects.open(tb.projectId);
  // Payment with one slot cannot keep up with 20 orders/s (80 ms + a 150 ms gateway call each):
  // an overload is a warning, and the run goes, to show how it backs up
  const overloaded = {
    ...project.topology,
    nodes: project.topology.nodes.map((n) => (n.id === 'payment' && n.kind === 'service' ? { ...n, settings: { ...n.settings, instances: 1, concurrency: 1 } } : n)),
  };
  const over = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: { durationSec: 60, seed: 1 }, topology: overloaded, speed: 'max' });
  expect((await tb.waitStatus(over.runId, isTerminal)).status).toBe('completed');
  // Payment republishing every OrderPlaced it handles onto orders: a runaway loop cannot execute
  const runaway = {
    ...project.topology,
    nodes: project.topology.nodes.map((n) => (n.id === 'payment' && n.kind === 'service' ? { ...n, settings: { ...n.settings, emitsOnSuccess: [...n.settings.emitsOnSuccess, 'OrderPlaced'] } } : n)),
    edges: [...project.topology.edges, { id: 'e-loop', kind: 'publish' as const, source: 'payment', target: 'orders', eventTypes: ['OrderPlaced'] }],
  };
  const err = await tb.call('runs.start', { projectId: tb.projectId, scenario: { durationSec: 60, seed: 1 }, topology: runaway }).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'refused' });
  expect((err as Error).message).toMatch(/orders: Events loop through "orders", "Payment" .*\[runaway-feedback-loop\]/);
  expect((err as { issues: { path: string }[] }).issues[0]?.path).toBe('orders');
});
