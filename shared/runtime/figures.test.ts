/**
 * The figures the UI shows, on real runs of the checkout template (docs/runtime.md "Figures"):
 * depth and lag count each waiting message once; latency charts are per interval.
 */
import { describe, expect, it } from 'vitest';
import { checkoutTemplate } from '../model/templates/checkout';
import { Topology } from '../model/topology';
import type { MetricsSnapshot, NodeMetrics, ScenarioInput } from './api';
import { createSimulation } from './simulation';
import { systemIntervalLatency } from './system-figures';

const checkout = (): Topology => Topology.parse(checkoutTemplate());

function run(scenario: ScenarioInput): { snaps: MetricsSnapshot[]; summary: ReturnType<ReturnType<typeof createSimulation>['runToEnd']> } {
  const snaps: MetricsSnapshot[] = [];
  const summary = createSimulation(checkout(), scenario, { onSnapshot: (s) => snaps.push(s) }).runToEnd();
  return { snaps, summary };
}

const node = (s: MetricsSnapshot, id: string): NodeMetrics => s.nodes.find((n) => n.id === id)!;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('queue depth and consumer lag', () => {
  it('a consumer\'s lag never exceeds what its brokers hold for it, in every snapshot of a 9-minute Payment outage', () => {
    const t = checkout();
    const { snaps, summary } = run({ durationSec: 900, seed: 42, snapshotIntervalMs: 5000, faults: [{ kind: 'down', nodeId: 'payment', startSec: 60, endSec: 600 }] });
    const brokers = new Set(t.nodes.filter((n) => n.kind === 'topic' || n.kind === 'queue' || n.kind === 'bus').map((n) => n.id));
    const subscribed = (id: string): string[] => t.edges.filter((e) => e.kind === 'subscribe' && e.target === id).map((e) => e.source);
    let peakLag = 0;
    for (const s of snaps) {
      for (const n of s.nodes) {
        if (brokers.has(n.id) || n.kind === 'producer') {
          expect(n.consumerLag, `${n.id} at ${s.timeMs} ms: lag is a consumer's figure`).toBe(0);
          continue;
        }
        const held = subscribed(n.id).reduce((sum, b) => sum + node(s, b).queueDepth, 0);
        expect(n.consumerLag, `${n.id} at ${s.timeMs} ms`).toBeLessThanOrEqual(held);
      }
      // counted independently: what `orders` still holds for Payment = published − taken by Payment
      const orders = node(s, 'orders');
      const payment = node(s, 'payment');
      const taken = s.edges.find((e) => e.id === 'e-orders-payment')!.count;
      expect(payment.consumerLag, `at ${s.timeMs} ms`).toBe(orders.in - taken);
      // and those messages are not counted a second time as Payment's own depth
      expect(payment.queueDepth + payment.consumerLag, `at ${s.timeMs} ms`).toBe(orders.in - taken);
      expect(payment.consumerLag).toBeLessThanOrEqual(orders.queueDepth);
      peakLag = Math.max(peakLag, payment.consumerLag);
    }
    expect(peakLag).toBeGreaterThan(10_000); // ~20 orders/s for 540 s really waited
    const sum = (id: string) => summary.nodes.find((n) => n.id === id)!;
    expect(sum('orders').queueDepthPeak).toBeGreaterThanOrEqual(peakLag);
    expect(sum('payment').queueDepthPeak).toBe(0); // its backlog was in `orders`, shown there once
  });
});

describe('latency per interval', () => {
  it('after an early outage drains, the per-interval p99 is back near the pre-outage level while the cumulative p99 stays high', () => {
    // Payment down 1:00-3:00: ~3,600 orders wait, drain at ~30/s by ~5:00; the run goes on to 15:00
    const { snaps, summary } = run({ durationSec: 900, seed: 7, snapshotIntervalMs: 10_000, faults: [{ kind: 'down', nodeId: 'payment', startSec: 60, endSec: 180 }] });
    const flow = 'order → payment authorized';
    expect(snaps[0]!.flows[0]!.name).toBe(flow);
    const p99 = (s: MetricsSnapshot): number => systemIntervalLatency(s)!.latency.p99Ms;
    const at = (fromMs: number, toMs: number): MetricsSnapshot[] => snaps.filter((s) => s.timeMs > fromMs && s.timeMs <= toMs);
    const before = median(at(10_000, 60_000).map(p99));
    const drained = at(420_000, 900_000);
    const worst = Math.max(...at(180_000, 420_000).map(p99));
    expect(before).toBeGreaterThan(200);
    expect(before).toBeLessThan(2_000);
    expect(worst).toBeGreaterThan(60_000); // the drain delivers orders that waited minutes
    for (const s of drained) {
      expect(systemIntervalLatency(s)!.latency.count, `at ${s.timeMs} ms`).toBeGreaterThan(0);
      expect(p99(s), `at ${s.timeMs} ms`).toBeLessThan(2 * before);
    }
    // the cumulative figure (summary, report card) keeps the outage in it
    const cumulative = summary.flows.find((f) => f.name === flow)!.latency.p99Ms;
    expect(cumulative).toBeGreaterThan(20 * before);
    expect(snaps.at(-1)!.flows[0]!.latency.p99Ms).toBe(cumulative);
  });

  it('an interval in which nothing completed has no percentile (count 0), not a 0 ms one hidden among real ones', () => {
    const { snaps } = run({ durationSec: 240, seed: 3, snapshotIntervalMs: 10_000, faults: [{ kind: 'down', nodeId: 'payment', startSec: 60, endSec: 180 }] });
    const during = snaps.filter((s) => s.timeMs > 70_000 && s.timeMs <= 180_000);
    expect(during.length).toBeGreaterThan(5);
    for (const s of during) expect(systemIntervalLatency(s)!.latency).toMatchObject({ count: 0, p99Ms: 0 });
  });
});
