import { describe, expect, it } from 'vitest';
import { checkoutTemplate } from '../model/templates';
import { parseTopology } from '../model/validate';
import type { EventChunk, SimEvent } from './api';
import { SIM_EVENT_STATUSES } from './api';
import { EVENT_CHUNK_SIZE } from './event-log';
import { createSimulation } from './simulation';

function checkout() {
  const r = parseTopology(checkoutTemplate());
  if (!r.ok) throw new Error('template invalid');
  return r.value;
}

/** a chunk's records as SimEvents (what a consumer of the columns can rebuild) */
function rows(c: EventChunk): SimEvent[] {
  const out: SimEvent[] = [];
  for (let j = 0; j < c.length; j++) {
    const e: SimEvent = {
      seq: c.firstSeq + j, id: c.id[j]!, type: c.names.types[c.type[j]!]!, time: c.time[j]!, key: c.key[j]!, payload: c.payload[j]!,
      correlationId: c.correlationId[j]!, causationId: c.causationId[j]! < 0 ? null : c.causationId[j]!,
      source: c.names.nodes[c.source[j]!]!, target: c.names.nodes[c.target[j]!]!, status: SIM_EVENT_STATUSES[c.status[j]!]!,
    };
    if (c.attempt[j]! >= 0) e.attempt = c.attempt[j]!;
    if (c.reason[j]! >= 0) e.reason = c.names.reasons[c.reason[j]!]!;
    out.push(e);
  }
  return out;
}

describe('event log in columns (onEventChunk)', () => {
  it('carries exactly the records onEvent gets, in order, across chunk boundaries and runUntil slices; same hash', () => {
    const t = checkout();
    // a 30 % error rate on payment gives failed/retried records with attempts and reasons
    const faults = [{ kind: 'error-rate' as const, nodeId: 'payment', startSec: 10, endSec: 30, failurePct: 30 }];
    const objects: SimEvent[] = [];
    const a = createSimulation(t, { durationSec: 40, seed: 9, eventLog: 'all', faults }, { onEvent: (e) => objects.push(e) }).runToEnd();
    const fromChunks: SimEvent[] = [];
    const sizes: number[] = [];
    const sim = createSimulation(t, { durationSec: 40, seed: 9, eventLog: 'all', faults }, {
      onEventChunk: (c) => {
        sizes.push(c.length);
        fromChunks.push(...rows(c));
      },
    });
    while (!sim.done) sim.runUntil(sim.now + 15_000);
    const b = sim.summary();
    expect(objects.length).toBeGreaterThan(EVENT_CHUNK_SIZE * 2);
    expect(objects.some((e) => e.reason !== undefined && e.attempt !== undefined)).toBe(true);
    expect(fromChunks).toEqual(objects);
    expect(Math.max(...sizes)).toBe(EVENT_CHUNK_SIZE);
    expect(b.eventLogHash).toBe(a.eventLogHash);
  });

  it('the hash covers the records: another seed or a fault changes it, logging does not change the run', () => {
    const t = checkout();
    const run = (seed: number, faults: { kind: 'down'; nodeId: string; startSec: number; endSec: number }[] = []) =>
      createSimulation(t, { durationSec: 30, seed, eventLog: 'all', faults }, { onEventChunk: () => undefined }).runToEnd();
    const base = run(1);
    expect(run(1).eventLogHash).toBe(base.eventLogHash);
    expect(run(2).eventLogHash).not.toBe(base.eventLogHash);
    expect(run(1, [{ kind: 'down', nodeId: 'payment', startSec: 5, endSec: 6 }]).eventLogHash).not.toBe(base.eventLogHash);
    expect(createSimulation(t, { durationSec: 30, seed: 1 }).runToEnd().deliveries).toBe(base.deliveries);
  });
});
