import { describe, expect, it } from 'vitest';
import type { SimEvent } from './api';
import { createSimulation, createSimulationWithInternals } from './simulation';
import { edge, producer, queue, service, sink, topic, topology } from './test-topologies';
import { parseTopology } from '../model/validate';
import { checkoutTemplate } from '../model/templates/checkout';
import { fnv1a } from './prng';

const noRetry = { maxAttempts: 1, backoffMs: 0, multiplier: 1 };

/** Erlang C: probability of waiting in M/M/c, then Wq = C / (cμ - λ) */
function erlangCWq(c: number, lambda: number, mu: number): number {
  const a = lambda / mu;
  const rho = a / c;
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const last = (term * a) / c; // a^c / c!
  const pc = last / (1 - rho) / (sum + last / (1 - rho));
  return pc / (c * mu - lambda);
}

describe('queueing theory', () => {
  it('M/M/1 (λ=0.9, μ=1) over ≥1M arrivals: W within 3% of 1/(μ-λ), utilisation within 1%', () => {
    // 2.3M s at λ=0.9 → ~2.07M arrivals. At ρ=0.9 successive waits are strongly correlated: over
    // seeds 1-4 and 11 this length gave W errors of -1.6 … +1.6% (1.03M arrivals: -2.75 … +2.71%),
    // so 3% is about two standard errors; utilisation errors were ≤ 0.2%.
    const t = topology('mm1', [
      producer('p', { emits: ['OrderPlaced'], profile: { kind: 'poisson', ratePerSec: 0.9 } }),
      queue('q', { capacity: 10_000_000 }),
      service('s', { instances: 1, concurrency: 1, processing: { kind: 'exponential', meanMs: 1000 }, retry: noRetry }),
    ], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 's')]);
    const sim = createSimulationWithInternals(t, { durationSec: 2_300_000, seed: 11, snapshotIntervalMs: 0 });
    const sum = sim.runToEnd();
    const s = sum.nodes.find((n) => n.id === 's')!;
    expect(s.out).toBeGreaterThan(2_000_000);
    const W = sim.internals('s')!.meanLatencyMs / 1000;
    expect(Math.abs(W - 10) / 10).toBeLessThan(0.03);
    expect(Math.abs(s.utilisation - 0.9)).toBeLessThan(0.009);
  });

  it('M/M/c (c=4, λ=3.2, μ=1): mean wait within 3% of Erlang C', () => {
    const t = topology('mmc', [
      producer('p', { emits: ['OrderPlaced'], profile: { kind: 'poisson', ratePerSec: 3.2 } }),
      queue('q', { capacity: 10_000_000 }),
      service('s', { instances: 4, concurrency: 1, processing: { kind: 'exponential', meanMs: 1000 }, retry: noRetry }),
    ], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 's')]);
    const sim = createSimulationWithInternals(t, { durationSec: 300_000, seed: 5, snapshotIntervalMs: 0 });
    sim.runToEnd();
    // ~0.96M arrivals; seeds 1-5 gave errors of -2.7 … +2.1% at this length (3% ≈ 2 standard errors)
    const wq = sim.internals('q')!.meanLatencyMs / 1000; // queue latency = time waiting for a server
    const expected = erlangCWq(4, 3.2, 1);
    expect(Math.abs(wq - expected) / expected).toBeLessThan(0.03);
  });

  it("Little's law L = λW within 2% at every service of a multi-node commerce topology", () => {
    const t = topology('little', [
      producer('shop', { emits: ['OrderPlaced'], profile: { kind: 'poisson', ratePerSec: 40 } }),
      topic('orders', { partitions: 6, keyField: 'orderId' }),
      service('payment', { instances: 2, concurrency: 4, processing: { kind: 'lognormal', meanMs: 80, sigma: 0.6 }, failurePct: 3, emitsOnSuccess: ['PaymentAuthorized'], consumerGroup: 'payment' }),
      service('inventory', { instances: 1, concurrency: 4, processing: { kind: 'exponential', meanMs: 40 }, emitsOnSuccess: ['InventoryReserved'], consumerGroup: 'inventory' }),
      topic('status', { partitions: 3 }),
      service('confirm', { instances: 1, concurrency: 8, processing: { kind: 'uniform', minMs: 5, maxMs: 30 }, emitsOnSuccess: ['OrderConfirmed'] }),
      sink('gateway', { latency: { kind: 'lognormal', meanMs: 60, sigma: 0.4 }, concurrency: 50 }),
    ], [
      edge('publish', 'shop', 'orders'), edge('subscribe', 'orders', 'payment'), edge('subscribe', 'orders', 'inventory'),
      edge('call', 'payment', 'gateway'), edge('publish', 'payment', 'status'), edge('publish', 'inventory', 'status'),
      edge('subscribe', 'status', 'confirm'),
    ]);
    const sim = createSimulationWithInternals(t, { durationSec: 4_000, seed: 3, snapshotIntervalMs: 0 });
    sim.runToEnd();
    const T = sim.now;
    for (const id of ['payment', 'inventory', 'confirm']) {
      const x = sim.internals(id)!;
      const L = x.systemArea / T;
      const lambdaW = (x.out / T) * x.meanLatencyMs;
      expect(Math.abs(L - lambdaW) / lambdaW, id).toBeLessThan(0.02);
    }
  });
});

