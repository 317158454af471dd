/**
 * The stored form of the event log: blocks of consecutive events, one SQLite row per block (see
 * migrations.ts for why). The records are binary columns (`cols`, format 1 below: typed arrays
 * back to back, read back as views without parsing); blocks written before format 1 hold columnar
 * JSON in `data` and are still read. A block row also carries skip information so a query decodes
 * only blocks that can match: seq/time range, exact bit masks of the types, statuses and nodes
 * present, and the distinct keys / correlation ids as text SQLite can search with instr().
 */
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';
import type { RunEvent } from '../../../shared/api/runs';
import { SIM_EVENT_STATUSES } from '../../../shared/runtime/api';
import type { EventChunk, SimEvent, SimEventStatus } from '../../../shared/runtime/api';

/** status indexes as stored (the runtime's fixed order) */
export const STATUSES: readonly SimEventStatus[] = SIM_EVENT_STATUSES;
const STATUS_INDEX = new Map(STATUSES.map((s, i) => [s, i]));
const EMITTED = STATUS_INDEX.get('emitted')!;

/** Bits usable in a mask (JS numbers are exact up to 2^53); names beyond share the last bit. */
export const MASK_BITS = 52;
export const maskBit = (index: number): number => 2 ** Math.min(index, MASK_BITS);

/** Per-run names of types, nodes (incl. edge ids and '' used as targets) and reasons. Append-only. */
export interface RunDictionary {
  types: string[];
  nodes: string[];
  /** reasons of binary blocks (older runs keep theirs per block) */
  reasons?: string[];
}

export class DictionaryBuilder {
  private readonly typeIdx = new Map<string, number>();
  private readonly nodeIdx = new Map<string, number>();
  private readonly reasonIdx = new Map<string, number>();
  private readonly reasons: string[];
  /** set when a name was added since the last takeChanged() */
  private changed = false;

  constructor(readonly dict: RunDictionary = { types: [], nodes: [] }) {
    dict.types.forEach((t, i) => this.typeIdx.set(t, i));
    dict.nodes.forEach((n, i) => this.nodeIdx.set(n, i));
    this.reasons = dict.reasons ??= [];
    this.reasons.forEach((r, i) => this.reasonIdx.set(r, i));
  }

