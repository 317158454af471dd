/** Service: a Worker configured from ServiceSettings (instances × concurrency, retries, emits...). */
import type { PayloadFactory } from '../../commerce/payloads';
import type { NodeOfKind } from '../../model/nodes';
import type { RunContext } from '../context';
import type { Msg } from '../message';
import type { Rng } from '../prng';
import { samplerFor } from '../prng';
import { Worker } from './worker';

/** events whose loss costs a message to the customer, not the order */
const NOTIFICATION_EVENTS = new Set(['EmailSent']);

export function createService(node: NodeOfKind<'service'>, ctx: RunContext, payloads: PayloadFactory): Worker {
  const s = node.settings;
  const faults = ctx.faultsOf(node.id);
  for (const w of s.outages) faults.add({ kind: 'down', nodeId: node.id, startSec: w.startSec, endSec: w.endSec });
  for (const w of s.slowdowns) faults.add({ kind: 'slowdown', nodeId: node.id, startSec: w.window.startSec, endSec: w.window.endSec, factor: w.factor });
  return new Worker(node.id, ctx, {
    capacity: s.instances * s.concurrency,
    sample: samplerFor(s.processing),
    failurePct: s.failurePct,
    poisonPct: s.poisonPct,
    maxAttempts: s.retry.maxAttempts,
    backoffMs: s.retry.backoffMs,
    multiplier: s.retry.multiplier,
    answersBuyer: true,
    idempotent: s.idempotent,
    ordersCritical: !(s.emitsOnSuccess.length > 0 && s.emitsOnSuccess.every((t) => NOTIFICATION_EVENTS.has(t))),
    emitsOnSuccess: s.emitsOnSuccess,
    emitsOnFailure: s.emitsOnFailure,
    derive: deriver(ctx, payloads, node.id),
  }, ctx.rngFor(node.id), faults);
}

/** Emitted events inherit key fields from their cause; same-type emits reuse the payload. */
export function deriver(ctx: RunContext, payloads: PayloadFactory, source: string): (type: string, cause: Msg, rng: Rng) => Msg {
  return (type, cause, rng) => {
    const payload = type === cause.type ? cause.payload : payloads.payload(type, rng, cause.payload, ctx.now);
    const key = type === cause.type ? cause.key : payloads.keyOf(type, payload) || cause.key;
    return ctx.newMsg(type, key, payload, cause, source);
  };
}
