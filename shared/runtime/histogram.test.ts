import { describe, expect, it } from 'vitest';
import { Histogram } from './histogram';
import { Rng } from './prng';

describe('Histogram', () => {
  it('quantiles within 1% relative error of the exact ones across 7 decades', () => {
    const rng = new Rng(3);
    const h = new Histogram();
    const xs: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const x = Math.exp(rng.normal() * 3) * 20; // lognormal spanning µs .. hours
      xs.push(x);
      h.record(x);
    }
    xs.sort((a, b) => a - b);
    for (const q of [0.01, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999]) {
      const exact = xs[Math.ceil(q * xs.length) - 1]!;
      expect(Math.abs(h.quantile(q) - exact) / exact, `q=${q}`).toBeLessThanOrEqual(0.01);
    }
    expect(h.mean()).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 6);
    expect(h.max).toBe(xs[xs.length - 1]);
  });
});
