import { describe, expect, it } from 'vitest';
import { COMMERCE_EVENTS, eventCatalog } from './catalog';
import { ArrivalProcess } from './arrivals';
import { IdSource, PayloadFactory } from './payloads';
import { Rng } from '../runtime/prng';
import type { ArrivalProfile } from '../model/arrival-profiles';
import { createSimulation } from '../runtime/simulation';
import { edge, producer, queue, service, topology } from '../runtime/test-topologies';

const typeOk: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string', id: (v) => typeof v === 'string' && v.length > 0, email: (v) => typeof v === 'string' && /^[^@]+@[^@]+$/.test(v),
  sku: (v) => typeof v === 'string' && /^[A-Z0-9-]+$/.test(v), currency: (v) => typeof v === 'string' && /^[A-Z]{3}$/.test(v),
  money: (v) => typeof v === 'number' && v >= 0 && Math.round(v * 100) === Math.round(v * 100 + 1e-9), integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number', boolean: (v) => typeof v === 'boolean', timestamp: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  array: (v) => Array.isArray(v), object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

describe('payloads', () => {
  it('every catalog type gets every required field with a value of the declared type', () => {
    const f = new PayloadFactory(eventCatalog(), new IdSource());
    const rng = new Rng(1);
    for (const def of COMMERCE_EVENTS) {
      const p = f.payload(def.name, rng, null, 1000);
      for (const field of def.fields.filter((x) => x.required)) {
        expect(field.name in p, `${def.name}.${field.name}`).toBe(true);
        expect(typeOk[field.type]!(p[field.name]), `${def.name}.${field.name} = ${JSON.stringify(p[field.name])}`).toBe(true);
      }
      expect(f.keyOf(def.name, p)).not.toBe('');
    }
  });

  it('orders carry lines whose total is the amount; derived events keep the order’s ids', () => {
    const f = new PayloadFactory(eventCatalog(), new IdSource());
    const rng = new Rng(2);
    const order = f.payload('OrderPlaced', rng, null, 0);
    const items = order['items'] as { quantity: number; unitPrice: number }[];
    expect(items.length).toBeGreaterThan(0);
    expect(order['amount']).toBeCloseTo(items.reduce((s, l) => s + l.quantity * l.unitPrice, 0), 2);
    const paid = f.payload('PaymentAuthorized', rng, order, 10);
    expect([paid['orderId'], paid['customerId'], paid['amount']]).toEqual([order['orderId'], order['customerId'], order['amount']]);
  });
});

describe('arrival profiles', () => {
  const count = (p: Exclude<ArrivalProfile, { kind: 'replay' }>, untilMs: number, fromMs = 0): number => {
    const a = new ArrivalProcess(p, null);
    const rng = new Rng(7);
    let n = 0;
    for (let t = a.next(0, rng); t < untilMs; t = a.next(t, rng)) if (t >= fromMs) n++;
    return n;
  };
  it('Poisson and constant match their rate; burst and step change it in their windows', () => {
    expect(count({ kind: 'constant', ratePerSec: 10 }, 100_000)).toBe(999);
    expect(Math.abs(count({ kind: 'poisson', ratePerSec: 50 }, 1_000_000) - 50_000)).toBeLessThan(50_000 * 0.015);
    const burst = { kind: 'burst' as const, baseRatePerSec: 10, burstRatePerSec: 200, burstStartSec: 100, burstDurationSec: 50 };
    expect(Math.abs(count(burst, 150_000, 100_000) - 10_000)).toBeLessThan(400);
    expect(Math.abs(count(burst, 100_000) - 1000)).toBeLessThan(120);
    expect(count({ kind: 'step', steps: [{ atSec: 0, ratePerSec: 0 }, { atSec: 10, ratePerSec: 5 }] }, 10_000)).toBe(0);
    const diurnal = { kind: 'diurnal' as const, meanRatePerSec: 20, amplitude: 1, periodSec: 100, peakAtSec: 50 };
    // over whole periods the mean holds; around the trough the rate is ~0
    expect(Math.abs(count(diurnal, 1_000_000) - 20_000)).toBeLessThan(20_000 * 0.02);
    expect(count(diurnal, 2_000, 0)).toBeLessThan(count(diurnal, 52_000, 50_000) / 5);
  });
});

