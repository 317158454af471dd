import { describe, expect, it } from 'vitest';
import type { Fault, RunSummary } from './api';
import { parseTopology } from '../model/validate';
import { checkoutTemplate } from '../model/templates/checkout';
import { monolithTemplate } from '../model/templates/monolith';
import type { TopologyInput } from '../model/topology';
import { createSimulation } from './simulation';
import { fulfilmentOf } from './fulfilment';

const parsed = (t: TopologyInput) => {
  const r = parseTopology(t);
  if (!r.ok) throw new Error('template does not parse');
  return r.value;
};
const checkout = parsed(checkoutTemplate());
const run = (faults: Fault[], durationSec = 600): RunSummary => createSimulation(checkout, { durationSec, seed: 42, faults }).runToEnd();
const node = (s: RunSummary, id: string) => s.nodes.find((n) => n.id === id)!;
const paymentDown = (startSec: number, endSec: number): Fault => ({ kind: 'down', nodeId: 'payment', startSec, endSec });

describe('order fulfilment (real simulation of the checkout template)', () => {
  it('takes its steps from what the services emit: checkout = inventory + payment, monolith = OrderConfirmed', () => {
    expect(fulfilmentOf(checkout)).toEqual({ steps: ['InventoryReserved', 'PaymentAuthorized'], failures: ['OutOfStock', 'PaymentFailed'] });
    expect(fulfilmentOf(parsed(monolithTemplate())).steps).toEqual(['OrderConfirmed']);
  });

  it('a Payment outage to the end leaves as many unfulfilled orders as the brokers and Payment hold', () => {
    const s = run([paymentDown(60, 600)]);
    const k = s.kpis;
    // Payment's backlog on `orders` plus what it holds; Inventory is caught up, so this is the whole chain's backlog
    const backlog = node(s, 'orders').queueDepth + node(s, 'payment').inFlight;
    expect(backlog).toBeGreaterThan(10_000);
    expect(k.ordersUnfulfilled).toBe(backlog);
    expect(k.ordersFulfilled + k.ordersUnfulfilled + k.ordersFailed + k.ordersLost).toBe(k.orders);
    expect(k.revenueAtRisk).toBeGreaterThan(0.8 * k.revenue * (k.ordersUnfulfilled / k.orders));
    // older than the 5-minute default SLA and still waiting
    expect(k.orderSlaMs).toBe(300_000);
    expect(k.ordersDelayed).toBeGreaterThan(4000);
  });

  it('a clean run leaves only what is in flight at the end (~0) and no delayed order', () => {
    const s = run([]);
    const k = s.kpis;
    const held = (id: string) => node(s, id).inFlight + node(s, id).queueDepth;
    expect(k.ordersUnfulfilled).toBeLessThanOrEqual(held('payment') + held('inventory') + node(s, 'orders').queueDepth);
    expect(k.ordersUnfulfilled).toBeLessThan(0.001 * k.orders);
    expect(k.ordersDelayed).toBe(0);
    expect(k.fulfilmentP99Ms).toBeLessThan(2000);
  });

  it('after a 6-minute outage that drains, fulfilment p99 exceeds the SLA and delayed orders are counted', () => {
    const k = run([paymentDown(60, 420)], 900).kpis;
    expect(k.ordersUnfulfilled).toBeLessThan(50);
    expect(k.fulfilmentP99Ms).toBeGreaterThan(k.orderSlaMs);
    expect(k.fulfilmentP50Ms).toBeLessThan(k.fulfilmentP99Ms);
    expect(k.ordersDelayed).toBeGreaterThan(0);
  });

  it('the SLA comes from the scenario: a longer SLA counts fewer delayed orders', () => {
    const faults = [paymentDown(60, 420)];
    const strict = createSimulation(checkout, { durationSec: 900, seed: 42, faults, orderSlaSec: 60 }).runToEnd().kpis;
    const lax = createSimulation(checkout, { durationSec: 900, seed: 42, faults, orderSlaSec: 3600 }).runToEnd().kpis;
    expect(strict.ordersDelayed).toBeGreaterThan(lax.ordersDelayed);
    expect(lax.ordersDelayed).toBe(0);
    expect(() => createSimulation(checkout, { durationSec: 60, seed: 1, orderSlaSec: 0 })).toThrow(/orderSlaSec/);
  });
});
