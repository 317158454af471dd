import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot, SimEvent } from '../api';
import { createSimulation } from '../simulation';
import { edge, producer, queue, service, sink, topic, topology } from '../test-topologies';

const one = (type = 'OrderPlaced') => ({ kind: 'replay' as const, events: [{ atMs: 0, type, key: 'o1' }] });

describe('services and sinks', () => {
  it('a synchronous call chain blocks the caller and adds the callees’ latency (a monolith)', () => {
    const t = topology('monolith', [
      producer('p', { profile: one() }),
      queue('q'),
      service('checkout', { instances: 1, concurrency: 1, processing: { kind: 'fixed', ms: 10 } }),
      service('inventory', { processing: { kind: 'fixed', ms: 30 } }),
      sink('gateway', { latency: { kind: 'fixed', ms: 200 } }),
      sink('email', { latency: { kind: 'fixed', ms: 100 } }),
    ], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 'checkout'), edge('call', 'checkout', 'inventory'), edge('call', 'checkout', 'gateway'), edge('call', 'checkout', 'email')]);
    const s = createSimulation(t, { durationSec: 5, seed: 1 }).runToEnd();
    expect(s.nodes.find((n) => n.id === 'checkout')!.latency.maxMs).toBe(340);
    expect(s.edges.find((e) => e.id === 'checkout.gateway')!.count).toBe(1);
  });

  it('a call that exceeds its timeout fails the attempt; a down callee fails it at once', () => {
    const t = topology('timeout', [
      producer('p', { profile: one() }),
      topic('t'),
      service('caller', { processing: { kind: 'fixed', ms: 0 }, retry: { maxAttempts: 2, backoffMs: 50, multiplier: 1 }, emitsOnFailure: ['PaymentFailed'] }),
      sink('slow', { latency: { kind: 'fixed', ms: 500 } }),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 'caller'), { ...edge('call', 'caller', 'slow'), timeoutMs: 100 }]);
    const log: SimEvent[] = [];
    createSimulation(t, { durationSec: 5, seed: 1, eventLog: 'all' }, { onEvent: (e) => log.push(e) }).runToEnd();
    expect(log.filter((e) => e.source === 'caller' && e.status === 'failed').map((e) => [e.time, e.reason])).toEqual([
      [100, 'call to slow timed out'], [250, 'call to slow timed out'],
    ]);
    expect(log.some((e) => e.type === 'PaymentFailed' && e.status === 'emitted' && e.time === 250)).toBe(true);
  });

  it('idempotency: a redelivery after the visibility timeout is counted as a duplicate and not re-emitted', () => {
    const t = topology('dup', [
      producer('p', { profile: one() }),
      queue('q', { visibilityTimeoutMs: 100 }),
      service('s', { instances: 2, concurrency: 1, processing: { kind: 'fixed', ms: 150 }, emitsOnSuccess: ['OrderConfirmed'], idempotent: true }),
    ], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 's')]);
    const log: SimEvent[] = [];
    const s = createSimulation(t, { durationSec: 2, seed: 1, eventLog: 'all' }, { onEvent: (e) => log.push(e) }).runToEnd();
    const svc = s.nodes.find((n) => n.id === 's')!;
    expect(log.filter((e) => e.status === 'redelivered').map((e) => e.time)).toEqual([100]);
    expect(svc.in).toBe(2);
    expect(svc.duplicates).toBe(1);
    expect(log.filter((e) => e.type === 'OrderConfirmed' && e.status === 'emitted')).toHaveLength(1);
  });

  it('poison messages (injected fault) always fail and end in the dead-letter target', () => {
    const t = topology('poison', [
      producer('p', { emits: ['OrderPlaced'], profile: { kind: 'constant', ratePerSec: 100 } }),
      topic('t'),
      service('s', { processing: { kind: 'fixed', ms: 1 }, retry: { maxAttempts: 2, backoffMs: 1, multiplier: 1 }, deadLetterTarget: 'dlq' }),
      queue('dlq'),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 's')]);
    const s = createSimulation(t, { durationSec: 10.505, seed: 4, faults: [{ kind: 'poison', nodeId: 'p', startSec: 0, endSec: 10, pct: 10 }] }).runToEnd();
    const svc = s.nodes.find((n) => n.id === 's')!;
    expect(svc.deadLetters).toBeGreaterThan(60);
    expect(svc.deadLetters).toBeLessThan(140);
    expect(svc.errors).toBe(2 * svc.deadLetters);
    expect(svc.out + svc.deadLetters).toBe(1050);
  });

  it('faults injected during the run apply from then on; state shows down / failing', () => {
    const t = topology('inject', [
      producer('p', { emits: ['OrderPlaced'], profile: { kind: 'constant', ratePerSec: 10 } }),
      topic('t'),
      service('s', { processing: { kind: 'fixed', ms: 5 }, retry: { maxAttempts: 1, backoffMs: 0, multiplier: 1 } }),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 's')]);
    const states: [number, string][] = [];
    const sim = createSimulation(t, { durationSec: 40, seed: 1, snapshotIntervalMs: 10_000 }, {
      onSnapshot: (m: MetricsSnapshot) => states.push([m.timeMs, m.nodes.find((n) => n.id === 's')!.state]),
    });
    sim.runUntil(5000);
    sim.injectFault({ kind: 'down', nodeId: 's', startSec: 5, endSec: 12 });
    sim.injectFault({ kind: 'error-rate', nodeId: 's', startSec: 20, endSec: 30, failurePct: 100 });
    expect(() => sim.injectFault({ kind: 'burst', nodeId: 's', startSec: 1, endSec: 2, factor: 2 })).toThrow(/applies to producer/);
    sim.runToEnd();
    // at 20 s the error-rate window has just opened (degraded); over 20-30 s every attempt failed
    expect(states).toEqual([[10_000, 'down'], [20_000, 'degraded'], [30_000, 'failing'], [40_000, 'healthy']]);
  });
});

describe('broker capacity', () => {
  const build = (overflow: 'backpressure' | 'drop-newest' | 'drop-oldest') => topology('cap', [
    producer('p', { emits: ['OrderPlaced'], profile: { kind: 'constant', ratePerSec: 100 } }),
    topic('t', { partitions: 1, capacity: 10, overflow }),
    service('s', { instances: 1, concurrency: 1, processing: { kind: 'fixed', ms: 20 } }),
  ], [edge('publish', 'p', 't'), edge('subscribe', 't', 's')]);

  it('drop policies lose what does not fit; backpressure makes publishers wait and loses nothing', () => {
    const run = (o: 'backpressure' | 'drop-newest' | 'drop-oldest') => createSimulation(build(o), { durationSec: 2.005, seed: 1 }).runToEnd();
    const drop = run('drop-newest');
    const t = drop.nodes.find((n) => n.id === 't')!;
    const s = drop.nodes.find((n) => n.id === 's')!;
    // 200 offered at 100/s, served at 50/s: about half cannot fit
    expect(t.drops).toBeGreaterThan(80);
    expect(s.out + s.inFlight + t.queueDepth + t.drops).toBe(200);
    expect(t.queueDepthPeak).toBeLessThanOrEqual(10);
    const oldest = run('drop-oldest');
    expect(oldest.nodes.find((n) => n.id === 't')!.drops).toBe(t.drops);
    const bp = run('backpressure');
    const tb = bp.nodes.find((n) => n.id === 't')!;
    expect(tb.drops).toBe(0);
    expect(tb.queueDepth).toBeGreaterThan(80);
    expect(tb.state).toBe('degraded');
  });
});
