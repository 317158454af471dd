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

/** starts a sweep or a goal seek, records its progress events until it ends, returns the saved sweep */
async function runToEnd(method: 'whatif.start' | 'whatif.find', input: object): Promise<{ s: WhatifSweep; events: WhatifProgress[] }> {
  const { sweepId } = (await backend.dispatch(method, input)) as { sweepId: string };
  const events: WhatifProgress[] = [];
  const stop = backend.subscribe('whatif.progress', { sweepId }, (e) => events.push(e as WhatifProgress));
  await backend.sweeps.whenDone(sweepId);
  stop();
  return { s: (await backend.dispatch('whatif.get', { sweepId })) as WhatifSweep, events };
}

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
    const { s, events } = await runToEnd('whatif.start', sweep([{ path: 'payment.instances', values: [1, 2] }]));
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

describe('whatif.find (goal seek in the app)', () => {
  const goal = (conditions: object[], direction = 'min'): object => ({ ...sweep([{ path: 'payment.instances', from: 1, to: 8, step: 1 }]), goal: { direction, path: 'payment.instances', conditions } });

  it('bisects over the axis on the pool, streams the cells it evaluates, saves the answer with its evidence', async () => {
    // the checkout template's payment at 20 orders/s needs more than one instance to keep up
    const { s, events } = await runToEnd('whatif.find', goal([{ metric: 'payment.utilisation', op: '<', value: 0.5 }]));
    const sweepId = s.sweepId;
    expect(s.status).toBe('completed');
    const a = s.goal!.answers![0]!;
    expect(s.goal!.text).toBe('min payment.instances where payment.utilisation < 0.5');
    expect(a.answer).not.toBeNull();
    // the evidence: the answer's cell meets it on every seed, its neighbour below does not
    const meeting = s.cells.find((c) => c.index === a.meetingCell)!;
    const failing = s.cells.find((c) => c.index === a.failingCell)!;
    expect(meeting.coords[0]).toBe(a.answer);
    expect(failing.coords[0]).toBe(a.answer! - 1);
    expect(meeting.stats['payment.utilisation']!.max).toBeLessThan(0.5);
    expect(failing.stats['payment.utilisation']!.max).toBeGreaterThanOrEqual(0.5);
    expect(meeting.runIds).toHaveLength(2);
    // bisection: fewer cells than the grid, each streamed as it completed
    expect(s.cells.length).toBeLessThan(8);
    expect(s.cells.length).toBe(a.probeCells.length);
    expect(events.filter((e) => e.cell !== undefined)).toHaveLength(s.cells.length);
    expect(events.at(-1)).toMatchObject({ status: 'completed', done: s.cells.length * 2, total: s.cells.length * 2 });
    expect(events.at(-1)!.goal!.answers![0]!.answer).toBe(a.answer);
    const listed = (await backend.dispatch('whatif.list', {})) as { sweepId: string; goalText?: string }[];
    expect(listed.find((m) => m.sweepId === sweepId)!.goalText).toBe(s.goal!.text);
    // saved without a project: listed by projectId null (the panel's "no project"), not under a project
    expect(((await backend.dispatch('whatif.list', { projectId: null })) as { sweepId: string }[]).map((m) => m.sweepId)).toEqual([sweepId]);
    expect(await backend.dispatch('whatif.list', { projectId: 'p-none' })).toEqual([]);
  });

  it('says so when no value in the range meets it, and refuses unknown metrics and a goal on an axis not varied', async () => {
    const { sweepId } = (await backend.dispatch('whatif.find', goal([{ metric: 'payment.utilisation', op: '<', value: 0 }]))) as { sweepId: string };
    await backend.sweeps.whenDone(sweepId);
    const s = (await backend.dispatch('whatif.get', { sweepId })) as WhatifSweep;
    expect(s.goal!.answers![0]).toMatchObject({ answer: null, meetingCell: null, failingCell: 7 });
    expect(s.goal!.answers![0]!.note).toMatch(/not met even at the largest candidate, payment.instances = 8/);
    const unknown = await backend.dispatch('whatif.find', goal([{ metric: 'payment.p999', op: '<', value: 1 }])).catch((x: unknown) => x);
    expect((unknown as ApiError).code).toBe('refused');
    expect((unknown as ApiError).message).toMatch(/unknown metric "payment.p999"/);
    const notVaried = await backend.dispatch('whatif.find', { ...(goal([{ metric: 'ordersLost', op: '=', value: 0 }]) as object), goal: { path: 'inventory.instances', conditions: [{ metric: 'ordersLost', op: '=', value: 0 }] } }).catch((x: unknown) => x);
    expect((notVaried as ApiError).message).toMatch(/inventory.instances is not varied/);
  });
});
