/** Sink / external system: a Worker with a latency distribution, failures and outages, no retries of its own. */
import type { NodeOfKind } from '../../model/nodes';
import type { RunContext } from '../context';
import { samplerFor } from '../prng';
import { Worker } from './worker';

export function createSink(node: NodeOfKind<'sink'>, ctx: RunContext): Worker {
  const s = node.settings;
  const faults = ctx.faultsOf(node.id);
  for (const w of s.outages) faults.add({ kind: 'down', nodeId: node.id, startSec: w.startSec, endSec: w.endSec });
  return new Worker(node.id, ctx, {
    capacity: s.concurrency,
    sample: samplerFor(s.latency),
    failurePct: s.failurePct,
    poisonPct: 0,
    maxAttempts: 1,
    backoffMs: 0,
    multiplier: 1,
    answersBuyer: false,
    idempotent: true,
    ordersCritical: false,
    emitsOnSuccess: [],
    emitsOnFailure: [],
    derive: () => {
      throw new Error('sinks emit nothing');
    },
  }, ctx.rngFor(node.id), faults);
}
