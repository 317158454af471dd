/**
 * Seeded PRNG (sfc32: small, fast, passes PractRand) with the samplers the runtime needs.
 * Every node gets its own stream (seed mixed with the node id), so adding a node does not
 * perturb the random draws of the others.
 */
import type { Distribution } from '../model/distributions';

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88 ^ stream;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.nextU32();
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** uniform in [0, 1) */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** exponential with the given mean (inverse transform; 1 - u avoids log(0)) */
  exp(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  normal(): number {
    // Box-Muller; one value per call keeps the stream position simple to reason about.
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  chance(pct: number): boolean {
    return pct > 0 && this.next() * 100 < pct;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/** 32-bit FNV-1a of a string: node-id stream numbers, partition keys, log hashes. */
export function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A sampler for a processing-time / latency distribution, in ms. */
export type Sampler = (rng: Rng) => number;

export function samplerFor(d: Distribution): Sampler {
  switch (d.kind) {
    case 'fixed': {
      const ms = d.ms;
      return () => ms;
    }
    case 'uniform': {
      const lo = d.minMs;
      const span = d.maxMs - d.minMs;
      return (r) => lo + span * r.next();
    }
    case 'exponential': {
      const mean = d.meanMs;
      return (r) => r.exp(mean);
    }
    case 'lognormal': {
      // meanMs is the mean of the lognormal itself: mu = ln(mean) - sigma²/2
      const sigma = d.sigma;
      const mu = Math.log(d.meanMs) - (sigma * sigma) / 2;
      return (r) => Math.exp(mu + sigma * r.normal());
    }
  }
}