  reason(text: string): number {
    let i = this.reasonIdx.get(text);
    if (i === undefined) {
      i = this.reasons.push(text) - 1;
      this.reasonIdx.set(text, i);
      this.changed = true;
    }
    return i;
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
  /** JSON array of the distinct keys; records index into it */
  keys: string;
  /** ",12,40,41," distinct correlation ids */
  corrs: string;
  /** '' for binary blocks; columnar JSON in blocks written before format 1 */
  data: string;
  /** '' for binary blocks (their payloads are inside `cols`); JSON blocks: an array aligned with
   * the records, null except on 'emitted' ones */
  payloads: string;
  /** the records and their payloads, binary format 1 (null in older blocks): one buffer of its
   * own, so it can be transferred to the writer thread without a copy */
  cols: Uint8Array | null;
}

/**
 * Binary format 3, little-endian (the platform's; x86 and arm are both), n records:
 *   u32 version = 3, u32 n, u32 payload bytes, u32 0,
 *   f64 time[n], u32 id[n], u32 correlationId[n], i32 causationId[n] (-1 = none), i32 attempt[n] (-1 = none),
 *   u16 key[n] (into `keys`), u16 type[n], u16 source[n], u16 target[n] (into the run dictionary), i16 reason[n] (into dict.reasons, -1 = none),
 *   u8 status[n] (into STATUSES),
 *   the payloads of the 'emitted' records in order (each message's payload once), UTF-8: lines of
 *   JSON arrays ('\n' never occurs inside JSON.stringify output), one line per batch of records added
 * 35 bytes a record + payloads; every column starts aligned for its typed array view. The columns
 * use the runtime's own conventions (EventChunk), so most are copied with native typed-array set().
 * Formats 1-2 (briefly written) stored causation, attempt and reason + 1 (0 = none) and are still read.
 * RunRepository stores the bytes brotli-compressed (data = 'br'), ~5x smaller.
 */
export const BLOCK_FORMAT = 3;
const HEADER = 16;
const columnBytes = (n: number): number => HEADER + 35 * n;
const fromUtf8 = new TextDecoder();
const KEY_CACHE_MASK = 4095;
/** ids must fit the i32 causation column */
const MAX_ID = 0x7fffffff;

interface Columns {
  t: Float64Array; i: Uint32Array; c: Uint32Array; z: Int32Array; a: Int32Array;
  k: Uint16Array; y: Uint16Array; o: Uint16Array; g: Uint16Array; r: Int16Array; s: Uint8Array;
}

/** typed-array views over a block's bytes (buffer aligned to 8) */
function columnsOf(buf: ArrayBuffer, base: number, n: number): Columns {
  let at = base + HEADER;
  const f64 = (): Float64Array => { const v = new Float64Array(buf, at, n); at += 8 * n; return v; };
  const u32 = (): Uint32Array => { const v = new Uint32Array(buf, at, n); at += 4 * n; return v; };
  const i32 = (): Int32Array => { const v = new Int32Array(buf, at, n); at += 4 * n; return v; };
  const u16 = (): Uint16Array => { const v = new Uint16Array(buf, at, n); at += 2 * n; return v; };
  const i16 = (): Int16Array => { const v = new Int16Array(buf, at, n); at += 2 * n; return v; };
  return { t: f64(), i: u32(), c: u32(), z: i32(), a: i32(), k: u16(), y: u16(), o: u16(), g: u16(), r: i16(), s: new Uint8Array(buf, at, n) };
}

/**
 * Accumulates records into one block (preallocated columns, no object per record); seal() turns
 * it into a row and starts the next. Records come from the runtime's columns (addChunk, the
 * app's path) or one SimEvent at a time (add).
 */
export class BlockBuilder {
  private readonly cols: Columns;
  private n = 0;
  private firstSeq = -1;
  private keys = new Map<string, number>();
  private keyList: string[] = [];
  private lastKey: string | null = null;
  private lastKeyIdx = 0;
  /** message id -> key index in this block (direct-mapped; -1 = empty) */
  private readonly keyCacheId = new Float64Array(KEY_CACHE_MASK + 1).fill(-1);
  private readonly keyCacheIdx = new Uint16Array(KEY_CACHE_MASK + 1);
  /** payload JSON lines, one per addChunk: made as records arrive, so payload objects die young
   * (kept until seal they outlive the young generation); one stringify per batch, not per payload */
  private payloadLines: string[] = [];
  private pending: Readonly<Record<string, unknown>>[] = [];
  // runtime name index -> dictionary index, grown as the runtime's append-only names grow
  private readonly typeMap: number[] = [];
  private readonly nodeMap: number[] = [];
  private readonly reasonMap: number[] = [];
  /** the dictionary's indexes are the runtime's (always, for one run fed by chunks): columns are copied natively */
  private identity = true;

  constructor(private readonly dict: DictionaryBuilder, readonly capacity = 2048) {
    if (capacity < 1 || capacity > 65535) throw new RangeError(`block capacity ${capacity} is outside 1..65535`);
    this.cols = columnsOf(new ArrayBuffer(columnBytes(capacity)), 0, capacity);
  }

  get size(): number {
    return this.n;
  }

  private keyOf(key: string): number {
    // a message's records often follow each other: same key object, no Map lookup
    if (key === this.lastKey) return this.lastKeyIdx;
    let k = this.keys.get(key);
    if (k === undefined) {
      k = this.keyList.push(key) - 1;
      this.keys.set(key, k);
    }
    this.lastKey = key;
    this.lastKeyIdx = k;
    return k;
  }

