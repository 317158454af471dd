import { describe, expect, it } from 'vitest';
import { edgeBezier, edgeForEvent, indexEdges, pointAt } from './geometry';

describe('token geometry', () => {
  it('starts at the source handle, ends at the target handle, passes the middle', () => {
    const b = edgeBezier({ x: 0, y: 0 }, { x: 200, y: 100 });
    expect(pointAt(b, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAt(b, 1)).toEqual({ x: 200, y: 100 });
    expect(pointAt(b, 0.5)).toEqual({ x: 100, y: 50 });
  });
  it('finds the edge an event travels: by edge id, by source → target, by the consumer for a delivery', () => {
    const idx = indexEdges([
      { id: 'e-storefront-orders', source: 'storefront', target: 'orders' },
      { id: 'e-orders-payment', source: 'orders', target: 'payment' },
    ]);
    expect(edgeForEvent({ source: 'storefront', target: 'e-storefront-orders', status: 'published' }, idx)?.id).toBe('e-storefront-orders');
    expect(edgeForEvent({ source: 'orders', target: 'payment', status: 'delivered' }, idx)?.id).toBe('e-orders-payment');
    expect(edgeForEvent({ source: 'payment', target: '', status: 'delivered' }, idx)?.id).toBe('e-orders-payment');
    expect(edgeForEvent({ source: 'payment', target: '', status: 'processed' }, idx)).toBeUndefined();
  });
});
