import { describe, expect, it } from 'vitest';
import { estimateLoad, estimateLoads, lanesOf, nodeCapacityPerSec } from './capacity';
import { checkoutTemplate } from './templates';
import { build, edge, node } from './test-builders';
import { Topology } from './topology';

const fixed = (ms: number) => ({ kind: 'fixed' as const, ms });
const constant = (ratePerSec: number) => ({ kind: 'constant' as const, ratePerSec });

describe('estimateLoad on the checkout template', () => {
  const t = Topology.parse(checkoutTemplate());
  const loads = estimateLoad(t);

  it('gives every topic consumer group the producer rate', () => {
    expect(loads.get('orders')?.arrivalPerSec).toBe(20);
    for (const id of ['payment', 'inventory', 'notification']) expect(loads.get(id)?.arrivalPerSec).toBeCloseTo(20);
    // reactions: inventory + payment + notification each emit one event per order
    expect(loads.get('order-status')?.arrivalPerSec).toBeCloseTo(60, 3);
  });

  it('counts the synchronous gateway call in Payment\'s service time and bounds parallelism by owned partitions', () => {
    const p = loads.get('payment');
    expect(p?.parallelism).toBe(12); // 2 × 8 slots, but only 12 partitions
    expect(p?.serviceTimeMs).toBeGreaterThan(80 + 0.98 * 150);
    expect(p?.utilisation).toBeGreaterThan(0.3);
    expect(p?.utilisation).toBeLessThan(0.5);
    expect(loads.get('payment-gateway')?.arrivalPerSec).toBeGreaterThanOrEqual(20);
  });

  it('keeps the raw per-node capacity helper and the two-argument form', () => {
    const payment = t.nodes.find((n) => n.id === 'payment');
    if (!payment) throw new Error('template changed');
    expect(nodeCapacityPerSec(payment)).toBeCloseTo((2 * 8 * 1000) / 80);
    expect(estimateLoads(t.nodes, t.edges).get('payment')?.utilisation).toBeCloseTo(loads.get('payment')?.utilisation ?? NaN);
    expect(loads.get('storefront')?.utilisation).toBeUndefined();
  });
});

