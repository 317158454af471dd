import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot, NodeMetrics } from '../../shared/runtime/api';
import { SeriesRing, SYSTEM, rowsFromMetricSeries } from './series';
import { SLOW_APPLY_MS, createRunsStore } from './store';

const node = (id: string, kind: NodeMetrics['kind'], patch: Partial<NodeMetrics> = {}): NodeMetrics => ({
  id, kind, name: id, in: 0, out: 0, throughputPerSec: 0, queueDepth: 0, queueDepthPeak: 0, consumerLag: 0, inFlight: 0, utilisation: 0,
  latency: { count: 0, meanMs: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 }, errors: 0, retries: 0, deadLetters: 0, drops: 0, duplicates: 0, state: 'healthy', ...patch,
});
const snap = (timeMs: number, nodes: NodeMetrics[]): MetricsSnapshot => ({
  timeMs, intervalMs: 1000, nodes, edges: [], flows: [], messages: 0, deliveries: 0,
  kpis: { sessions: 0, checkouts: 0, orders: 0, conversionRate: 0, revenue: 0, currency: 'USD', ordersLost: 0, cartsAbandoned: 0, recoveredCarts: 0, checkoutLatencyP99Ms: 0,
    fulfilmentSteps: [], ordersFulfilled: 0, ordersUnfulfilled: 0, revenueAtRisk: 0, ordersFailed: 0, fulfilmentP50Ms: 0, fulfilmentP99Ms: 0, orderSlaMs: 300_000, ordersDelayed: 0 },
});

describe('SeriesRing', () => {
  it('keeps the newest rows, oldest first, once full', () => {
    const r = new SeriesRing(3);
    for (let i = 1; i <= 5; i++) r.push({ t: i, throughput: i * 10, p50: 0, p95: 0, p99: 0, queueDepth: 0, errors: 0 });
    expect(r.length).toBe(3);
    expect(r.columns(['t', 'throughput'])).toEqual([[3, 4, 5], [30, 40, 50]]);
    expect(r.last('t')).toBe(5);
  });
  it('refuses a capacity that cannot hold a line', () => {
    expect(() => new SeriesRing(1)).toThrow(/capacity/);
  });
});

