import { describe, expect, it } from 'vitest';
import { estimateLoad } from './capacity';
import { adviceText, capacityAdvice } from './capacity-advice';
import { topologyGraph } from './graph';
import { lintTopology } from './lint';
import { checkoutTemplate } from './templates';
import { Topology } from './topology';
import { build, edge, node } from './test-builders';
import { createSimulation } from '../runtime/simulation';
import type { MetricsSnapshot } from '../runtime/api';

/** The checkout example with the storefront at `rate`/s and Payment at instances × concurrency. */
function checkout(rate: number, instances: number, concurrency: number, partitions?: number): Topology {
  const t = Topology.parse(checkoutTemplate());
  for (const n of t.nodes) {
    if (n.kind === 'producer') n.settings.profile = { kind: 'poisson', ratePerSec: rate };
    if (n.kind === 'service' && n.id === 'payment') Object.assign(n.settings, { instances, concurrency });
    if (n.kind === 'topic' && n.id === 'orders' && partitions !== undefined) n.settings.partitions = partitions;
  }
  return t;
}

function adviceFor(t: Topology, id: string) {
  const g = topologyGraph(t);
  const node = g.byId.get(id);
  if (!node) throw new Error(`no node ${id}`);
  return capacityAdvice(node, estimateLoad(t, g).get(id), g);
}

describe('capacity advice names the binding factor and a remedy that works', () => {
  it('the 500/s checkout with Payment at 20 × 32: partitions of orders bind, not instances', () => {
    const a = adviceFor(checkout(500, 20, 32), 'payment');
    expect(a?.binding).toBe('partitions');
    expect(a?.capacityPerSec).toBeCloseTo(49.9, 0);
    expect(a?.limit).toContain('"orders" has 12 partitions');
    expect(a?.limit).toContain('at most 12 lanes');
    expect(a?.computation).toMatch(/^12 lanes × 1000 \/ 24\d(\.\d)? ms per message = 49\.9\/s$/);
    expect(a?.timeParts).toContain('waiting on "Payment gateway" (synchronous call)');
    expect(a?.remedy).toMatch(/^raise "orders" to \d+ partitions → /);
    expect(a?.remedy).not.toContain('instances');
  });

  it('120 partitions give ≈ 499/s (within 2 %), and following the remedy reaches what it promises', () => {
    const at120 = estimateLoad(checkout(500, 20, 32, 120)).get('payment');
    expect(at120?.capacityPerSec).toBeGreaterThan(499 * 0.98);
    expect(at120?.capacityPerSec).toBeLessThan(499 * 1.02);
    const a = adviceFor(checkout(500, 20, 32), 'payment');
    const p = Number(/to (\d+) partitions/.exec(a?.remedy ?? '')?.[1]);
    const after = estimateLoad(checkout(500, 20, 32, p)).get('payment');
    expect(after?.capacityPerSec).toBeCloseTo(a?.remedyCapacityPerSec ?? NaN, 6);
    expect(after?.utilisation).toBeLessThanOrEqual(0.8);
    // and one partition fewer would not have been enough
    expect(estimateLoad(checkout(500, 20, 32, p - 1)).get('payment')?.utilisation).toBeGreaterThan(0.8);
  });

  it('with enough partitions, instances × concurrency bind and the remedy sizes instances', () => {
    const t = checkout(100, 2, 8, 200);
    const a = adviceFor(t, 'payment');
    expect(a?.binding).toBe('callee'); // most of 240 ms is the gateway call
    expect(a?.limit).toContain('2 instances × 8 concurrency = 16 slots');
    const inst = Number(/run (\d+) instances/.exec(a?.remedy ?? '')?.[1]);
    expect(inst).toBeGreaterThan(2);
    const after = checkout(100, inst, 8, 200);
    expect(estimateLoad(after).get('payment')?.utilisation).toBeLessThanOrEqual(0.8);
    expect(estimateLoad(checkout(100, inst - 1, 8, 200)).get('payment')?.utilisation).toBeGreaterThan(0.8);
  });

  it('the lint message and its severity: overload is a warning that says how fast the backlog grows', () => {
    const problems = lintTopology(checkout(500, 20, 32));
    const p = problems.find((x) => x.code === 'capacity-exceeded' && x.nodeId === 'payment');
    expect(p?.severity).toBe('warning');
    expect(p?.message).toContain('"orders" has 12 partitions');
    expect(p?.message).toMatch(/backlog grows by ≈ 45\d\/s/);
    expect(p?.message).toMatch(/full after ≈ /);
    expect(p?.message).not.toContain('Add instances or concurrency');
    expect(problems.some((x) => x.severity === 'error')).toBe(false);
  });

  it('adviceText carries computation, limit and remedy in one paragraph', () => {
    const a = adviceFor(checkout(500, 20, 32), 'payment');
    if (!a) throw new Error('no advice');
    const text = adviceText(a);
    for (const part of [a.computation, a.limit, a.remedy]) expect(text).toContain(part);
  });
});

describe('an overloaded design runs, and backs up as the warning says', () => {
  it('λ 120/s into μ 100/s: the run completes and the backlog after 300 s is (λ − μ)·t within 5 %', () => {
    const t = build([
      node('producer', 'p', { profile: { kind: 'constant', ratePerSec: 120 } }), node('queue', 'q', { deadLetterTarget: 'dlq' }), node('queue', 'dlq'),
      node('service', 's', { instances: 1, concurrency: 10, processing: { kind: 'fixed', ms: 100 } }),
    ], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 's')]);
    const warning = lintTopology(t).find((x) => x.code === 'capacity-exceeded');
    expect(warning?.severity).toBe('warning');
    const growth = Number(/grows by ≈ ([\d.]+)\/s/.exec(warning?.message ?? '')?.[1]);
    expect(growth).toBeCloseTo(20, 5);
    let last: MetricsSnapshot | undefined;
    const sim = createSimulation(t, { durationSec: 300, seed: 7 }, { onSnapshot: (x) => { last = x; } });
    sim.runToEnd();
    expect(sim.done).toBe(true);
    const depth = last?.nodes.find((n) => n.id === 'q')?.queueDepth ?? NaN;
    expect(Math.abs(depth - growth * 300) / (growth * 300)).toBeLessThan(0.05);
  });
});