  add(e: SimEvent): void {
    if (this.n === this.capacity) throw new RangeError('block is full: seal() it first');
    const c = this.cols;
    const p = this.n++;
    if (p === 0) this.firstSeq = e.seq;
    if (e.id > MAX_ID || e.correlationId > MAX_ID) throw new RangeError(`message id ${e.id} is beyond what the event log stores (${MAX_ID})`);
    c.t[p] = e.time;
    c.i[p] = e.id;
    c.c[p] = e.correlationId;
    c.z[p] = e.causationId === null ? -1 : e.causationId;
    c.a[p] = e.attempt === undefined ? -1 : e.attempt;
    c.k[p] = this.keyOf(e.key);
    c.y[p] = this.dict.type(e.type);
    c.o[p] = this.dict.node(e.source);
    c.g[p] = this.dict.node(e.target);
    c.r[p] = e.reason === undefined ? -1 : this.dict.reason(e.reason);
    const s = STATUS_INDEX.get(e.status) ?? 0;
    c.s[p] = s;
    if (s === EMITTED) this.pending.push(e.payload);
  }

  /** copies records [from, to) of a runtime chunk; returns how many fit (the rest needs a new block) */
  addChunk(ch: EventChunk, from: number, to: number): number {
    const take = Math.min(to - from, this.capacity - this.n);
    if (take <= 0) return 0;
    this.syncNames(ch);
    const c = this.cols;
    const base = this.n;
    const end = from + take;
    if (base === 0) this.firstSeq = ch.firstSeq + from;
    // native copies (with conversion): no JS per record, fast even before the JIT warms up
    c.t.set(ch.time.subarray(from, end), base);
    c.i.set(ch.id.subarray(from, end), base);
    c.c.set(ch.correlationId.subarray(from, end), base);
    c.z.set(ch.causationId.subarray(from, end), base);
    c.a.set(ch.attempt.subarray(from, end), base);
    c.s.set(ch.status.subarray(from, end), base);
    if (this.identity) {
      c.y.set(ch.type.subarray(from, end), base);
      c.o.set(ch.source.subarray(from, end), base);
      c.g.set(ch.target.subarray(from, end), base);
      c.r.set(ch.reason.subarray(from, end), base);
    } else {
      for (let j = from, p = base; j < end; j++, p++) {
        c.y[p] = this.typeMap[ch.type[j]!]!;
        c.o[p] = this.nodeMap[ch.source[j]!]!;
        c.g[p] = this.nodeMap[ch.target[j]!]!;
        const r = ch.reason[j]!;
        c.r[p] = r < 0 ? -1 : this.reasonMap[r]!;
      }
    }
    // what needs JS per record: keys (interned per block), payloads of 'emitted' records, the id range
    const payloads = this.pending;
    const status = ch.status;
    const key = ch.key;
    const ids = ch.id;
    const k = c.k;
    const cacheId = this.keyCacheId;
    const cacheIdx = this.keyCacheIdx;
    let maxId = 0;
    for (let j = from, p = base; j < end; j++, p++) {
      // a message's records share its key: a small direct-mapped cache by message id skips most Map lookups
      const id = ids[j]!;
      const slot = id & KEY_CACHE_MASK;
      if (cacheId[slot] === id) k[p] = cacheIdx[slot]!;
      else {
        const ki = this.keyOf(key[j]!);
        k[p] = ki;
        cacheId[slot] = id;
        cacheIdx[slot] = ki;
      }
      if (status[j] === EMITTED) {
        payloads.push(ch.payload[j]!);
        // an emitted record is its message's creation: the newest id so far
        maxId = ch.id[j]!;
      }
    }
    if (maxId > MAX_ID || ch.id[end - 1]! > MAX_ID) throw new RangeError(`message id ${Math.max(maxId, ch.id[end - 1]!)} is beyond what the event log stores (${MAX_ID})`);
    this.n += take;
    this.flushPayloads();
    return take;
  }

  private flushPayloads(): void {
    if (this.pending.length === 0) return;
    this.payloadLines.push(JSON.stringify(this.pending));
    this.pending = [];
  }

  private syncNames(ch: EventChunk): void {
    const { types, nodes, reasons } = ch.names;
    for (let i = this.typeMap.length; i < types.length; i++) this.typeMap.push(this.dict.type(types[i]!));
    for (let i = this.nodeMap.length; i < nodes.length; i++) this.nodeMap.push(this.dict.node(nodes[i]!));
    for (let i = this.reasonMap.length; i < reasons.length; i++) this.reasonMap.push(this.dict.reason(reasons[i]!));
    if (this.identity) this.identity = isIdentity(this.typeMap) && isIdentity(this.nodeMap) && isIdentity(this.reasonMap);
  }

