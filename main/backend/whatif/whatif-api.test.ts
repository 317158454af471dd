import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/define';
import type { WhatifPlan, WhatifProgress, WhatifSweep } from '../../../shared/api/whatif';
import { checkoutTemplate } from '../../../shared/model/templates';
import { openBackend } from '../index';
import type { OpenedBackend } from '../index';
import { buildSweepWorkerForTests } from './test-sweep-worker-bundle';

let dir: string;
let backend: OpenedBackend;
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ef-whatif-'));
  backend = openBackend({ dataDir: dir, transport: 'websocket', whatif: { workerFile: await buildSweepWorkerForTests() } });
});
afterEach(async () => {
  await backend.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const sweep = (axes: object[]): object => ({ topology: checkoutTemplate(), scenario: { durationSec: 60, seed: 1 }, axes, seeds: 2, workers: 2 });

describe('whatif api', () => {
  it('plans, refuses with the reasons, and lists parameters', async () => {
    const ok = (await backend.dispatch('whatif.plan', sweep([{ path: 'payment.instances', from: 1, to: 3, step: 1 }]))) as WhatifPlan;
    expect(ok).toMatchObject({ ok: true, cellCount: 3, runs: 6 });
    expect(ok.metrics).toContain('payment.p99');
    const bad = (await backend.dispatch('whatif.plan', sweep([{ path: 'payment.instances', values: [0, 1] }]))) as WhatifPlan;
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]).toMatch(/payment\.instances = 0 makes the topology invalid/);
    const e = await backend.dispatch('whatif.start', sweep([{ path: 'nope.x', values: [1] }])).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('refused');
    const params = (await backend.dispatch('whatif.parameters', { topology: checkoutTemplate() })) as { path: string; value: number }[];
    expect(params).toContainEqual({ path: 'payment.instances', nodeId: 'payment', value: 2 });
    expect(params).toContainEqual({ path: 'storefront.profile.ratePerSec', nodeId: 'storefront', value: 20 });
  });

  it('runs a sweep: progress events with cells as they complete, then the table', async () => {
    const { sweepId } = (await backend.dispatch('whatif.start', sweep([{ path: 'payment.instances', values: [1, 2] }]))) as { sweepId: string };
    const events: WhatifProgress[] = [];
    const stop = backend.subscribe('whatif.progress', { sweepId }, (e) => events.push(e as WhatifProgress));
    await backend.sweeps.whenDone(sweepId);
    stop();
    const s = (await backend.dispatch('whatif.get', { sweepId })) as WhatifSweep;
    expect(s.status).toBe('completed');
    expect(s.cells.map((c) => c.coords)).toEqual([[1], [2]]);
    expect(events.at(-1)).toMatchObject({ status: 'completed', done: 4, total: 4 });
    expect(events.filter((e) => e.cell !== undefined).map((e) => e.cell!.index).sort()).toEqual([0, 1]);
    const missing = await backend.dispatch('whatif.get', { sweepId: 'sw-999' }).catch((x: unknown) => x);
    expect((missing as ApiError).code).toBe('not-found');
  });

  it('cancels a running sweep', async () => {
    const { sweepId } = (await backend.dispatch('whatif.start', { ...sweep([{ path: 'payment.instances', from: 1, to: 8, step: 1 }]), scenario: { durationSec: 1800, seed: 1 } })) as { sweepId: string };
    expect(await backend.dispatch('whatif.cancel', { sweepId })).toEqual({ cancelled: true });
    await backend.sweeps.whenDone(sweepId);
    const s = (await backend.dispatch('whatif.get', { sweepId })) as WhatifSweep;
    expect(s.status).toBe('cancelled');
    expect(s.done).toBeLessThan(16);
  });
});
