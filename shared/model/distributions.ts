import { z } from 'zod';

/** Time distributions used for processing times and external latencies, in milliseconds. */
export const Distribution = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), ms: z.number().min(0).max(3_600_000) }),
  z.object({
    kind: z.literal('uniform'),
    minMs: z.number().min(0).max(3_600_000),
    maxMs: z.number().min(0).max(3_600_000),
  }).refine((d) => d.maxMs >= d.minMs, { message: 'maxMs must be ≥ minMs', path: ['maxMs'] }),
  z.object({ kind: z.literal('exponential'), meanMs: z.number().positive().max(3_600_000) }),
  z.object({
    kind: z.literal('lognormal'),
    meanMs: z.number().positive().max(3_600_000),
    /** shape parameter of the underlying normal; 0.25 mild tail, 1 heavy tail */
    sigma: z.number().min(0.01).max(3),
  }),
]);
export type Distribution = z.infer<typeof Distribution>;

export function distributionMeanMs(d: Distribution): number {
  switch (d.kind) {
    case 'fixed': return d.ms;
    case 'uniform': return (d.minMs + d.maxMs) / 2;
    case 'exponential': return d.meanMs;
    case 'lognormal': return d.meanMs;
  }
}

/** A time window in simulated seconds from the start of the run. */
export const TimeWindow = z.object({
  startSec: z.number().min(0),
  endSec: z.number().min(0),
}).refine((w) => w.endSec > w.startSec, { message: 'endSec must be after startSec', path: ['endSec'] });
export type TimeWindow = z.infer<typeof TimeWindow>;
