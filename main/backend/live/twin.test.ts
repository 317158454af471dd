import { describe, expect, it } from 'vitest';
import { Topology } from '../../../shared/model/topology';
import { checkoutTemplate } from '../../../shared/model/templates';
import { Scenario } from '../../../shared/runtime/api';
import type { RunSummary } from '../../../shared/runtime/api';
import { formatTwin, simulateTwin, twinRows } from './twin';

const topology = Topology.parse(checkoutTemplate());
const scenario = Scenario.parse({ durationSec: 20, seed: 3 });

/** the simulated summary with one service's latency replaced, as a stand-in for a live run */
function withLatency(s: RunSummary, id: string, p50: number, p99: number): RunSummary {
  return { ...s, nodes: s.nodes.map((n) => (n.id === id ? { ...n, latency: { ...n.latency, p50Ms: p50, p99Ms: p99 } } : n)) };
}

describe('twin comparison', () => {
  it('agrees with itself: no finding when live equals the simulation', () => {
    const sim = simulateTwin(topology, scenario);
    const rows = twinRows(sim, sim);
    expect(rows.filter((r) => r.kind === 'service' || r.kind === 'broker').map((r) => r.node).sort()).toEqual(['inventory', 'notification', 'order-status', 'orders', 'payment', 'payments-dlq']);
    expect(rows.filter((r) => r.kind === 'flow').map((r) => r.node).sort()).toEqual(['order → e-mail', 'order → inventory reserved', 'order → payment authorized']);
    expect(rows.filter((r) => r.kind === 'kpi').map((r) => r.node)).toEqual([
      'orders fulfilled', 'orders unfulfilled', 'revenue at risk', 'order → fulfilment p50', 'order → fulfilment p99', 'orders beyond SLA',
    ]);
    expect(rows.find((r) => r.node === 'orders fulfilled')?.simDone).toBe(sim.kpis.ordersFulfilled);
    expect(rows.every((r) => r.finding === '')).toBe(true);
  });

  it('reports a p99 beyond the tolerance as a finding, and keeps small differences quiet', () => {
    const sim = simulateTwin(topology, scenario);
    const pay = sim.nodes.find((n) => n.id === 'payment')!;
    const far = twinRows(sim, withLatency(sim, 'payment', pay.latency.p50Ms, pay.latency.p99Ms * 3 + 100));
    expect(far.find((r) => r.node === 'payment')?.finding).toBe('p99 differ');
    const near = twinRows(sim, withLatency(sim, 'payment', pay.latency.p50Ms + 5, pay.latency.p99Ms + 10));
    expect(near.find((r) => r.node === 'payment')?.finding).toBe('');
    expect(formatTwin(far)).toMatch(/\| payment \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| \d+ \| \d+ \| {2}\| {2}\| p99 differ \|/);
  });
});
