import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventsPage, MetricSeries, RunControlResult, RunDetail, RunMeta, StateAt, TraceResult } from '../../../shared/api/runs';
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

const scenario = (durationSec: number, seed = 7) => ({ durationSec, seed, snapshotIntervalMs: 1000 });

describe('run lifecycle', () => {
  let runId: number;
  it('runs start -> completed in a worker and stores every event, metrics and a summary', async () => {
    ({ runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: scenario(120), speed: 'max' }));
    const end = await tb.waitStatus(runId, isTerminal);
    expect(end.status).toBe('completed');
    const run = await tb.call<RunDetail>('runs.get', { runId });
    expect(run.status).toBe('completed');
    expect(run.summary?.completed).toBe(true);
    expect(run.simulatedMs).toBe(120_000);
    expect(run.eventCount).toBeGreaterThan(1000);
    expect(run.kpis.orders).toBeGreaterThan(0);
    // every stored event comes back, in seq order, without gaps
    let after = -1;
    let n = 0;
    for (;;) {
      const page = await tb.call<EventsPage>('runs.events', { runId, afterSeq: after, limit: 1000 });
      for (const e of page.events) expect(e.seq).toBe(n++);
      after = page.nextAfterSeq;
      if (page.done) break;
    }
    expect(n).toBe(run.eventCount);
    const m = await tb.call<MetricSeries>('runs.metrics', { runId, nodeId: 'payment' });
    expect(m.timeMs.length).toBe(120);
    expect(tb.backend.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('pages with filters (keyset, no duplicates) and returns whole causal traces with payloads', async () => {
    const seen = new Set<number>();
    let after = -1;
    let orders = 0;
    for (;;) {
      const page = await tb.call<EventsPage>('runs.events', { runId, types: ['OrderPlaced'], statuses: ['emitted'], afterSeq: after, limit: 50 });
      for (const e of page.events) {
        expect(e.type).toBe('OrderPlaced');
        expect(e.status).toBe('emitted');
        expect(e.seq).toBeGreaterThan(after);
        expect(seen.has(e.seq)).toBe(false);
        seen.add(e.seq);
        orders++;
      }
      after = page.nextAfterSeq;
      if (page.done) break;
    }
    const run = await tb.call<RunMeta>('runs.get', { runId });
    expect(orders).toBeGreaterThan(1000);
    // node + key + time filters
    const byNode = await tb.call<EventsPage>('runs.events', { runId, nodeId: 'payment-gateway', limit: 20 });
    expect(byNode.events.length).toBe(20);
    for (const e of byNode.events) expect([e.source, e.target]).toContain('payment-gateway');
    const one = byNode.events[0]!;
    const byKey = await tb.call<EventsPage>('runs.events', { runId, key: one.key, limit: 1000 });
    expect(byKey.events.length).toBeGreaterThan(1);
    for (const e of byKey.events) expect(e.key).toBe(one.key);
    const window = await tb.call<EventsPage>('runs.events', { runId, fromMs: 30_000, toMs: 31_000, limit: 1000 });
    expect(window.events.length).toBeGreaterThan(0);
    for (const e of window.events) expect(e.timeMs >= 30_000 && e.timeMs <= 31_000).toBe(true);
    const trace = await tb.call<TraceResult>('runs.trace', { runId, correlationId: one.correlationId });
    expect(trace.events.length).toBeGreaterThan(3);
    expect(trace.events.every((e) => e.correlationId === one.correlationId)).toBe(true);
    const root = trace.events.find((e) => e.id === one.correlationId && e.status === 'emitted');
    expect(root?.type).toBe('OrderPlaced');
    expect(root?.payload?.['orderId']).toBeDefined();
    expect(trace.events.every((e) => e.payload !== null)).toBe(true);
    expect(run.eventCount).toBeGreaterThan(orders);
  });

  it('stateAt returns the stored snapshot at or before a time', async () => {
    const s = await tb.call<StateAt>('runs.stateAt', { runId, timeMs: 45_500 });
    expect(s.snapshot?.timeMs).toBe(45_000);
    expect(s.snapshot?.nodes.find((n) => n.id === 'payment')).toBeDefined();
  });
});

describe('pause, resume, step, stop', () => {
  it('a real-time run pauses (clock stops), resumes, and stops consistent', async () => {
    const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: scenario(3600), speed: 20 });
    await tb.waitStatus(runId, (s) => s === 'running');
    await new Promise((r) => setTimeout(r, 400));
    const p = await tb.call<RunControlResult>('runs.pause', { runId });
    expect(p.status).toBe('paused');
    await new Promise((r) => setTimeout(r, 300));
    const p2 = await tb.call<RunControlResult>('runs.step', { runId, simMs: 500 });
    expect(p2.simMs).toBeCloseTo(p.simMs + 500, 0);
    const r = await tb.call<RunControlResult>('runs.resume', { runId });
    expect(r.status).toBe('running');
    await tb.call('runs.setSpeed', { runId, speed: 'max' });
    await new Promise((res) => setTimeout(res, 300));
    const s = await tb.call<RunControlResult>('runs.stop', { runId });
    expect(s.status).toBe('stopped');
    const run = await tb.call<RunDetail>('runs.get', { runId });
    expect(run.status).toBe('stopped');
    expect(run.summary).not.toBeNull();
    expect(run.simulatedMs).toBeGreaterThan(p2.simMs);
    // blocks are contiguous: the stored count is exactly what pages return
    const row = tb.backend.store.db.prepare('SELECT count(*) AS blocks, sum(n) AS n, max(last_seq) AS last FROM run_event_blocks WHERE run_id = ?').get(runId) as { n: number; last: number };
    expect(row.n).toBe(run.eventCount);
    expect(row.last).toBe(run.eventCount - 1);
    await expect(tb.call('runs.pause', { runId })).rejects.toMatchObject({ code: 'conflict' });
  });
});
