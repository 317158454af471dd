import { describe, expect, it } from 'vitest';
import { curveInRect, edgeBezier, edgeForEvent, flowBucket, flowWidthPx, indexEdges, pointAt } from './geometry';

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

describe('flow bands (tokens zoomed out)', () => {
  it('idle edges get no band; busier edges a wider one, by log rate, from 2 to 10 px', () => {
    expect(flowWidthPx(0)).toBe(0);
    expect(flowWidthPx(Number.NaN)).toBe(0);
    expect(flowWidthPx(0.01)).toBeCloseTo(2, 1);
    const w = [1, 10, 100, 1000].map(flowWidthPx);
    for (let i = 1; i < w.length; i++) expect(w[i]!).toBeGreaterThan(w[i - 1]!);
    expect(flowWidthPx(1e9)).toBe(10);
    expect(flowBucket(3.3)).toBe(3.5);
    expect(flowBucket(3.2)).toBe(3);
  });

  it('culls curves outside the view, keeps those crossing it', () => {
    const view = { x0: 0, y0: 0, x1: 100, y1: 100 };
    expect(curveInRect(edgeBezier({ x: -50, y: 50 }, { x: 150, y: 50 }), view)).toBe(true);
    expect(curveInRect(edgeBezier({ x: 200, y: 50 }, { x: 400, y: 50 }), view)).toBe(false);
    expect(curveInRect(edgeBezier({ x: 200, y: 50 }, { x: 400, y: 50 }), view, 120)).toBe(true);
  });
});
