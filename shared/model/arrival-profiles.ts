import { z } from 'zod';

const rate = z.number().min(0).max(1_000_000); // events per second

/** How a producer's events (or customer sessions) arrive over simulated time. */
export const ArrivalProfile = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant'), ratePerSec: rate }),
  z.object({ kind: z.literal('poisson'), ratePerSec: rate }),
  z.object({
    kind: z.literal('burst'),
    baseRatePerSec: rate,
    burstRatePerSec: rate,
    burstStartSec: z.number().min(0),
    burstDurationSec: z.number().positive(),
  }),
  z.object({
    kind: z.literal('diurnal'),
    meanRatePerSec: rate,
    /** 0 = flat, 1 = rate swings between 0 and 2x mean */
    amplitude: z.number().min(0).max(1),
    periodSec: z.number().positive().default(86_400),
    /** time of the peak within the period */
    peakAtSec: z.number().min(0).default(72_000),
  }),
  z.object({
    kind: z.literal('step'),
    steps: z.array(z.object({ atSec: z.number().min(0), ratePerSec: rate })).min(1).max(1000),
  }),
  z.object({
    kind: z.literal('replay'),
    /** recorded events: offset from start + type (+ optional key/payload) */
    events: z.array(z.object({
      atMs: z.number().min(0),
      type: z.string().min(1).max(100),
      key: z.string().max(200).optional(),
      payload: z.record(z.string(), z.unknown()).optional(),
    })).max(1_000_000),
  }),
]);
export type ArrivalProfile = z.infer<typeof ArrivalProfile>;

/** Mean rate of a profile over a long run, for quick utilisation estimates. */
export function profileMeanRate(p: ArrivalProfile, horizonSec = 3600): number {
  switch (p.kind) {
    case 'constant':
    case 'poisson': return p.ratePerSec;
    case 'diurnal': return p.meanRatePerSec;
    case 'burst': {
      const inBurst = Math.max(0, Math.min(p.burstDurationSec, horizonSec - p.burstStartSec));
      return (p.baseRatePerSec * (horizonSec - inBurst) + p.burstRatePerSec * inBurst) / horizonSec;
    }
    case 'step': return Math.max(...p.steps.map((s) => s.ratePerSec));
    case 'replay': return p.events.length === 0 ? 0 : p.events.length / Math.max(1, (p.events[p.events.length - 1]?.atMs ?? 0) / 1000);
  }
}

/** Peak instantaneous rate: what decides whether a queue can keep up during a burst. */
export function profilePeakRate(p: ArrivalProfile): number {
  switch (p.kind) {
    case 'burst': return Math.max(p.baseRatePerSec, p.burstRatePerSec);
    case 'diurnal': return p.meanRatePerSec * (1 + p.amplitude);
    default: return profileMeanRate(p);
  }
}