describe('customer sessions', () => {
  const shop = (checkoutMode: 'async' | 'sync', checkoutMs: number) => topology(`shop-${checkoutMode}`, [
    producer('web', { mode: 'sessions', profile: { kind: 'poisson', ratePerSec: 5 }, sessions: { cartAbandonPct: 60, checkoutAbandonPct: 20, latencySensitivityPctPerSec: 7, meanItems: 2, checkoutMode } }),
    queue('orders', {}),
    service('checkout', { instances: 4, concurrency: 8, processing: { kind: 'lognormal', meanMs: checkoutMs, sigma: 0.3 }, consumes: ['OrderPlaced'], emitsOnSuccess: ['OrderConfirmed'] }),
    queue('carts', {}),
    service('mailer', { processing: { kind: 'fixed', ms: 50 }, emitsOnSuccess: ['EmailSent'] }),
  ], [edge('publish', 'web', 'orders', ['OrderPlaced']), edge('subscribe', 'orders', 'checkout'), edge('publish', 'web', 'carts', ['CartAbandoned']), edge('subscribe', 'carts', 'mailer')]);

  it('runs the funnel: sessions > checkouts > orders, abandoned carts, recovered carts', () => {
    const s = createSimulation(shop('async', 100), { durationSec: 3600, seed: 1 }).runToEnd();
    const k = s.kpis;
    expect(k.sessions).toBeGreaterThan(17_000);
    expect(k.checkouts).toBeGreaterThan(0.25 * k.sessions);
    expect(k.orders).toBeGreaterThan(0.7 * k.checkouts);
    expect(k.orders).toBeLessThan(k.checkouts);
    expect(k.cartsAbandoned).toBeGreaterThan(0.45 * k.sessions);
    expect(k.recoveredCarts).toBeGreaterThan(0);
    expect(k.conversionRate).toBeCloseTo(k.orders / k.sessions, 3);
    expect(s.flows.map((f) => f.name)).toContain('abandoned cart → e-mail');
  });

  it('a slow synchronous checkout costs conversions; the same work behind a broker does not', () => {
    const fastSync = createSimulation(shop('sync', 100), { durationSec: 3600, seed: 2 }).runToEnd().kpis;
    const slowSync = createSimulation(shop('sync', 4000), { durationSec: 3600, seed: 2 }).runToEnd().kpis;
    const slowAsync = createSimulation(shop('async', 4000), { durationSec: 3600, seed: 2 }).runToEnd().kpis;
    expect(slowSync.checkoutLatencyP99Ms).toBeGreaterThan(3000);
    expect(slowSync.conversionRate).toBeLessThan(fastSync.conversionRate * 0.85);
    expect(slowAsync.conversionRate).toBeGreaterThan(slowSync.conversionRate * 1.15);
  });

  it('a synchronous checkout waits for the whole call chain of the service that takes the order', () => {
    const t = topology('sync-chain', [
      producer('web', { mode: 'sessions', profile: { kind: 'poisson', ratePerSec: 2 }, sessions: { cartAbandonPct: 0, checkoutAbandonPct: 0, latencySensitivityPctPerSec: 7, meanItems: 1, checkoutMode: 'sync' } }),
      queue('orders', {}),
      service('checkout', { instances: 8, concurrency: 8, processing: { kind: 'fixed', ms: 10 }, consumes: ['OrderPlaced'] }),
      service('inventory', { instances: 8, concurrency: 8, processing: { kind: 'fixed', ms: 30 } }),
      { id: 'gateway', name: 'gateway', kind: 'sink', position: { x: 0, y: 0 }, settings: { latency: { kind: 'fixed', ms: 200 } } },
    ], [edge('publish', 'web', 'orders', ['OrderPlaced']), edge('subscribe', 'orders', 'checkout'), edge('call', 'checkout', 'inventory'), edge('call', 'checkout', 'gateway')]);
    const k = createSimulation(t, { durationSec: 600, seed: 3 }).runToEnd().kpis;
    expect(k.orders).toBeGreaterThan(500);
    expect(Math.abs(k.checkoutLatencyP99Ms - 240) / 240).toBeLessThan(0.01);
  });
});
