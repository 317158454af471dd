import { describe, expect, it } from 'vitest';
import { RunSettings } from '../../../shared/api/runs';
import { createSimulation } from '../../../shared/runtime/simulation';
import { RunRecorder } from './run-recorder';
import type { MetricRow, RunBatch } from './run-repository';
import { checkoutTopology } from './test-support';

describe('stored metric series', () => {
  it('stores per-interval system percentiles: after an early outage drains, p99 comes back down; queue depth counts the backlog once', () => {
    const rows: MetricRow[] = [];
    const repo = { writeBatch: (_id: number, b: RunBatch): void => void rows.push(...b.metrics) };
    const rec = new RunRecorder(repo, 1, RunSettings.parse({ retention: 'none' }));
    const sim = createSimulation(checkoutTopology(), { durationSec: 600, seed: 7, snapshotIntervalMs: 10_000, faults: [{ kind: 'down', nodeId: 'payment', startSec: 60, endSec: 180 }] }, { onSnapshot: (s) => rec.onSnapshot(s) });
    const summary = sim.runToEnd();
    rec.flush(sim.now);
    const system = rows.filter((r) => r.node === '');
    const at = (t: number): MetricRow => system.find((r) => r.time_ms === t)!;
    const ordersAt = (t: number): MetricRow => rows.find((r) => r.node === 'orders' && r.time_ms === t)!;
    const before = at(50_000).p99;
    expect(before).toBeGreaterThan(0);
    const draining = Math.max(...system.filter((r) => r.time_ms > 180_000 && r.time_ms <= 300_000).map((r) => r.p99));
    expect(draining).toBeGreaterThan(30 * before); // the drain completes orders that waited minutes
    for (const t of [450_000, 500_000, 550_000, 600_000]) expect(at(t).p99).toBeLessThan(2 * before);
    expect(at(120_000).p99).toBe(0); // nothing completed: drawn as a gap
    expect(summary.flows[0]!.latency.p99Ms).toBeGreaterThan(30 * before);
    // the outage backlog waits in `orders` only: the system depth is not doubled by Payment's lag
    expect(at(170_000).queue_depth).toBeGreaterThan(2000);
    expect(at(170_000).queue_depth).toBeLessThan(ordersAt(170_000).queue_depth + 20);
  });
});