  /** the block as a row (index fields computed here; the app's path lets the writer do it: sealBytes + indexBlock) */
  seal(): EventBlockRow | null {
    const b = this.sealBytes();
    return b === null ? null : indexBlock(b);
  }

  /** the block's bytes and keys; what a query needs to skip it (masks, ranges) is derived by indexBlock */
  sealBytes(): SealedBlock | null {
    const n = this.n;
    if (n === 0) return null;
    const c = this.cols;
    this.flushPayloads();
    const json = this.payloadLines.join('\n');
    const jsonBytes = Buffer.byteLength(json, 'utf8');
    const buf = new ArrayBuffer(columnBytes(n) + jsonBytes);
    new Uint32Array(buf, 0, 4).set([BLOCK_FORMAT, n, jsonBytes, 0]);
    const written = Buffer.from(buf, columnBytes(n), jsonBytes).write(json, 'utf8');
    if (written !== jsonBytes) throw new Error(`event block: payload JSON is ${written} bytes, expected ${jsonBytes}`);
    const out = columnsOf(buf, 0, n);
    out.t.set(c.t.subarray(0, n));
    out.i.set(c.i.subarray(0, n));
    out.c.set(c.c.subarray(0, n));
    out.z.set(c.z.subarray(0, n));
    out.a.set(c.a.subarray(0, n));
    out.k.set(c.k.subarray(0, n));
    out.y.set(c.y.subarray(0, n));
    out.o.set(c.o.subarray(0, n));
    out.g.set(c.g.subarray(0, n));
    out.r.set(c.r.subarray(0, n));
    out.s.set(c.s.subarray(0, n));
    const sealed: SealedBlock = { first_seq: this.firstSeq, last_seq: this.firstSeq + n - 1, n, keys: JSON.stringify(this.keyList), cols: new Uint8Array(buf) };
    this.n = 0;
    this.keys = new Map();
    this.keyList = [];
    this.lastKey = null;
    this.keyCacheId.fill(-1);
    this.payloadLines = [];
    return sealed;
  }
}

/** A sealed block as the run worker hands it to the writer: bytes (transferable) and keys. */
export type SealedBlock = Pick<EventBlockRow, 'first_seq' | 'last_seq' | 'n' | 'keys'> & { cols: Uint8Array };

/**
 * The row of a sealed block: time range, type/status/node masks and distinct correlation ids,
 * computed from its columns (in the writer thread, off the simulation's thread).
 */
export function indexBlock(b: SealedBlock): EventBlockRow {
  const bytes = b.cols;
  const view = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  const c = columnsOf(view.buffer as ArrayBuffer, view.byteOffset, b.n);
  return {
    first_seq: b.first_seq,
    last_seq: b.last_seq,
    n: b.n,
    t_min: c.t[0]!,
    t_max: c.t[b.n - 1]!,
    type_mask: presenceMask(c.y),
    status_mask: presenceMask(c.s),
    node_mask: presenceMask(c.o, c.g),
    keys: b.keys,
    corrs: distinctText(c.c),
    data: '',
    payloads: '',
    cols: bytes,
  };
}

const isIdentity = (m: readonly number[]): boolean => m.every((v, i) => v === i);

const presence = new Uint8Array(MASK_BITS + 1);
/** the mask of the indexes present in the columns (exact below MASK_BITS) */
function presenceMask(...cols: (Uint8Array | Uint16Array)[]): number {
  presence.fill(0);
  for (const col of cols) for (let j = 0; j < col.length; j++) presence[Math.min(col[j]!, MASK_BITS)] = 1;
  return bitsToMask(presence);
}

/** ",a,b,c," of the distinct values (sorted) */
function distinctText(ids: Uint32Array): string {
  const sorted = Uint32Array.from(ids).sort();
  const parts: number[] = [];
  for (let j = 0; j < sorted.length; j++) if (j === 0 || sorted[j] !== sorted[j - 1]) parts.push(sorted[j]!);
  return `,${parts.join(',')},`;
}

function bitsToMask(bits: Uint8Array): number {
  let m = 0;
  for (let i = 0; i < bits.length; i++) if (bits[i] === 1) m += 2 ** i;
  return m;
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

/** The columnar JSON of blocks written before format 1. */
interface JsonColumns {
  t: number[]; i: number[]; y: number[]; s: number[]; o: number[]; g: number[]; k: number[]; c: number[]; z: number[]; a: number[];
  /** reasons: index into r0 (the block's reason strings) or -1 */
  r: number[]; r0: string[];
}

/** The columns every block format has (typed arrays, or arrays in the JSON format). */
interface RowColumns {
  t: ArrayLike<number>; i: ArrayLike<number>; y: ArrayLike<number>; s: ArrayLike<number>;
  o: ArrayLike<number>; g: ArrayLike<number>; k: ArrayLike<number>; c: ArrayLike<number>;
}

/** Whether row j passes the filter; 'stop' once past its time range (rows are in time order). */
function rowVerdict(c: RowColumns, firstSeq: number, j: number, f: BlockFilter, keyIdx: number): 'keep' | 'skip' | 'stop' {
  if (firstSeq + j <= f.afterSeq) return 'skip';
  const t = c.t[j]!;
  if (f.fromMs !== undefined && t < f.fromMs) return 'skip';
  if (f.toMs !== undefined && t > f.toMs) return 'stop';
  if (f.types !== undefined && !f.types.has(c.y[j]!)) return 'skip';
  if (f.statuses !== undefined && !f.statuses.has(c.s[j]!)) return 'skip';
  if (f.node !== undefined && c.o[j] !== f.node && c.g[j] !== f.node) return 'skip';
  if (keyIdx >= 0 && c.k[j] !== keyIdx) return 'skip';
  if (f.correlationId !== undefined && c.c[j] !== f.correlationId) return 'skip';
  return 'keep';
}

/** Row j as a RunEvent; the fields whose encoding differs between formats come decoded. */
function rowEvent(c: RowColumns, firstSeq: number, j: number, dict: RunDictionary, keys: readonly string[], decoded: Pick<RunEvent, 'causationId' | 'attempt' | 'reason' | 'payload'>): RunEvent {
  return {
    seq: firstSeq + j,
    id: c.i[j]!,
    type: dict.types[c.y[j]!] ?? '?',
    timeMs: c.t[j]!,
    key: keys[c.k[j]!] ?? '',
    correlationId: c.c[j]!,
    source: dict.nodes[c.o[j]!] ?? '?',
    target: dict.nodes[c.g[j]!] ?? '',
    status: STATUSES[c.s[j]!] ?? 'emitted',
    ...decoded,
  };
}

type StoredBlock = Pick<EventBlockRow, 'first_seq' | 'keys' | 'data' | 'payloads'> & { cols?: Uint8Array | null };

/** `data` of a binary block whose `cols` are brotli-compressed (see compressBlock) */
export const COMPRESSED = 'br';

/**
 * The stored form of a sealed block: its bytes brotli-compressed at quality 0 (~450 MB/s here,
 * ~5x smaller: the payload JSON and the repeated ids compress well; less to write and checkpoint).
 */
export function compressBlock(row: EventBlockRow): EventBlockRow {
  if (row.cols === null || row.data !== '') return row;
  const cols = brotliCompressSync(row.cols, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 0, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: row.cols.length } });
  return { ...row, data: COMPRESSED, cols };
}

