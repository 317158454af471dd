import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation';
import { edge, producer, service, topology } from '../test-topologies';

describe('bus routing', () => {
  it('routes by event type and attribute conditions; unmatched events are dropped', () => {
    const events = [
      { atMs: 0, type: 'OrderPlaced', key: 'a', payload: { orderId: 'a', amount: 50, shippingAddress: { country: 'DE' } } },
      { atMs: 1, type: 'OrderPlaced', key: 'b', payload: { orderId: 'b', amount: 500, shippingAddress: { country: 'FR' } } },
      { atMs: 2, type: 'OrderPlaced', key: 'c', payload: { orderId: 'c', amount: 900, shippingAddress: { country: 'DE' } } },
      { atMs: 3, type: 'PaymentFailed', key: 'd', payload: { orderId: 'd', amount: 10 } },
      { atMs: 4, type: 'PriceChanged', key: 'e', payload: { sku: 'X' } },
    ];
    const t = topology('bus', [
      producer('p', { profile: { kind: 'replay', events } }),
      { id: 'bus', name: 'bus', kind: 'bus', position: { x: 0, y: 0 }, settings: {} },
      service('big', { processing: { kind: 'fixed', ms: 1 } }),
      service('de', { processing: { kind: 'fixed', ms: 1 } }),
      service('failures', { processing: { kind: 'fixed', ms: 1 } }),
    ], [
      edge('publish', 'p', 'bus'),
      { ...edge('route', 'bus', 'big', ['OrderPlaced']), conditions: [{ field: 'amount', comparator: '>=', value: '500' }] },
      { ...edge('route', 'bus', 'de', ['OrderPlaced']), conditions: [{ field: 'shippingAddress.country', comparator: '==', value: 'DE' }] },
      edge('route', 'bus', 'failures', ['PaymentFailed']),
    ]);
    const s = createSimulation(t, { durationSec: 1, seed: 1 }).runToEnd();
    const by = (id: string) => s.nodes.find((n) => n.id === id)!;
    expect(by('big').out).toBe(2); // b, c
    expect(by('de').out).toBe(2); // a, c
    expect(by('failures').out).toBe(1);
    expect(by('bus').drops).toBe(1); // PriceChanged
    expect(s.edges.find((e) => e.id === 'bus.big')!.count).toBe(2);
  });
});
