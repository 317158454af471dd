import { describe, expect, it } from 'vitest';
import { build, edge, node } from '../model/test-builders';
import type { Fault, MetricsSnapshot } from './api';
import { createSimulation } from './simulation';

/** 120/s into a queue drained by a service of `instances` × 10 slots of 100 ms each (100/s per instance). */
const overloaded = (instances: number) => build([
  node('producer', 'p', { profile: { kind: 'constant', ratePerSec: 120 } }), node('queue', 'q', { deadLetterTarget: 'dlq' }), node('queue', 'dlq'),
  node('service', 's', { instances, concurrency: 10, processing: { kind: 'fixed', ms: 100 } }),
], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 's')]);

function depths(faults: Fault[], durationSec = 300): Map<number, number> {
  const out = new Map<number, number>();
  const sim = createSimulation(overloaded(1), { durationSec, seed: 3, faults, snapshotIntervalMs: 10_000 }, {
    onSnapshot: (s: MetricsSnapshot) => out.set(s.timeMs / 1000, s.nodes.find((n) => n.id === 'q')?.queueDepth ?? NaN),
  });
  sim.runToEnd();
  return out;
}

describe('live scaling (a scale window)', () => {
  it('scaling 1 → 2 instances at 100 s stops the backlog growing and drains it at (μ2 − λ)/s', () => {
    const plain = depths([]);
    const scaled = depths([{ kind: 'scale', nodeId: 's', startSec: 100, endSec: 300, instances: 2, concurrency: 10 }]);
    // before: identical runs (same seed), growing by λ − μ = 20/s
    expect(scaled.get(90)).toBe(plain.get(90));
    expect(plain.get(100)!).toBeGreaterThan(0.9 * 20 * 100);
    // after: 200/s of capacity against 120/s drains 80/s: 2,000 gone in ≈ 25 s
    expect(scaled.get(150)).toBe(0);
    expect(plain.get(300)!).toBeGreaterThan(0.95 * 20 * 300);
  });

  it('a scale window that ends brings the old capacity back (the backlog grows again)', () => {
    const d = depths([{ kind: 'scale', nodeId: 's', startSec: 0, endSec: 150, instances: 2, concurrency: 10 }]);
    expect(d.get(150)).toBe(0);
    expect(d.get(300)!).toBeGreaterThan(0.9 * 20 * 150);
  });

  it('applies to services and sinks only, with a clear error', () => {
    expect(() => depths([{ kind: 'scale', nodeId: 'q', startSec: 0, endSec: 10, instances: 2, concurrency: 1 }], 10)).toThrow(/"scale" fault applies to service or sink nodes; "q" is a queue/);
  });
});