describe('determinism', () => {
  const checkout = (): ReturnType<typeof parseTopology> => parseTopology(checkoutTemplate());
  const logHash = (seed: number): string => {
    const r = checkout();
    if (!r.ok) throw new Error('template invalid');
    let h = 0x811c9dc5;
    const sim = createSimulation(r.value, { durationSec: 60, seed, eventLog: 'all' }, {
      onEvent: (e: SimEvent) => { h = fnv1a(JSON.stringify(e), h); },
    });
    const s = sim.runToEnd();
    expect(s.eventLogHash).not.toBeNull();
    return `${h.toString(16)}/${s.eventLogHash}`;
  };

  it('same topology + scenario + seed gives a byte-identical event log; another seed differs', () => {
    const a = logHash(42);
    expect(logHash(42)).toBe(a);
    expect(logHash(43)).not.toBe(a);
  });
});

describe('event log', () => {
  it("'sampled' keeps whole traces (every record of a kept correlationId), about the sample rate of them", () => {
    const r = parseTopology(checkoutTemplate());
    if (!r.ok) throw new Error('template invalid');
    const all = new Map<number, number>();
    createSimulation(r.value, { durationSec: 60, seed: 5, eventLog: 'all' }, { onEvent: (e) => all.set(e.correlationId, (all.get(e.correlationId) ?? 0) + 1) }).runToEnd();
    const sampled = new Map<number, number>();
    const s = createSimulation(r.value, { durationSec: 60, seed: 5, eventLog: 'sampled', eventLogSampleRate: 0.1 }, {
      onEvent: (e) => sampled.set(e.correlationId, (sampled.get(e.correlationId) ?? 0) + 1),
    }).runToEnd();
    expect(sampled.size).toBeGreaterThan(all.size * 0.07);
    expect(sampled.size).toBeLessThan(all.size * 0.13);
    for (const [id, n] of sampled) expect(n).toBe(all.get(id));
    expect(s.eventLogHash).not.toBeNull();
    const none = createSimulation(r.value, { durationSec: 60, seed: 5 }).runToEnd();
    expect(none.eventLogHash).toBeNull();
    expect(none.deliveries).toBe(s.deliveries); // logging does not change the run
  });

  it('every record carries id, type, time, key, payload, correlation and causation: an order’s trace is recoverable', () => {
    const r = parseTopology(checkoutTemplate());
    if (!r.ok) throw new Error('template invalid');
    const log: SimEvent[] = [];
    createSimulation(r.value, { durationSec: 5, seed: 5, eventLog: 'all' }, { onEvent: (e) => log.push(e) }).runToEnd();
    const order = log.find((e) => e.type === 'OrderPlaced' && e.status === 'emitted')!;
    expect(order.payload['orderId']).toBe(order.key);
    const trace = log.filter((e) => e.correlationId === order.id);
    const emitted = trace.filter((e) => e.status === 'emitted');
    expect(new Set(emitted.map((e) => e.type))).toEqual(new Set(['OrderPlaced', 'InventoryReserved', 'PaymentAuthorized', 'EmailSent']));
    for (const e of emitted.filter((x) => x.id !== order.id)) {
      expect(e.causationId).toBe(order.id);
      expect(e.payload['orderId']).toBe(order.key);
    }
    const times = trace.map((e) => e.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('the story (DESIGN.md §1): monolith vs event-driven during an e-mail provider outage', () => {
  const orders = { emits: ['OrderPlaced'], profile: { kind: 'poisson' as const, ratePerSec: 10 } };
  const retry = { maxAttempts: 3, backoffMs: 200, multiplier: 2 };
  const monolith = topology('monolith', [
    // requests reach the monolith without a redelivering queue (like HTTP): what fails is gone
    producer('shop', orders), topic('checkout-q', { partitions: 16, keyField: 'orderId' }),
    service('checkout', { instances: 2, concurrency: 8, processing: { kind: 'fixed', ms: 20 }, retry, emitsOnSuccess: ['OrderConfirmed'] }),
    sink('gateway', { latency: { kind: 'fixed', ms: 150 } }), sink('email', { latency: { kind: 'fixed', ms: 100 } }),
  ], [edge('publish', 'shop', 'checkout-q'), edge('subscribe', 'checkout-q', 'checkout'), edge('call', 'checkout', 'gateway'), edge('call', 'checkout', 'email')]);
  const eventDriven = topology('eda', [
    producer('shop', orders), topic('orders', { partitions: 6, keyField: 'orderId' }),
    service('payment', { instances: 2, concurrency: 8, processing: { kind: 'fixed', ms: 20 }, retry, emitsOnSuccess: ['OrderConfirmed'], consumerGroup: 'payment' }),
    service('notification', { instances: 1, concurrency: 8, processing: { kind: 'fixed', ms: 5 }, retry, emitsOnSuccess: ['EmailSent'], consumerGroup: 'notification' }),
    sink('gateway', { latency: { kind: 'fixed', ms: 150 } }), sink('email', { latency: { kind: 'fixed', ms: 100 } }),
  ], [edge('publish', 'shop', 'orders'), edge('subscribe', 'orders', 'payment'), edge('subscribe', 'orders', 'notification'), edge('call', 'payment', 'gateway'), edge('call', 'notification', 'email')]);
  const outage = [{ kind: 'down' as const, nodeId: 'email', startSec: 60, endSec: 120 }];

  it('the monolith loses the orders of the outage; event-driven keeps every order (only e-mails fail)', () => {
    const m = createSimulation(monolith, { durationSec: 180, seed: 1, faults: outage }).runToEnd();
    const e = createSimulation(eventDriven, { durationSec: 180, seed: 1, faults: outage }).runToEnd();
    expect(m.kpis.orders).toBe(e.kpis.orders);
    expect(m.kpis.ordersLost).toBeGreaterThan(500); // ~10/s for 60 s
    expect(e.kpis.ordersLost).toBe(0);
    expect(e.nodes.find((n) => n.id === 'notification')!.drops).toBeGreaterThan(500);
    const pay = e.nodes.find((n) => n.id === 'payment')!;
    expect(pay.out).toBe(e.kpis.orders - pay.inFlight - pay.queueDepth - pay.consumerLag);
  });

  it('a service outage (not a sink) in the event-driven design only delays: its events wait in the topic and drain', () => {
    const down = [{ kind: 'down' as const, nodeId: 'notification', startSec: 60, endSec: 120 }];
    const e = createSimulation(eventDriven, { durationSec: 240, seed: 1, faults: down }).runToEnd();
    const n = e.nodes.find((x) => x.id === 'notification')!;
    expect(e.kpis.ordersLost).toBe(0);
    expect(n.drops).toBe(0);
    // the backlog waited in the topic (its depth), not at the service
    const topicId = eventDriven.edges.find((x) => x.kind === 'subscribe' && x.target === 'notification')!.source;
    expect(e.nodes.find((x) => x.id === topicId)!.queueDepthPeak).toBeGreaterThan(500);
    expect(n.queueDepthPeak).toBe(0);
    expect(n.consumerLag + n.queueDepth).toBe(0);
    expect(n.latency.maxMs).toBeGreaterThan(59_000);
  });
});