describe('estimateLoad formulas', () => {
  it('ρ = arrival / (instances × concurrency / mean processing time)', () => {
    const t = build([
      node('producer', 'p', { profile: constant(100) }),
      node('queue', 'q'),
      node('service', 's', { instances: 2, concurrency: 5, processing: fixed(50) }),
    ], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 's')]);
    const s = estimateLoad(t).get('s');
    expect(s?.capacityPerSec).toBeCloseTo(200);
    expect(s?.utilisation).toBeCloseTo(0.5);
    expect(estimateLoad(t).get('q')?.utilisation).toBeCloseTo(0.5);
  });

  it('a sink\'s capacity is concurrency / mean latency', () => {
    const t = build([
      node('producer', 'p', { profile: constant(30) }), node('topic', 't'),
      node('sink', 'k', { concurrency: 4, latency: fixed(100) }),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 'k')]);
    expect(estimateLoad(t).get('k')?.utilisation).toBeCloseTo(30 / 40);
  });

  it('splits a queue between competing consumers in proportion to capacity', () => {
    const t = build([
      node('producer', 'p', { profile: constant(90) }), node('queue', 'q'),
      node('service', 'fast', { instances: 1, concurrency: 2, processing: fixed(10) }),
      node('service', 'slow', { instances: 1, concurrency: 1, processing: fixed(10) }),
    ], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 'fast'), edge('subscribe', 'q', 'slow')]);
    const l = estimateLoad(t);
    expect(l.get('fast')?.arrivalPerSec).toBeCloseTo(60);
    expect(l.get('slow')?.arrivalPerSec).toBeCloseTo(30);
    expect(l.get('fast')?.utilisation).toBeCloseTo(l.get('slow')?.utilisation ?? NaN);
  });

  it('fans a topic out to every group and splits a group by owned partitions', () => {
    const t = build([
      node('producer', 'p', { profile: constant(30) }), node('topic', 't', { partitions: 3 }),
      node('service', 'a', { consumerGroup: 'g' }), node('service', 'b', { consumerGroup: 'g' }), node('service', 'c'),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 'a'), edge('subscribe', 't', 'b'), edge('subscribe', 't', 'c')]);
    const l = estimateLoad(t);
    expect(l.get('a')?.arrivalPerSec).toBeCloseTo(20); // partitions 0 and 2
    expect(l.get('b')?.arrivalPerSec).toBeCloseTo(10); // partition 1
    expect(l.get('c')?.arrivalPerSec).toBeCloseTo(30);
    expect(l.get('a')?.parallelism).toBe(2);
    expect([0, 1, 2, 3].map((i) => lanesOf(3, 4, i))).toEqual([1, 1, 1, 0]);
  });

  it('routes bus events by type and filters topic subscriptions by what the service consumes', () => {
    const t = build([
      node('producer', 'p', { emits: ['OrderPlaced', 'CartItemAdded'], profile: constant(10) }),
      node('bus', 'bus'), node('service', 'orders'), node('topic', 't'),
      node('service', 'carts', { consumes: ['CartItemAdded'] }),
    ], [
      edge('publish', 'p', 'bus'), edge('route', 'bus', 'orders', ['OrderPlaced']), edge('route', 'bus', 't'), edge('subscribe', 't', 'carts'),
    ]);
    const l = estimateLoad(t);
    expect(l.get('orders')?.arrivalsByType).toEqual({ OrderPlaced: 5 });
    expect(l.get('carts')?.arrivalsByType).toEqual({ CartItemAdded: 5 });
  });

  it('services emit reactions by success and failure, and dead-letter what exhausts its retries', () => {
    const t = build([
      node('producer', 'p', { profile: constant(100) }), node('topic', 'in'),
      node('service', 's', { failurePct: 50, retry: { maxAttempts: 2, backoffMs: 0, multiplier: 1 }, emitsOnSuccess: ['PaymentAuthorized'], emitsOnFailure: ['PaymentFailed'], deadLetterTarget: 'dlq' }),
      node('topic', 'out'), node('queue', 'dlq'),
    ], [edge('publish', 'p', 'in'), edge('subscribe', 'in', 's'), edge('publish', 's', 'out')]);
    const l = estimateLoad(t);
    expect(l.get('out')?.arrivalsByType.PaymentAuthorized).toBeCloseTo(75);
    expect(l.get('out')?.arrivalsByType.PaymentFailed).toBeCloseTo(25);
    expect(l.get('dlq')?.arrivalPerSec).toBeCloseTo(25);
    // 1.5 attempts on average
    expect(l.get('s')?.serviceTimeMs).toBeCloseTo(1.5 * 40);
  });

  it('uses peak rates for peakArrivalPerSec (a flash-sale burst)', () => {
    const t = build([
      node('producer', 'p', { profile: { kind: 'burst', baseRatePerSec: 10, burstRatePerSec: 500, burstStartSec: 60, burstDurationSec: 60 } }),
      node('queue', 'q'), node('service', 's', { instances: 1, concurrency: 10, processing: fixed(50) }),
    ], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 's')]);
    const s = estimateLoad(t).get('s');
    expect(s?.peakArrivalPerSec).toBe(500);
    expect(s?.peakUtilisation).toBeCloseTo(2.5);
    expect(s?.utilisation).toBeLessThan(1);
  });

  it('derives session-mode rates from the funnel', () => {
    const t = build([node('producer', 'p', { mode: 'sessions', profile: constant(10), sessions: { cartAbandonPct: 60, checkoutAbandonPct: 50, latencySensitivityPctPerSec: 0, meanItems: 2, checkoutMode: 'async' } })]);
    const p = estimateLoad(t).get('p');
    expect(p?.arrivalPerSec).toBeCloseTo(20 + 6 + 4 + 2);
  });

  it('terminates on loops, capping a loop that amplifies', () => {
    const t = build([
      node('producer', 'p', { profile: constant(1) }), node('topic', 't'),
      node('service', 'echo', { consumes: ['OrderPlaced'], emitsOnSuccess: ['OrderPlaced', 'OrderPlaced'] }),
      node('service', 'twice', { consumes: ['OrderPlaced'], emitsOnSuccess: ['OrderPlaced'] }),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 'echo'), edge('publish', 'echo', 't'), edge('subscribe', 't', 'twice'), edge('publish', 'twice', 't')]);
    const l = estimateLoad(t);
    expect(l.get('echo')).toMatchObject({ runaway: true, arrivalPerSec: Infinity });
    expect(l.get('p')?.arrivalPerSec).toBe(1);
    expect(l.get('p')?.runaway).toBeUndefined();
  });

  it('settles a loop with gain < 1 (half the retried events come back) without flagging it', () => {
    const t = build([
      node('producer', 'p', { profile: constant(10) }), node('topic', 't'),
      node('service', 's', { consumes: ['OrderPlaced'], failurePct: 50, retry: { maxAttempts: 1, backoffMs: 0, multiplier: 1 }, emitsOnFailure: ['OrderPlaced'] }),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 's'), edge('publish', 's', 't')]);
    const s = estimateLoad(t).get('s');
    expect(s?.runaway).toBeUndefined();
    expect(s?.arrivalPerSec).toBeCloseTo(20, 6); // 10 + 5 + 2.5 + …
  });

  it('a queue with no consumers is a store: unbounded, not overloaded', () => {
    const t = build([node('producer', 'p'), node('queue', 'q')], [edge('publish', 'p', 'q')]);
    expect(estimateLoad(t).get('q')).toMatchObject({ arrivalPerSec: 10, capacityPerSec: Infinity, utilisation: undefined });
  });
});

describe('estimateLoad against the simulator', () => {
  it('predicts the checkout template\'s throughput and busy slots of the runtime within 10 %', async () => {
    const { createSimulation } = await import('../runtime/simulation');
    const t = Topology.parse(checkoutTemplate());
    const est = estimateLoad(t);
    const summary = createSimulation(t, { durationSec: 600, seed: 11 }, {}).runToEnd();
    for (const n of summary.nodes) {
      if (n.kind !== 'service' && n.kind !== 'sink') continue;
      const e = est.get(n.id);
      const model = t.nodes.find((x) => x.id === n.id);
      if (!e || !model || e.utilisation === undefined || e.parallelism === undefined) throw new Error(n.id);
      expect(n.throughputPerSec / e.arrivalPerSec, `${n.id} throughput`).toBeCloseTo(1, 1);
      // the runtime's utilisation counts every slot; the estimate only the slots a topic lets work (partitions)
      const slots = model.kind === 'service' ? model.settings.instances * model.settings.concurrency : model.kind === 'sink' ? model.settings.concurrency : 1;
      const predicted = (e.utilisation * e.parallelism) / slots;
      expect(Math.abs(n.utilisation - predicted) / predicted, `${n.id}: simulated ρ ${n.utilisation}, predicted ${predicted}`).toBeLessThan(0.1);
    }
  });
});
