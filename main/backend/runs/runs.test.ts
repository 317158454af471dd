import BetterSqlite3 from 'better-sqlite3';
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

describe('history', () => {
  it('retention per project: a cap truncates the stored log, sampled keeps whole traces, none keeps metrics only', async () => {
    const run = async (settings: object) => {
      await tb.call('runs.setSettings', { projectId: tb.projectId, settings });
      const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: scenario(60), speed: 'max' });
      await tb.waitStatus(runId, isTerminal);
      return tb.call<RunDetail>('runs.get', { runId });
    };
    const capped = await run({ retention: 'all', eventCap: 1000 });
    expect(capped).toMatchObject({ eventCount: 1000, eventsTruncated: true, retention: 'all', status: 'completed' });
    const sampled = await run({ retention: 'sampled', sampleRate: 0.1 });
    expect(sampled.eventCount).toBeGreaterThan(0);
    const page = await tb.call<EventsPage>('runs.events', { runId: sampled.id, statuses: ['emitted'], types: ['OrderPlaced'], limit: 5 });
    const trace = await tb.call<TraceResult>('runs.trace', { runId: sampled.id, correlationId: page.events[0]!.correlationId });
    expect(trace.events.some((e) => e.type !== 'OrderPlaced')).toBe(true);
    const none = await run({ retention: 'none' });
    expect(none.eventCount).toBe(0);
    expect((await tb.call<MetricSeries>('runs.metrics', { runId: none.id })).timeMs).toHaveLength(60);
    expect(await tb.call('runs.settings', { projectId: tb.projectId })).toEqual({ retention: 'none', eventCap: 5_000_000, sampleRate: 0.05, orderSlaSec: 300 });
    await tb.call('runs.setSettings', { projectId: tb.projectId, settings: {} });
  });

  it('lists by project sorted by a KPI, renames, annotates and deletes (rows gone)', async () => {
    const list = await tb.call<RunMeta[]>('runs.list', { projectId: tb.projectId, sortBy: 'orders', order: 'asc' });
    expect(list.length).toBeGreaterThan(2);
    for (let i = 1; i < list.length; i++) expect(list[i]!.kpis.orders).toBeGreaterThanOrEqual(list[i - 1]!.kpis.orders);
    const id = list[0]!.id;
    expect((await tb.call<RunMeta>('runs.rename', { runId: id, name: 'baseline' })).name).toBe('baseline');
    await tb.call('runs.annotate', { runId: id, text: 'payment outage here', atMs: 30_000 });
    expect((await tb.call<RunDetail>('runs.get', { runId: id })).annotations).toMatchObject([{ text: 'payment outage here', atMs: 30_000 }]);
    expect(await tb.call('runs.delete', { runId: id })).toEqual({ deleted: true });
    await expect(tb.call('runs.get', { runId: id })).rejects.toMatchObject({ code: 'not-found' });
    for (const t of ['run_event_blocks', 'run_metrics', 'run_snapshots', 'run_annotations']) {
      expect((tb.backend.store.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE run_id = ?`).get(id) as { n: number }).n).toBe(0);
    }
    await tb.backend.runs.reclaim();
    // a fresh connection sees the file switched to incremental auto-vacuum (open ones cache the old mode)
    const fresh = new BetterSqlite3(tb.backend.store.databaseFile, { readonly: true });
    expect(fresh.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(fresh.pragma('freelist_count', { simple: true })).toBe(0);
    fresh.close();
    expect(tb.backend.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('live streams', () => {
  it('runs.snapshot is throttled (~30/s), runs.events.sampled bounded (≤ 10 per message), runs.status reports the lifecycle', async () => {
    const statuses: string[] = [];
    const stopStatus = tb.backend.subscribe('runs.status', { projectId: tb.projectId }, (e) => statuses.push((e as { status: string }).status));
    const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: { durationSec: 36_000, seed: 2, snapshotIntervalMs: 100 }, speed: 'max' });
    const snaps: number[] = [];
    const sampled: number[] = [];
    const t0 = performance.now();
    const stopSnap = tb.backend.subscribe('runs.snapshot', { runId }, (e) => snaps.push((e as { snapshot: { timeMs: number } }).snapshot.timeMs));
    const stopSampled = tb.backend.subscribe('runs.events.sampled', { runId }, (e) => sampled.push((e as { events: unknown[] }).events.length));
    await new Promise((r) => setTimeout(r, 1500));
    await tb.call('runs.stop', { runId });
    const wallSec = (performance.now() - t0) / 1000;
    stopSnap();
    stopSampled();
    stopStatus();
    expect(snaps.length).toBeGreaterThan(3);
    // thousands of simulated snapshots happened; at most ~30 per wall second reached the stream
    expect(snaps.length).toBeLessThan(40 * wallSec + 5);
    for (let i = 1; i < snaps.length; i++) expect(snaps[i]!).toBeGreaterThanOrEqual(snaps[i - 1]!);
    expect(Math.max(...sampled)).toBeLessThanOrEqual(10);
    expect(sampled.reduce((a, b) => a + b, 0)).toBeLessThan(400 * wallSec + 20);
    expect(statuses).toEqual(['idle', 'running', 'stopped']);
  });
});
