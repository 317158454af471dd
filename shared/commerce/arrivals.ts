/**
 * Arrival processes for producers: the time of the next arrival after `t` for a profile,
 * optionally multiplied by burst faults. Piecewise-constant rates are sampled exactly (an
 * exponential draw that crosses a rate change restarts from the change: memorylessness);
 * the diurnal curve is sampled by thinning.
 */
import type { ArrivalProfile } from '../model/arrival-profiles';
import type { Rng } from '../runtime/prng';

export interface RateModifier {
  burstFactor(t: number): number;
  rateBoundaries(): number[];
}

export class ArrivalProcess {
  private readonly boundaries: number[];

  constructor(private readonly profile: Exclude<ArrivalProfile, { kind: 'replay' }>, private readonly mod: RateModifier | null) {
    const b: number[] = [];
    if (profile.kind === 'burst') b.push(profile.burstStartSec * 1000, (profile.burstStartSec + profile.burstDurationSec) * 1000);
    if (profile.kind === 'step') for (const s of profile.steps) b.push(s.atSec * 1000);
    if (mod !== null) b.push(...mod.rateBoundaries());
    this.boundaries = [...new Set(b)].sort((x, y) => x - y);
  }

  /** events per ms at time t (ms) */
  rateAt(t: number): number {
    const p = this.profile;
    let perSec: number;
    switch (p.kind) {
      case 'constant':
      case 'poisson': perSec = p.ratePerSec; break;
      case 'burst': perSec = t >= p.burstStartSec * 1000 && t < (p.burstStartSec + p.burstDurationSec) * 1000 ? p.burstRatePerSec : p.baseRatePerSec; break;
      case 'step': {
        perSec = 0;
        for (const s of p.steps) if (s.atSec * 1000 <= t) perSec = s.ratePerSec;
        break;
      }
      case 'diurnal': {
        const phase = (2 * Math.PI * (t / 1000 - p.peakAtSec)) / p.periodSec;
        perSec = p.meanRatePerSec * (1 + p.amplitude * Math.cos(phase));
        break;
      }
    }
    const f = this.mod === null ? 1 : this.mod.burstFactor(t);
    return (perSec * f) / 1000;
  }

  private nextBoundary(t: number): number {
    for (const b of this.boundaries) if (b > t) return b;
    return Infinity;
  }

  /** next arrival strictly after t, or Infinity when the rate stays 0 */
  next(t: number, rng: Rng): number {
    const p = this.profile;
    for (let guard = 0; guard < 100_000; guard++) {
      const boundary = this.nextBoundary(t);
      let rate: number;
      if (p.kind === 'diurnal') {
        const f = this.mod === null ? 1 : this.mod.burstFactor(t);
        rate = (p.meanRatePerSec * (1 + p.amplitude) * f) / 1000;
      } else {
        rate = this.rateAt(t);
      }
      if (rate <= 0) {
        if (boundary === Infinity) return Infinity;
        t = boundary;
        continue;
      }
      const dt = p.kind === 'constant' ? 1 / rate : rng.exp(1 / rate);
      if (t + dt >= boundary) {
        t = boundary;
        continue;
      }
      t += dt;
      if (p.kind === 'diurnal' && rng.next() * rate > this.rateAt(t)) continue; // thinning
      return t;
    }
    return Infinity;
  }
}
