import { describe, expect, it } from 'vitest';
import { createSimulation } from '../runtime/simulation';
import { Scenario } from '../runtime/api';
import { edge, producer, queue, service, topology } from '../runtime/test-topologies';
import type { BacklogSeries } from './backpressure';
import { compareBackpressure, drainMs } from './backpressure';

/** 2/s, a burst of 10/s from 500 s to 1500 s, into a queue drained by 6 servers of 1 s */
const burst = topology('burst', [
  producer('p', { emits: ['OrderPlaced'], profile: { kind: 'burst', baseRatePerSec: 2, burstRatePerSec: 10, burstStartSec: 500, burstDurationSec: 1000 } }),
  queue('q', { capacity: 10_000_000 }),
  service('s', { instances: 6, concurrency: 1, processing: { kind: 'exponential', meanMs: 1000 }, retry: { maxAttempts: 1, backoffMs: 0, multiplier: 1 } }),
], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 's')]);

describe('compareBackpressure: predicted vs a run\'s series', () => {
  it('without a run: the prediction only; with the run\'s snapshots: measured figures close to it, drain time from the peak', () => {
    const scenario = Scenario.parse({ durationSec: 4000, seed: 3, snapshotIntervalMs: 5000 });
    const [only] = compareBackpressure(burst, scenario, 1000);
    expect(only!.measured).toBeUndefined();
    // grows (10 − 6)/s for 1000 s to 4000, drains at (6 − 2)/s: under 1000 again 750 s after the peak
    expect(drainMs(only!.predicted)).toBeCloseTo(750_000, 3);

    const series: BacklogSeries = [{ timeMs: 0, depth: 0 }];
    createSimulation(burst, { ...scenario, eventLog: 'none' }, { onSnapshot: (s) => series.push({ timeMs: s.timeMs, depth: s.nodes.find((n) => n.id === 'q')!.queueDepth }) }).runToEnd();
    const [row] = compareBackpressure(burst, scenario, 1000, (id) => (id === 'q' ? series : undefined));
    const m = row!.measured!;
    expect(Math.abs(m.growthPerSec - 4) / 4).toBeLessThan(0.1);
    expect(Math.abs(m.peak - 4000) / 4000).toBeLessThan(0.1);
    expect(Math.abs(drainMs(m)! - 750_000) / 750_000).toBeLessThan(0.15);
    expect(drainMs({ ...m, belowAtMs: null })).toBeNull();
  });
});
