import { describe, expect, it } from 'vitest';
import { estimateLoads, nodeCapacityPerSec } from './capacity';
import { checkoutTemplate } from './templates';
import { Topology } from './topology';

describe('estimateLoads', () => {
  const t = Topology.parse(checkoutTemplate());
  const loads = estimateLoads(t.nodes, t.edges);

  it('gives every topic subscriber the producer rate', () => {
    expect(loads.get('orders')?.arrivalPerSec).toBe(20);
    expect(loads.get('payment')?.arrivalPerSec).toBe(20);
    expect(loads.get('inventory')?.arrivalPerSec).toBe(20);
  });

  it('computes ρ = arrival / (instances × concurrency / mean processing time)', () => {
    const payment = t.nodes.find((n) => n.id === 'payment');
    if (!payment) throw new Error('template changed');
    expect(nodeCapacityPerSec(payment)).toBeCloseTo((2 * 8 * 1000) / 80);
    expect(loads.get('payment')?.utilisation).toBeCloseTo(20 / 200);
    expect(loads.get('orders')?.utilisation).toBeUndefined();
  });

  it('splits a queue between competing consumers and survives cycles', () => {
    const q = Topology.parse({
      schemaVersion: 1, name: 'q',
      nodes: [
        { id: 'p', kind: 'producer', name: 'p', position: { x: 0, y: 0 }, settings: { profile: { kind: 'constant', ratePerSec: 100 } } },
        { id: 'q', kind: 'queue', name: 'q', position: { x: 0, y: 0 }, settings: {} },
        { id: 'a', kind: 'service', name: 'a', position: { x: 0, y: 0 }, settings: {} },
        { id: 'b', kind: 'service', name: 'b', position: { x: 0, y: 0 }, settings: {} },
      ],
      edges: [
        { id: 'e1', kind: 'publish', source: 'p', target: 'q' },
        { id: 'e2', kind: 'subscribe', source: 'q', target: 'a' },
        { id: 'e3', kind: 'subscribe', source: 'q', target: 'b' },
        { id: 'e4', kind: 'publish', source: 'a', target: 'q' },
      ],
    });
    const l = estimateLoads(q.nodes, q.edges);
    expect(l.get('a')?.arrivalPerSec).toBe(50);
    expect(l.get('b')?.arrivalPerSec).toBe(50);
  });
});
