import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation';
import { edge, producer, service, topic, topology } from '../test-topologies';

describe('topic', () => {
  it('topic fan-out: every consumer group gets every event; members of one group share them', () => {
    const t = topology('fanout', [
      producer('p', { emits: ['OrderPlaced'], profile: { kind: 'constant', ratePerSec: 10 } }),
      topic('t', { partitions: 4 }),
      service('a', { processing: { kind: 'fixed', ms: 1 } }),
      service('b', { processing: { kind: 'fixed', ms: 1 } }),
      service('g1', { processing: { kind: 'fixed', ms: 1 }, consumerGroup: 'g' }),
      service('g2', { processing: { kind: 'fixed', ms: 1 }, consumerGroup: 'g' }),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 'a'), edge('subscribe', 't', 'b'), edge('subscribe', 't', 'g1'), edge('subscribe', 't', 'g2')]);
    const s = createSimulation(t, { durationSec: 10.05, seed: 1 }).runToEnd();
    const by = (id: string) => s.nodes.find((n) => n.id === id)!;
    expect(by('p').out).toBe(100);
    expect(by('a').out).toBe(100);
    expect(by('b').out).toBe(100);
    expect(by('g1').out + by('g2').out).toBe(100);
    expect(by('g1').out).toBeGreaterThan(0);
    expect(by('g2').out).toBeGreaterThan(0);
  });

  it('partition ordering: events with the same key are processed in publish order despite 8 parallel slots', () => {
    const events = Array.from({ length: 200 }, (_, i) => ({ atMs: i * 2, type: 'OrderPlaced', key: `k${i % 5}` }));
    const t = topology('order', [
      producer('p', { profile: { kind: 'replay', events } }),
      topic('t', { partitions: 4 }),
      service('s', { instances: 1, concurrency: 8, processing: { kind: 'uniform', minMs: 1, maxMs: 50 } }),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 's')]);
    const processed = new Map<string, number[]>();
    createSimulation(t, { durationSec: 100, seed: 9, eventLog: 'all' }, {
      onEvent: (e) => {
        if (e.status === 'processed' && e.source === 's') processed.set(e.key, [...(processed.get(e.key) ?? []), e.id]);
      },
    }).runToEnd();
    expect([...processed.values()].reduce((n, l) => n + l.length, 0)).toBe(200);
    for (const ids of processed.values()) expect(ids).toEqual([...ids].sort((x, y) => x - y));
  });

  it('outage window: work queues while the service is down, then drains without loss', () => {
    const t = topology('outage', [
      producer('p', { emits: ['OrderPlaced'], profile: { kind: 'constant', ratePerSec: 10 } }),
      topic('t', { partitions: 1 }),
      service('s', { instances: 1, concurrency: 1, processing: { kind: 'fixed', ms: 20 }, outages: [{ startSec: 10, endSec: 20 }] }),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 's')]);
    // the backlog is the topic's depth and the service's lag: the same messages, counted once each
    const lag: [number, number, number][] = [];
    const s = createSimulation(t, { durationSec: 40.05, seed: 1, snapshotIntervalMs: 5000 }, {
      onSnapshot: (m) => lag.push([m.timeMs, m.nodes.find((n) => n.id === 't')!.queueDepth, m.nodes.find((n) => n.id === 's')!.consumerLag]),
    }).runToEnd();
    const svc = s.nodes.find((n) => n.id === 's')!;
    expect(lag.map(([ms, , l]) => [ms, l])).toEqual([[5000, 0], [10000, 0], [15000, 50], [20000, 99], [25000, 0], [30000, 0], [35000, 0], [40000, 0]]);
    expect(lag.every(([, d, l]) => d === l)).toBe(true);
    // at 20 s the wake-up (scheduled at 10 s) runs before the snapshot: one already taken
    expect(s.nodes.find((n) => n.id === 't')!.queueDepthPeak).toBe(100);
    expect(svc.queueDepthPeak).toBe(0);
    expect(svc.out).toBe(400);
    expect(svc.drops + svc.errors).toBe(0);
    expect(svc.latency.maxMs).toBeGreaterThan(9_900);
  });
});
