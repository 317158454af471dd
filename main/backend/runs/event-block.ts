/**
 * The stored form of the event log: blocks of consecutive events, columnar JSON, one SQLite row
 * per block (see migrations.ts for why). A block row also carries skip information so a query
 * decodes only blocks that can match: seq/time range, exact bit masks of the types, statuses and
 * nodes present, and the distinct keys / correlation ids as text SQLite can search with instr().
 */
import type { RunEvent } from '../../../shared/api/runs';
import type { SimEvent, SimEventStatus } from '../../../shared/runtime/api';

export const STATUSES: readonly SimEventStatus[] = ['emitted', 'published', 'delivered', 'processed', 'failed', 'retried', 'redelivered', 'duplicate', 'dead-lettered', 'dropped', 'filtered'];
const STATUS_INDEX = new Map(STATUSES.map((s, i) => [s, i]));

/** Bits usable in a mask (JS numbers are exact up to 2^53); names beyond share the last bit. */
export const MASK_BITS = 52;
export const maskBit = (index: number): number => 2 ** Math.min(index, MASK_BITS);

/** Per-run names of types and nodes (nodes include edge ids and '' used as targets). Append-only. */
export interface RunDictionary {
  types: string[];
  nodes: string[];
}

export class DictionaryBuilder {
  private readonly typeIdx = new Map<string, number>();
  private readonly nodeIdx = new Map<string, number>();
  /** set when a name was added since the last takeChanged() */
  private changed = false;

  constructor(readonly dict: RunDictionary = { types: [], nodes: [] }) {
    dict.types.forEach((t, i) => this.typeIdx.set(t, i));
    dict.nodes.forEach((n, i) => this.nodeIdx.set(n, i));
  }

  type(name: string): number {
    let i = this.typeIdx.get(name);
    if (i === undefined) {
      i = this.dict.types.push(name) - 1;
      this.typeIdx.set(name, i);
      this.changed = true;
    }
    return i;
  }

  node(name: string): number {
    let i = this.nodeIdx.get(name);
    if (i === undefined) {
      i = this.dict.nodes.push(name) - 1;
      this.nodeIdx.set(name, i);
      this.changed = true;
    }
    return i;
  }

  takeChanged(): boolean {
    const c = this.changed;
    this.changed = false;
    return c;
  }
}

/** What one row of run_event_blocks holds. */
export interface EventBlockRow {
  first_seq: number;
  last_seq: number;
  n: number;
  t_min: number;
  t_max: number;
  type_mask: number;
  status_mask: number;
  node_mask: number;
  /** JSON array of the distinct keys; data.k indexes into it */
  keys: string;
  /** ",12,40,41," distinct correlation ids */
  corrs: string;
  data: string;
  /** JSON array aligned with the events: payload object for 'emitted' records, else null */
  payloads: string;
}

interface BlockColumns {
  t: number[]; i: number[]; y: number[]; s: number[]; o: number[]; g: number[]; k: number[]; c: number[]; z: number[]; a: number[];
  /** reasons: index into r0 (the block's reason strings) or -1 */
  r: number[]; r0: string[];
}

/** Accumulates events into one block; seal() turns it into a row and starts a new one. */
export class BlockBuilder {
  private cols: BlockColumns = emptyColumns();
  private payloads: (Readonly<Record<string, unknown>> | null)[] = [];
  private keys = new Map<string, number>();
  private reasons = new Map<string, number>();
  private corrs = new Set<number>();
  // presence flags per mask bit; the masks are built once, at seal()
  private readonly typeBits = new Uint8Array(MASK_BITS + 1);
  private readonly statusBits = new Uint8Array(MASK_BITS + 1);
  private readonly nodeBits = new Uint8Array(MASK_BITS + 1);
  private firstSeq = -1;
  private lastSeq = -1;

  constructor(private readonly dict: DictionaryBuilder) {}

  get size(): number {
    return this.cols.t.length;
  }

  add(e: SimEvent): void {
    const c = this.cols;
    if (c.t.length === 0) this.firstSeq = e.seq;
    this.lastSeq = e.seq;
    c.t.push(e.time);
    c.i.push(e.id);
    const y = this.dict.type(e.type);
    c.y.push(y);
    const s = STATUS_INDEX.get(e.status) ?? 0;
    c.s.push(s);
    const o = this.dict.node(e.source);
    const g = this.dict.node(e.target);
    c.o.push(o);
    c.g.push(g);
    let k = this.keys.get(e.key);
    if (k === undefined) this.keys.set(e.key, (k = this.keys.size));
    c.k.push(k);
    c.c.push(e.correlationId);
    this.corrs.add(e.correlationId);
    c.z.push(e.causationId ?? -1);
    c.a.push(e.attempt === undefined ? 0 : e.attempt + 1);
    if (e.reason !== undefined) {
      let r = this.reasons.get(e.reason);
      if (r === undefined) {
        this.reasons.set(e.reason, (r = this.reasons.size));
        c.r0.push(e.reason);
      }
      c.r.push(r);
    } else c.r.push(-1);
    this.payloads.push(e.status === 'emitted' ? e.payload : null);
    this.typeBits[y < MASK_BITS ? y : MASK_BITS] = 1;
    this.statusBits[s < MASK_BITS ? s : MASK_BITS] = 1;
    this.nodeBits[o < MASK_BITS ? o : MASK_BITS] = 1;
    this.nodeBits[g < MASK_BITS ? g : MASK_BITS] = 1;
  }

