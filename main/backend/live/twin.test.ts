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

  it('marks the "done" difference with its reason when the simulation stops with a backlog a live run drained', () => {
    // payment at 1 × 1 cannot keep up with 20 orders/s: the simulation ends with a long backlog
    const t = Topology.parse(checkoutTemplate());
    const pay = t.nodes.find((n) => n.id === 'payment');
    if (pay?.kind !== 'service') throw new Error('fixture');
    pay.settings.instances = 1;
    pay.settings.concurrency = 1;
    const sim = simulateTwin(t, scenario);
    const simPay = sim.nodes.find((n) => n.id === 'payment')!;
    const left = simPay.consumerLag + simPay.inFlight;
    expect(left).toBeGreaterThan(100);
    // a live run that drained it: payment did everything, no backlog, no open order
    const drainedLive: RunSummary = {
      ...sim,
      nodes: sim.nodes.map((n) => (n.id === 'payment' ? { ...n, out: n.out + left, consumerLag: 0, inFlight: 0 } : n)),
      kpis: { ...sim.kpis, ordersFulfilled: sim.kpis.ordersFulfilled + sim.kpis.ordersUnfulfilled, ordersUnfulfilled: 0, revenueAtRisk: 0 },
    };
    const rows = twinRows(sim, drainedLive);
    const row = rows.find((r) => r.node === 'payment')!;
    expect(row.finding).toBe('');
    expect(row.note).toMatch(new RegExp(`^done differs as expected: the simulation stops at 20 s with ${left} messages still waiting or in flight; the live run drained them`));
    for (const k of ['orders fulfilled', 'orders unfulfilled', 'revenue at risk']) {
      const r = rows.find((x) => x.kind === 'kpi' && x.node === k)!;
      expect(r.finding, k).toBe('');
      expect(r.note, k).toMatch(/orders still waiting or in flight; the live run drained them/);
    }
    expect(formatTwin(rows)).toContain('| done differs as expected');
    // far more done live than the backlog explains (beyond the tolerance): a finding, not a note
    const tooMany: RunSummary = { ...drainedLive, nodes: drainedLive.nodes.map((n) => (n.id === 'payment' ? { ...n, out: (n.out + left) * 3 } : n)) };
    const bad = twinRows(sim, tooMany).find((r) => r.node === 'payment')!;
    expect(bad.finding).toBe('completions differ');
    expect(bad.note).toBe('');
    // the same difference without a simulated backlog (live simply did more): a finding as well
    const noBacklog: RunSummary = { ...sim, nodes: sim.nodes.map((n) => (n.id === 'inventory' ? { ...n, out: n.out * 3 } : n)) };
    expect(twinRows(sim, noBacklog).find((r) => r.node === 'inventory')!.finding).toBe('completions differ');
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
