import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../api';
import { createSimulation } from '../simulation';
import { edge, producer, queue, service, topic, topology } from '../test-topologies';

const noRetry = { maxAttempts: 1, backoffMs: 0, multiplier: 1 };

describe('queue', () => {
  it('queue: a message failing every receive is dead-lettered after maxReceives (visibility timeout apart)', () => {
    const t = topology('dlq', [
      producer('p', { profile: { kind: 'replay', events: [{ atMs: 0, type: 'OrderPlaced', key: 'o1' }] } }),
      queue('q', { visibilityTimeoutMs: 1000, maxReceives: 3, deadLetterTarget: 'dlq' }),
      service('s', { processing: { kind: 'fixed', ms: 5 }, failurePct: 100, retry: noRetry }),
      queue('dlq', {}),
    ], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 's')]);
    const log: SimEvent[] = [];
    const s = createSimulation(t, { durationSec: 10, seed: 1, eventLog: 'all' }, { onEvent: (e) => log.push(e) }).runToEnd();
    expect(log.filter((e) => e.source === 's' && e.status === 'delivered').map((e) => e.time)).toEqual([0, 1000, 2000]);
    expect(log.filter((e) => e.status === 'dead-lettered').map((e) => [e.source, e.time])).toEqual([['q', 3000]]);
    expect(s.nodes.find((n) => n.id === 'q')!.deadLetters).toBe(1);
    expect(s.nodes.find((n) => n.id === 'dlq')!.in).toBe(1);
  });
});

describe('service retries', () => {
  it('retries: every attempt fails → maxAttempts errors, maxAttempts-1 retries, then the dead-letter target', () => {
    const t = topology('retry', [
      producer('p', { emits: ['OrderPlaced'], profile: { kind: 'constant', ratePerSec: 1 } }),
      topic('t', {}),
      service('s', { processing: { kind: 'fixed', ms: 10 }, failurePct: 100, retry: { maxAttempts: 4, backoffMs: 100, multiplier: 2 }, deadLetterTarget: 'dlq' }),
      queue('dlq', {}),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 's')]);
    const log: SimEvent[] = [];
    const s = createSimulation(t, { durationSec: 5.5, seed: 1, eventLog: 'all' }, { onEvent: (e) => log.push(e) }).runToEnd();
    const svc = s.nodes.find((n) => n.id === 's')!;
    // 5 messages (t = 1..5 s), the one at 5 s is still retrying at 5.5 s: 4 finished
    const first = log.filter((e) => e.id === log.find((x) => x.status === 'emitted')!.id);
    expect(first.filter((e) => e.status === 'failed').map((e) => e.time - first[0]!.time)).toEqual([10, 120, 330, 740]);
    expect(svc.deadLetters).toBe(4);
    expect(svc.errors).toBe(4 * 4 + 3);
    expect(svc.retries).toBe(4 * 3 + 3);
    expect(s.nodes.find((n) => n.id === 'dlq')!.in).toBe(4);
    expect(s.kpis.ordersLost).toBe(4);
  });
});
