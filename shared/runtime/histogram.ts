import type { LatencyStats } from './api';

/**
 * HDR-like log-bucket histogram: bucket i covers [g^i, g^(i+1)) with g = 1.02, so reporting a
 * bucket's geometric midpoint is within ±1% of any value in it. Values below 1 µs share
 * bucket 0. Fixed memory (≈1.4k buckets up to ~10⁹ ms), O(1) record; mean/max kept exactly.
 */
const GROWTH = 1.02;
const LOG_G = Math.log(GROWTH);
const MIN = 0.001; // ms
const BUCKETS = Math.ceil(Math.log(1e10 / MIN) / LOG_G) + 1;

export function bucketOf(ms: number): number {
  if (!(ms > MIN)) return 0;
  const i = Math.floor(Math.log(ms / MIN) / LOG_G) + 1;
  return i < BUCKETS ? i : BUCKETS - 1;
}

function valueOf(bucket: number): number {
  if (bucket === 0) return 0;
  // geometric midpoint of [MIN·g^(i-1), MIN·g^i)
  return MIN * Math.pow(GROWTH, bucket - 0.5);
}

export class Histogram {
  private readonly counts = new Float64Array(BUCKETS);
  count = 0;
  sum = 0;
  max = 0;

  record(ms: number): void {
    this.recordAt(bucketOf(ms), ms);
  }

  /** record with a precomputed bucket (one log() shared by the cumulative and interval histograms) */
  recordAt(bucket: number, ms: number): void {
    this.counts[bucket]! += 1;
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.sum = 0;
    this.max = 0;
  }

  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(valueOf(i), this.max);
    }
    return this.max;
  }

  mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  stats(): LatencyStats {
    return {
      count: this.count,
      meanMs: round(this.mean()),
      p50Ms: round(this.quantile(0.5)),
      p95Ms: round(this.quantile(0.95)),
      p99Ms: round(this.quantile(0.99)),
      maxMs: round(this.max),
    };
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