describe('runs store', () => {
  it('applies at most one snapshot per frame but records every one in the series', () => {
    const frames: (() => void)[] = [];
    const store = createRunsStore({ schedule: (cb) => frames.push(cb) });
    store.set({ runId: 7 });
    store.pushSnapshot(7, snap(1000, [node('payment', 'service', { consumerLag: 3 })]));
    store.pushSnapshot(7, snap(2000, [node('payment', 'service', { consumerLag: 9 })]));
    expect(frames).toHaveLength(1);
    expect(store.state.getState().snapshot).toBeUndefined();
    frames[0]();
    expect(store.state.getState().nodes.get('payment')?.consumerLag).toBe(9);
    expect(store.series('payment').columns(['t'])).toEqual([[1, 2]]);
  });
  it('applies snapshots to React state at most every minApplyMs, the latest one winning', () => {
    const frames: (() => void)[] = [];
    let t = 1000;
    const store = createRunsStore({ schedule: (cb) => frames.push(cb), minApplyMs: 50, now: () => t });
    store.set({ runId: 1 });
    const runFrame = () => frames.splice(0, frames.length).forEach((f) => f());
    store.pushSnapshot(1, snap(1000, [node('x', 'topic', { queueDepth: 1 })]));
    runFrame();
    expect(store.state.getState().nodes.get('x')?.queueDepth).toBe(1);
    t += 16;
    store.pushSnapshot(1, snap(2000, [node('x', 'topic', { queueDepth: 2 })]));
    store.pushSnapshot(1, snap(3000, [node('x', 'topic', { queueDepth: 3 })]));
    runFrame();
    expect(store.state.getState().nodes.get('x')?.queueDepth).toBe(1);
    t += 40;
    runFrame();
    expect(store.state.getState().nodes.get('x')?.queueDepth).toBe(3);
    expect(store.series('x').length).toBe(3);
  });
  it('refreshes React state at most every SLOW_APPLY_MS while slowApplies is on, and catches up when it is off', () => {
    const frames: (() => void)[] = [];
    let t = 1000;
    const store = createRunsStore({ schedule: (cb) => frames.push(cb), minApplyMs: 50, now: () => t });
    store.set({ runId: 1 });
    const runFrame = () => frames.splice(0, frames.length).forEach((f) => f());
    const depth = () => store.state.getState().nodes.get('x')?.queueDepth;
    store.pushSnapshot(1, snap(1000, [node('x', 'topic', { queueDepth: 1 })]));
    runFrame();
    store.slowApplies(true);
    t += 100;
    store.pushSnapshot(1, snap(2000, [node('x', 'topic', { queueDepth: 2 })]));
    runFrame();
    // past minApplyMs but within SLOW_APPLY_MS: held
    expect(depth()).toBe(1);
    t += SLOW_APPLY_MS - 100;
    runFrame();
    expect(depth()).toBe(2);
    t += 60;
    store.pushSnapshot(1, snap(3000, [node('x', 'topic', { queueDepth: 3 })]));
    runFrame();
    expect(depth()).toBe(2);
    store.slowApplies(false);
    runFrame();
    expect(depth()).toBe(3);
    // series still get every snapshot
    expect(store.series('x').length).toBe(3);
  });
  it('ignores snapshots of another run and turns cumulative errors into per-interval counts', () => {
    const store = createRunsStore({ schedule: (cb) => cb() });
    store.set({ runId: 1 });
    store.pushSnapshot(2, snap(1000, [node('x', 'service', { errors: 5 })]));
    expect(store.state.getState().snapshot).toBeUndefined();
    store.pushSnapshot(1, snap(1000, [node('x', 'service', { errors: 5 })]));
    store.pushSnapshot(1, snap(2000, [node('x', 'service', { errors: 8 })]));
    expect(store.series('x').columns(['errors'])).toEqual([[5, 3]]);
    expect(store.series(SYSTEM).columns(['errors'])).toEqual([[5, 3]]);
  });
  it('bounds the queue of sampled events for animation', () => {
    const store = createRunsStore({ schedule: () => {} });
    store.set({ runId: 1 });
    const ev = { seq: 0, id: 0, type: 'OrderPlaced', timeMs: 0, key: 'o', correlationId: 0, source: 'a', target: 'b', status: 'published' as const };
    for (let i = 0; i < 5; i++) store.pushEvents(1, Array.from({ length: 1000 }, (_, k) => ({ ...ev, seq: i * 1000 + k })));
    const drained = store.drainEvents();
    expect(drained.length).toBeLessThanOrEqual(2000);
    expect(drained[drained.length - 1].seq).toBe(4999);
    expect(store.drainEvents()).toEqual([]);
  });
  it('replay ignores live snapshots; reset forgets the series', () => {
    const store = createRunsStore({ schedule: (cb) => cb() });
    store.set({ runId: 1, mode: 'replay' });
    store.pushSnapshot(1, snap(1000, [node('x', 'topic')]));
    expect(store.state.getState().snapshot).toBeUndefined();
    store.loadSeries(SYSTEM, { nodeId: null, timeMs: [0, 1000], throughputPerSec: [1, 2], queueDepth: [0, 4], consumerLag: [0, 0], inFlight: [0, 0], utilisation: [0, 0], p50Ms: [1, 1], p95Ms: [2, 2], p99Ms: [3, 3], errors: [2, 2], retries: [0, 0], deadLetters: [0, 0], drops: [0, 0], states: ['healthy', 'healthy'], orders: [0, 1], revenue: [0, 9], ordersLost: [0, 0] });
    expect(store.series(SYSTEM).columns(['t', 'queueDepth', 'errors'])).toEqual([[0, 1], [0, 4], [2, 0]]);
    store.reset();
    expect(store.series(SYSTEM).length).toBe(0);
    expect(store.state.getState().mode).toBe('live');
  });
});

describe('rowsFromMetricSeries', () => {
  it('keeps per-interval errors that go up and down as they are', () => {
    const rows = rowsFromMetricSeries({ timeMs: [0, 1000, 2000], throughputPerSec: [0, 0, 0], p50Ms: [0, 0, 0], p95Ms: [0, 0, 0], p99Ms: [0, 0, 0], queueDepth: [0, 0, 0], errors: [3, 1, 2] });
    expect(rows.map((r) => r.errors)).toEqual([3, 1, 2]);
  });
});
