/**
 * The run's event log: what a logged record costs is what makes persisting every event cheap or
 * not (docs/runs.md). A record is written into preallocated columns (typed arrays + two arrays of
 * references), never as an object, and hashed from integers: names (types, nodes, reasons) are
 * interned once per run with their FNV-1a hash cached, a message's type+key hash is computed once
 * when it is created. Objects (SimEvent) are built only for a hooks.onEvent consumer.
 */
import type { EventChunk, EventNames, SimEvent, SimEventStatus } from './api';
import { SIM_EVENT_STATUSES } from './api';
import type { Msg } from './message';
import { fnv1a } from './prng';

/** records per chunk handed to hooks.onEventChunk (also at the end of every runUntil) */
export const EVENT_CHUNK_SIZE = 4096;

const STATUS_CODE = new Map<string, number>(SIM_EVENT_STATUSES.map((s, i) => [s, i]));
const FNV_PRIME = 0x01000193;

// the two 32-bit halves of a double (time), without allocating
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

class NameTable {
  readonly names: string[] = [];
  readonly hashes: number[] = [];
  private readonly index = new Map<string, number>();
  // nodes log with the same id strings over and over: a one-entry cache skips most lookups
  private last: string | null = null;
  private lastIdx = 0;

  of(name: string): number {
    if (name === this.last) return this.lastIdx;
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.push(name) - 1;
      this.hashes.push(fnv1a(name));
      this.index.set(name, i);
    }
    this.last = name;
    this.lastIdx = i;
    return i;
  }
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

class Chunk implements EventChunk {
  firstSeq = 0;
  length = 0;
  readonly time = new Float64Array(EVENT_CHUNK_SIZE);
  readonly id = new Float64Array(EVENT_CHUNK_SIZE);
  readonly correlationId = new Float64Array(EVENT_CHUNK_SIZE);
  readonly causationId = new Float64Array(EVENT_CHUNK_SIZE);
  readonly attempt = new Int32Array(EVENT_CHUNK_SIZE);
  readonly status = new Uint8Array(EVENT_CHUNK_SIZE);
  readonly type = new Uint16Array(EVENT_CHUNK_SIZE);
  readonly source = new Uint16Array(EVENT_CHUNK_SIZE);
  readonly target = new Uint16Array(EVENT_CHUNK_SIZE);
  readonly reason = new Int32Array(EVENT_CHUNK_SIZE);
  readonly key: string[] = new Array<string>(EVENT_CHUNK_SIZE).fill('');
  readonly payload: Readonly<Record<string, unknown>>[] = new Array<Readonly<Record<string, unknown>>>(EVENT_CHUNK_SIZE).fill(EMPTY);

  constructor(readonly names: EventNames) {}
}

export class EventLog {
  private seq = 0;
  /** FNV-1a (32-bit words) over every record */
  hash = 0x811c9dc5;
  private readonly types = new NameTable();
  private readonly nodes = new NameTable();
  private readonly reasons = new NameTable();
  private readonly chunk: Chunk | null;
  /** index of '' once seen (most records have no target); interned on first use, like any name */
  private noTarget = -1;

  constructor(
    private readonly onEvent: ((e: SimEvent) => void) | undefined,
    private readonly onChunk: ((c: EventChunk) => void) | undefined,
  ) {
    this.chunk = onChunk === undefined ? null : new Chunk({ types: this.types.names, nodes: this.nodes.names, reasons: this.reasons.names });
  }

  /** a message that will be logged: its type index and type+key hash, computed once */
  prepare(m: Msg): void {
    m.logType = this.types.of(m.type);
    m.logHash = fnv1a(m.key, this.types.hashes[m.logType]!);
  }

  record(m: Msg, now: number, status: SimEventStatus, source: string, target: string, attempt: number, reason: string | undefined): void {
    const seq = this.seq++;
    const st = STATUS_CODE.get(status) ?? 0;
    const src = this.nodes.of(source);
    const tgt = target !== '' ? this.nodes.of(target) : this.noTarget >= 0 ? this.noTarget : (this.noTarget = this.nodes.of(''));
    const rsn = reason === undefined ? -1 : this.reasons.of(reason);
    f64[0] = now;
    let h = this.hash;
    h = Math.imul(h ^ seq, FNV_PRIME);
    h = Math.imul(h ^ m.id, FNV_PRIME);
    h = Math.imul(h ^ u32[0]!, FNV_PRIME);
    h = Math.imul(h ^ u32[1]!, FNV_PRIME);
    h = Math.imul(h ^ m.logHash, FNV_PRIME);
    h = Math.imul(h ^ m.correlationId, FNV_PRIME);
    h = Math.imul(h ^ m.causationId, FNV_PRIME);
    h = Math.imul(h ^ this.nodes.hashes[src]!, FNV_PRIME);
    h = Math.imul(h ^ this.nodes.hashes[tgt]!, FNV_PRIME);
    h = Math.imul(h ^ (st | (m.poison ? 0x100 : 0)), FNV_PRIME);
    h = Math.imul(h ^ attempt, FNV_PRIME);
    this.hash = Math.imul(h ^ (rsn < 0 ? 0 : this.reasons.hashes[rsn]!), FNV_PRIME);

    const c = this.chunk;
    if (c !== null) {
      const j = c.length;
      if (j === 0) c.firstSeq = seq;
      c.time[j] = now;
      c.id[j] = m.id;
      c.correlationId[j] = m.correlationId;
      c.causationId[j] = m.causationId;
      c.attempt[j] = attempt;
      c.status[j] = st;
      c.type[j] = m.logType;
      c.source[j] = src;
      c.target[j] = tgt;
      c.reason[j] = rsn;
      c.key[j] = m.key;
      c.payload[j] = m.payload;
      c.length = j + 1;
      if (c.length === EVENT_CHUNK_SIZE) this.flush();
    }
    if (this.onEvent !== undefined) {
      const e: SimEvent = {
        seq, id: m.id, type: m.type, time: now, key: m.key, payload: m.payload,
        correlationId: m.correlationId, causationId: m.causationId < 0 ? null : m.causationId, source, target, status,
      };
      if (attempt >= 0) e.attempt = attempt;
      if (reason !== undefined) e.reason = reason;
      this.onEvent(e);
    }
  }

  /** hands the buffered records to onEventChunk (the chunk is reused afterwards) */
  flush(): void {
    const c = this.chunk;
    if (c === null || c.length === 0) return;
    try {
      this.onChunk!(c);
    } finally {
      // drop the payload references: kept here they would outlive the young generation (GC cost)
      c.payload.fill(EMPTY, 0, c.length);
      c.length = 0;
    }
  }
}
