/**
 * The what-if layer against closed forms: a sweep of M/M/c servers reproduces Erlang C, a goal
 * seek finds the c that Erlang C says, the backpressure fluid model matches an overloaded
 * queue's (λ − cμ)·t growth and the measured backlog.
 */
import { describe, expect, it } from 'vitest';
import { Scenario } from '../runtime/api';
import { edge, producer, queue, service, topology } from '../runtime/test-topologies';
import { predictBackpressure } from './backpressure';
import { runCell } from './cell-run';
import { parseGoal, seekGoal } from './goal-seek';
import { cellInput, planSweep } from './sweep-plan';
import { runSweepHere } from './sweep-table';

const noRetry = { maxAttempts: 1, backoffMs: 0, multiplier: 1 };

/** Erlang C: P(wait) in M/M/c and the mean wait Wq = P(wait) / (cμ − λ), in seconds */
function erlangC(c: number, lambda: number, mu: number): { pWait: number; wq: number } {
  const a = lambda / mu;
  const rho = a / c;
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const last = (term * a) / c;
  const pWait = last / (1 - rho) / (sum + last / (1 - rho));
  return { pWait, wq: pWait / (c * mu - lambda) };
}

/** producer (Poisson λ) → queue → service with c exponential servers of mean 1/μ */
const mmc = (lambda: number, c: number, profile?: object): ReturnType<typeof topology> => topology('mmc', [
  producer('p', { emits: ['OrderPlaced'], profile: (profile ?? { kind: 'poisson', ratePerSec: lambda }) as { kind: 'poisson'; ratePerSec: number } }),
  queue('q', { capacity: 10_000_000 }),
  service('s', { instances: c, concurrency: 1, processing: { kind: 'exponential', meanMs: 1000 }, retry: noRetry }),
], [edge('publish', 'p', 'q'), edge('subscribe', 'q', 's')]);

describe('M/M/c sweep against Erlang C', () => {
  it('c = 1..6 at λ = 0.7, μ = 1: mean time in system within 3% in every cell, mean wait within 3% where waiting is common', () => {
    const plan = planSweep({ topology: mmc(0.7, 1), scenario: { durationSec: 400_000, seed: 3 }, axes: [{ path: 's.instances', from: 1, to: 6, step: 1 }], seeds: 1 });
    if (!plan.ok) throw new Error(plan.issues.join('\n'));
    const cells = runSweepHere(plan.plan).cells();
    expect(cells.map((c) => c.coords[0])).toEqual([1, 2, 3, 4, 5, 6]);
    for (const cell of cells) {
      const c = cell.coords[0]!;
      const { pWait, wq } = erlangC(c, 0.7, 1);
      // the queue's latency is the wait for a server; the service's runs from the enqueue to the end (W)
      const wqMeasured = cell.stats['q.mean']!.mean / 1000;
      const w = cell.stats['s.mean']!.mean / 1000;
      expect(Math.abs(w - (wq + 1)) / (wq + 1), `c=${c} W`).toBeLessThan(0.03);
      // at c ≥ 3 under 4% of customers wait at all and Wq is a few ms: 3% of it needs tens of millions of arrivals
      if (pWait > 0.1) expect(Math.abs(wqMeasured - wq) / wq, `c=${c} Wq`).toBeLessThan(0.03);
      expect(Math.abs(cell.stats['s.utilisation']!.mean - 0.7 / c), `c=${c} ρ`).toBeLessThan(0.01);
    }
  });

  it('goal seek "min s.instances where q.mean < 100ms" at λ = 3.2, μ = 1 finds the c Erlang C gives, with the neighbour as evidence', async () => {
    const expected = [4, 5, 6, 7, 8, 9, 10, 11, 12].find((c) => erlangC(c, 3.2, 1).wq < 0.1)!;
    expect(expected).toBe(6); // Wq(5) = 160 ms, Wq(6) = 45 ms
    const t = mmc(3.2, 4);
    const goal = parseGoal('min s.instances where q.mean < 100ms and ordersLost = 0');
    if (!goal.ok) throw new Error(goal.reason);
    const plan = planSweep({ topology: t, scenario: { durationSec: 30_000, seed: 1 }, axes: [{ path: 's.instances', from: 4, to: 12, step: 1 }], seeds: 2 });
    if (!plan.ok) throw new Error(plan.issues.join('\n'));
    const p = plan.plan;
    const answer = await seekGoal(goal.value, p.axes[0]!.values, async (c) => {
      const input = cellInput(p, [c]);
      if (!input.ok) throw new Error(input.reason);
      return p.seeds.map((seed) => runCell(0, input.topology, input.scenario, seed).metrics);
    });
    expect(answer.answer).toBe(expected);
    expect(answer.failing?.value).toBe(expected - 1);
    expect(answer.failing?.meets).toBe(false);
    expect(answer.probes.length).toBeLessThanOrEqual(5); // bisection over 9 candidates, not 9 runs
  });
});

describe('time to backpressure', () => {
  it('a queue overloaded from t0 (λ = 10, cμ = 6): predicted growth (ρ − 1)·cμ = 4/s; measured slope and threshold crossing within 5%', () => {
    const t = mmc(10, 6);
    const scenario = Scenario.parse({ durationSec: 3000, seed: 7 });
    const [pred] = predictBackpressure(t, scenario, 8000);
    expect(pred!.predicted.growthPerSec).toBeCloseTo(4, 9);
    expect(pred!.predicted.crossesAtMs).toBeCloseTo(2_000_000, 3);
    const measured = runCell(0, t, scenario, 7, 8000).backlog.q!;
    expect(Math.abs(measured.growthPerSec - 4) / 4).toBeLessThan(0.05);
    expect(Math.abs(measured.crossesAtMs! - 2_000_000) / 2_000_000).toBeLessThan(0.05);
    expect(measured.fullAtMs).toBeNull();
  });

  it('a burst (2/s → 10/s for 1000 s → 2/s, cμ = 6): peak and drain time as predicted, within 5% over 4 seeds', () => {
    const t = mmc(0, 6, { kind: 'burst', baseRatePerSec: 2, burstRatePerSec: 10, burstStartSec: 500, burstDurationSec: 1000 });
    const scenario = Scenario.parse({ durationSec: 4000, seed: 2 });
    const [pred] = predictBackpressure(t, scenario, 1000);
    // grows 4/s for 1000 s, drains at 6 − 2 = 4/s: under 1000 again 750 s after the peak
    expect(pred!.predicted.peak).toBeCloseTo(4000, 6);
    expect(pred!.predicted.peakAtMs).toBe(1_500_000);
    expect(pred!.predicted.crossesAtMs).toBeCloseTo(750_000, 3);
    expect(pred!.predicted.belowAtMs).toBeCloseTo(2_250_000, 3);
    // one seed's peak is a maximum of noise (±5% here); a cell's mean over seeds is what a sweep reports
    const runs = [1, 2, 3, 4].map((seed) => runCell(0, t, scenario, seed, 1000).backlog.q!);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean(runs.map((m) => m.peak)) - 4000) / 4000).toBeLessThan(0.05);
    expect(Math.abs(mean(runs.map((m) => m.belowAtMs!)) - 2_250_000) / 2_250_000).toBeLessThan(0.05);
    expect(Math.abs(mean(runs.map((m) => m.crossesAtMs!)) - 750_000) / 750_000).toBeLessThan(0.05);
  });
});