function inflate(stored: Uint8Array, seq: number): Uint8Array {
  try {
    return brotliDecompressSync(stored);
  } catch (e) {
    throw new Error(`event block at seq ${seq}: cannot decompress (${(e as Error).message})`, { cause: e });
  }
}

/** Decodes the matching records of one stored block, in seq order, at most `limit`. */
export function decodeBlock(row: StoredBlock, dict: RunDictionary, f: BlockFilter, limit: number): RunEvent[] {
  return row.cols !== undefined && row.cols !== null && row.cols.length > 0 ? decodeBinary(row, row.cols, dict, f, limit) : decodeJson(row, dict, f, limit);
}

function decodeBinary(row: StoredBlock, stored: Uint8Array, dict: RunDictionary, f: BlockFilter, limit: number): RunEvent[] {
  const bytes = row.data === COMPRESSED ? inflate(stored, row.first_seq) : stored;
  // SQLite hands back a Buffer that may start anywhere in a pool: typed views need alignment
  const b = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  const head = new Uint32Array(b.buffer, b.byteOffset, 4);
  const n = head[1]!;
  const jsonBytes = head[2]!;
  const version = head[0]!;
  if (version < 1 || version > BLOCK_FORMAT || b.byteLength !== columnBytes(n) + jsonBytes) {
    throw new Error(`event block at seq ${row.first_seq}: unknown format ${head[0]} or size ${b.byteLength} for ${n} records`);
  }
  const c = columnsOf(b.buffer as ArrayBuffer, b.byteOffset, n);
  const keys = JSON.parse(row.keys) as string[];
  const keyIdx = f.key === undefined ? -2 : keys.indexOf(f.key);
  if (keyIdx === -1) return [];
  const picked: number[] = [];
  const payloadAt: number[] = [];
  let emitted = 0;
  for (let j = 0; j < n && picked.length < limit; j++) {
    const isEmitted = c.s[j] === EMITTED;
    if (isEmitted) emitted++;
    const verdict = rowVerdict(c, row.first_seq, j, f, keyIdx);
    if (verdict === 'stop') break;
    if (verdict === 'skip') continue;
    picked.push(j);
    payloadAt.push(isEmitted ? emitted - 1 : -1);
  }
  if (picked.length === 0) return [];
  const payloads: Record<string, unknown>[] = [];
  if (payloadAt.some((x) => x >= 0) && jsonBytes > 0) {
    for (const line of fromUtf8.decode(b.subarray(columnBytes(n), columnBytes(n) + jsonBytes)).split('\n')) payloads.push(...(JSON.parse(line) as Record<string, unknown>[]));
  }
  const payloadOf = (i: number): Record<string, unknown> | null => payloads[i] ?? null;
  const reasons = dict.reasons ?? [];
  // formats 1-2 stored these + 1 with 0 for none, in unsigned columns
  const shift = version < 3 ? 1 : 0;
  return picked.map((j, x): RunEvent => {
    const z = shift === 1 ? (c.z[j]! >>> 0) - 1 : c.z[j]!;
    const a = shift === 1 ? (c.a[j]! >>> 0) - 1 : c.a[j]!;
    const r = shift === 1 ? (c.r[j]! & 0xffff) - 1 : c.r[j]!;
    const pi = payloadAt[x]!;
    return rowEvent(c, row.first_seq, j, dict, keys, {
      causationId: z < 0 ? null : z,
      attempt: a < 0 ? null : a,
      reason: r < 0 ? null : (reasons[r] ?? null),
      payload: pi >= 0 ? payloadOf(pi) : null,
    });
  });
}

function decodeJson(row: StoredBlock, dict: RunDictionary, f: BlockFilter, limit: number): RunEvent[] {
  const c = JSON.parse(row.data) as JsonColumns;
  const keys = JSON.parse(row.keys) as string[];
  const keyIdx = f.key === undefined ? -2 : keys.indexOf(f.key);
  if (keyIdx === -1) return [];
  const out: RunEvent[] = [];
  const picked: number[] = [];
  const n = c.t.length;
  for (let j = 0; j < n && picked.length < limit; j++) {
    const verdict = rowVerdict(c, row.first_seq, j, f, keyIdx);
    if (verdict === 'stop') break;
    if (verdict === 'skip') continue;
    picked.push(j);
  }
  if (picked.length === 0) return out;
  const payloads = JSON.parse(row.payloads) as (Record<string, unknown> | null)[];
  for (const j of picked) {
    const z = c.z[j]!;
    const a = c.a[j]!;
    const r = c.r[j]!;
    out.push(rowEvent(c, row.first_seq, j, dict, keys, {
      causationId: z < 0 ? null : z,
      attempt: a === 0 ? null : a - 1,
      reason: r < 0 ? null : (c.r0[r] ?? null),
      payload: payloads[j] ?? null,
    }));
  }
  return out;
}
