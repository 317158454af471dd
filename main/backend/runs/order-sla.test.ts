import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunSettings } from '../../../shared/api/runs';
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

describe('the project order SLA', () => {
  it('defaults to 5 minutes and refuses an SLA that is not positive or longer than a week, naming the field', async () => {
    const s = await tb.call<RunSettings>('runs.settings', { projectId: tb.projectId });
    expect(s.orderSlaSec).toBe(300);
    for (const orderSlaSec of [0, -5, 604_801]) {
      await expect(tb.call('runs.setSettings', { projectId: tb.projectId, settings: { ...s, orderSlaSec } }))
        .rejects.toMatchObject({ code: 'invalid-input', issues: [expect.objectContaining({ path: expect.stringContaining('orderSlaSec') })] });
    }
    expect((await tb.call<RunSettings>('runs.settings', { projectId: tb.projectId })).orderSlaSec).toBe(300);
  });

  it("applies to the project's runs: an outage run stores the SLA used and counts unfulfilled and delayed orders", async () => {
    const s = await tb.call<RunSettings>('runs.settings', { projectId: tb.projectId });
    await tb.call('runs.setSettings', { projectId: tb.projectId, settings: { ...s, orderSlaSec: 30, retention: 'none' } });
    const faults = [{ kind: 'down', nodeId: 'payment', startSec: 10, endSec: 120 }];
    const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: { durationSec: 120, seed: 3, faults }, speed: 'max' });
    expect((await tb.waitStatus(runId, isTerminal)).status).toBe('completed');
    const run = await tb.call<RunDetail>('runs.get', { runId });
    expect(run.scenario.orderSlaSec).toBe(30);
    expect(run.kpis).toMatchObject({ fulfilmentMeasured: true, orderSlaMs: 30_000 });
    expect(run.kpis.ordersUnfulfilled).toBe(run.summary!.kpis.ordersUnfulfilled);
    expect(run.kpis.ordersUnfulfilled).toBeGreaterThan(1000);
    expect(run.kpis.ordersDelayed).toBeGreaterThan(0);
    expect(run.kpis.revenueAtRisk).toBeGreaterThan(0);
  });
});