  seal(): EventBlockRow | null {
    const c = this.cols;
    const n = c.t.length;
    if (n === 0) return null;
    const row: EventBlockRow = {
      first_seq: this.firstSeq,
      last_seq: this.lastSeq,
      n,
      t_min: c.t[0]!,
      t_max: c.t[n - 1]!,
      type_mask: bitsToMask(this.typeBits),
      status_mask: bitsToMask(this.statusBits),
      node_mask: bitsToMask(this.nodeBits),
      keys: JSON.stringify([...this.keys.keys()]),
      corrs: `,${[...this.corrs].join(',')},`,
      data: JSON.stringify(c),
      payloads: JSON.stringify(this.payloads),
    };
    this.cols = emptyColumns();
    this.payloads = [];
    this.keys = new Map();
    this.reasons = new Map();
    this.corrs = new Set();
    this.typeBits.fill(0);
    this.statusBits.fill(0);
    this.nodeBits.fill(0);
    return row;
  }
}

function bitsToMask(bits: Uint8Array): number {
  let m = 0;
  for (let i = 0; i < bits.length; i++) if (bits[i] === 1) m += 2 ** i;
  return m;
}

function emptyColumns(): BlockColumns {
  return { t: [], i: [], y: [], s: [], o: [], g: [], k: [], c: [], z: [], a: [], r: [], r0: [] };
}

/** OR of a mask bit without 32-bit bitwise operators (masks use up to 53 bits). */
function orBit(mask: number, index: number): number {
  const bit = maskBit(index);
  return Math.floor(mask / bit) % 2 === 1 ? mask : mask + bit;
}

export function maskOf(indexes: Iterable<number>): number {
  let m = 0;
  for (const i of indexes) m = orBit(m, i);
  return m;
}

/** Which records of a decoded block to return. Index arrays are per-run dictionary indexes. */
export interface BlockFilter {
  types?: ReadonlySet<number>;
  statuses?: ReadonlySet<number>;
  node?: number;
  key?: string;
  correlationId?: number;
  fromMs?: number;
  toMs?: number;
  afterSeq: number;
}

/** Decodes the matching records of one stored block, in seq order, at most `limit`. */
export function decodeBlock(
  row: Pick<EventBlockRow, 'first_seq' | 'keys' | 'data' | 'payloads'>,
  dict: RunDictionary,
  f: BlockFilter,
  limit: number,
): RunEvent[] {
  const c = JSON.parse(row.data) as BlockColumns;
  const keys = JSON.parse(row.keys) as string[];
  const keyIdx = f.key === undefined ? -2 : keys.indexOf(f.key);
  if (keyIdx === -1) return [];
  const out: RunEvent[] = [];
  const picked: number[] = [];
  const n = c.t.length;
  for (let j = 0; j < n && picked.length < limit; j++) {
    const seq = row.first_seq + j;
    if (seq <= f.afterSeq) continue;
    const t = c.t[j]!;
    if (f.fromMs !== undefined && t < f.fromMs) continue;
    if (f.toMs !== undefined && t > f.toMs) break;
    if (f.types !== undefined && !f.types.has(c.y[j]!)) continue;
    if (f.statuses !== undefined && !f.statuses.has(c.s[j]!)) continue;
    if (f.node !== undefined && c.o[j] !== f.node && c.g[j] !== f.node) continue;
    if (keyIdx >= 0 && c.k[j] !== keyIdx) continue;
    if (f.correlationId !== undefined && c.c[j] !== f.correlationId) continue;
    picked.push(j);
  }
  if (picked.length === 0) return out;
  const payloads = JSON.parse(row.payloads) as (Record<string, unknown> | null)[];
  for (const j of picked) {
    const z = c.z[j]!;
    const a = c.a[j]!;
    const r = c.r[j]!;
    out.push({
      seq: row.first_seq + j,
      id: c.i[j]!,
      type: dict.types[c.y[j]!] ?? '?',
      timeMs: c.t[j]!,
      key: keys[c.k[j]!] ?? '',
      correlationId: c.c[j]!,
      causationId: z < 0 ? null : z,
      source: dict.nodes[c.o[j]!] ?? '?',
      target: dict.nodes[c.g[j]!] ?? '',
      status: STATUSES[c.s[j]!] ?? 'emitted',
      attempt: a === 0 ? null : a - 1,
      reason: r < 0 ? null : (c.r0[r] ?? null),
      payload: payloads[j] ?? null,
    });
  }
  return out;
}
