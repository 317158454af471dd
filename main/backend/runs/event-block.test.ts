import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/api/runs';
import type { EventChunk, SimEvent } from '../../../shared/runtime/api';
import { createSimulation } from '../../../shared/runtime/simulation';
import { BlockBuilder, COMPRESSED, DictionaryBuilder, MASK_BITS, compressBlock, decodeBlock, maskBit, maskOf } from './event-block';
import type { EventBlockRow } from './event-block';
import { checkoutTopology } from './test-support';

const ev = (seq: number, o: Partial<SimEvent> = {}): SimEvent => ({
  seq, id: seq, type: 'OrderPlaced', time: seq * 10, key: `o-${seq % 3}`, payload: { orderId: `o-${seq % 3}` }, correlationId: seq - (seq % 3), causationId: seq % 3 === 0 ? null : seq - 1,
  source: 'storefront', target: 'orders', status: 'emitted', ...o,
});

describe('event blocks', () => {
  it('round-trip every field, payloads only on emitted records, attempts including 0', () => {
    const d = new DictionaryBuilder();
    const b = new BlockBuilder(d);
    const events = [ev(0), ev(1, { status: 'failed', attempt: 0, reason: 'boom', target: '' }), ev(2, { type: 'PaymentAuthorized', source: 'payment', status: 'processed', attempt: 2 })];
    for (const e of events) b.add(e);
    const row = b.seal()!;
    expect(row).toMatchObject({ first_seq: 0, last_seq: 2, n: 3, t_min: 0, t_max: 20 });
    expect(b.seal()).toBeNull();
    const out = decodeBlock(row, d.dict, { afterSeq: -1 }, 10);
    expect(out.map((e) => [e.seq, e.type, e.status, e.source, e.target, e.attempt, e.reason, e.causationId])).toEqual([
      [0, 'OrderPlaced', 'emitted', 'storefront', 'orders', null, null, null],
      [1, 'OrderPlaced', 'failed', 'storefront', '', 0, 'boom', 0],
      [2, 'PaymentAuthorized', 'processed', 'payment', 'orders', 2, null, 1],
    ]);
    expect(out[0]!.payload).toEqual({ orderId: 'o-0' });
    expect(out[1]!.payload).toBeNull();
  });

  it('filters by type, status, node (source or target), key, correlation, time and cursor', () => {
    const d = new DictionaryBuilder();
    const b = new BlockBuilder(d);
    for (let i = 0; i < 30; i++) b.add(ev(i, { source: i % 2 ? 'payment' : 'inventory', target: i % 5 === 0 ? 'payment' : 'x' }));
    const row = b.seal()!;
    const pick = (f: Parameters<typeof decodeBlock>[2]) => decodeBlock(row, d.dict, f, 100).map((e) => e.seq);
    expect(pick({ afterSeq: 25 })).toEqual([26, 27, 28, 29]);
    expect(pick({ afterSeq: -1, node: d.dict.nodes.indexOf('payment'), fromMs: 50, toMs: 120 })).toEqual([5, 7, 9, 10, 11]);
    expect(pick({ afterSeq: -1, key: 'o-1', toMs: 100 })).toEqual([1, 4, 7, 10]);
    expect(pick({ afterSeq: -1, key: 'nope' })).toEqual([]);
    expect(pick({ afterSeq: -1, correlationId: 3 })).toEqual([3, 4, 5]);
    expect(decodeBlock(row, d.dict, { afterSeq: -1 }, 2)).toHaveLength(2);
  });

  it('blocks built from the runtime columns (onEventChunk) hold exactly the records onEvent sees; payloads once per message', () => {
    const t = checkoutTopology();
    const scenario = { durationSec: 30, seed: 3, eventLog: 'all' as const, faults: [{ kind: 'error-rate' as const, nodeId: 'payment', startSec: 5, endSec: 20, failurePct: 40 }] };
    const objects: SimEvent[] = [];
    createSimulation(t, scenario, { onEvent: (e) => objects.push(e) }).runToEnd();
    const d = new DictionaryBuilder();
    const b = new BlockBuilder(d, 1000);
    const rows: EventBlockRow[] = [];
    // a dictionary that does not match the runtime's name order takes the translating path
    const d3 = new DictionaryBuilder({ types: ['Other'], nodes: ['elsewhere'], reasons: ['why'] });
    const b3 = new BlockBuilder(d3, 1000);
    const rows3: EventBlockRow[] = [];
    const fill = (builder: BlockBuilder, out: EventBlockRow[], c: EventChunk): void => {
      let j = 0;
      while (j < c.length) {
        j += builder.addChunk(c, j, c.length);
        if (builder.size === builder.capacity) out.push(builder.seal()!);
      }
    };
    const sim = createSimulation(t, scenario, { onEventChunk: (c) => { fill(b, rows, c); fill(b3, rows3, c); } });
    while (!sim.done) sim.runUntil(sim.now + 2_500);
    rows.push(b.seal()!);
    rows3.push(b3.seal()!);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((r) => r.cols !== null && r.data === '' && r.last_seq - r.first_seq + 1 === r.n)).toBe(true);
    const decoded = rows.flatMap((r) => decodeBlock(r, d.dict, { afterSeq: -1 }, 1e6));
    const expected: RunEvent[] = objects.map((e) => ({
      seq: e.seq, id: e.id, type: e.type, timeMs: e.time, key: e.key, correlationId: e.correlationId, causationId: e.causationId, source: e.source,
      target: e.target, status: e.status, attempt: e.attempt ?? null, reason: e.reason ?? null, payload: e.status === 'emitted' ? (e.payload as Record<string, unknown>) : null,
    }));
    expect(expected.some((e) => e.reason !== null)).toBe(true);
    expect(decoded).toEqual(expected);
    expect(rows3.flatMap((r) => decodeBlock(r, d3.dict, { afterSeq: -1 }, 1e6))).toEqual(expected);
    // per-record SimEvents through add() give the same rows
    const d2 = new DictionaryBuilder();
    const b2 = new BlockBuilder(d2, 1000);
    const rows2: EventBlockRow[] = [];
    for (const e of objects) {
      b2.add(e);
      if (b2.size === b2.capacity) rows2.push(b2.seal()!);
    }
    rows2.push(b2.seal()!);
    expect(rows2.map((r) => ({ ...r, cols: null }))).toEqual(rows.map((r) => ({ ...r, cols: null })));
    expect(rows2.flatMap((r) => decodeBlock(r, d2.dict, { afterSeq: -1 }, 1e6))).toEqual(expected);
    expect(d2.dict).toEqual(d.dict);
  });

  it('reads a block as SQLite returns it (a Buffer at any offset) and refuses a damaged one', () => {
    const d = new DictionaryBuilder();
    const b = new BlockBuilder(d);
    for (let i = 0; i < 5; i++) b.add(ev(i, { payload: { orderId: `o-${i}`, city: 'Zürich', note: 'café 🚚 "quoted"' } }));
    const row = b.seal()!;
    expect(decodeBlock(row, d.dict, { afterSeq: 3 }, 10)[0]!.payload).toEqual({ orderId: 'o-4', city: 'Zürich', note: 'café 🚚 "quoted"' });
    const shifted = Buffer.alloc(row.cols!.length + 3);
    shifted.set(row.cols!, 3);
    const unaligned = shifted.subarray(3);
    expect(decodeBlock({ ...row, cols: unaligned }, d.dict, { afterSeq: -1 }, 10)).toEqual(decodeBlock(row, d.dict, { afterSeq: -1 }, 10));
    expect(() => decodeBlock({ ...row, cols: row.cols!.subarray(0, 20) }, d.dict, { afterSeq: -1 }, 10)).toThrow(/event block at seq 0/);
    // as stored: compressed, several times smaller here too, same records
    const stored = compressBlock(row);
    expect(stored.data).toBe(COMPRESSED);
    expect(stored.cols!.length).toBeLessThan(row.cols!.length);
    expect(decodeBlock(stored, d.dict, { afterSeq: -1 }, 10)).toEqual(decodeBlock(row, d.dict, { afterSeq: -1 }, 10));
    expect(() => decodeBlock({ ...stored, cols: stored.cols!.subarray(0, 9) }, d.dict, { afterSeq: -1 }, 10)).toThrow(/seq 0: cannot decompress/);
    // format 1 (payloads as one JSON array, +1 columns) is still read
    const n = row.n;
    const colBytes = 16 + 35 * n;
    const lines = Buffer.from(row.cols!.subarray(colBytes)).toString('utf8').split('\n');
    const arr = Buffer.from(JSON.stringify(lines.flatMap((l) => JSON.parse(l) as unknown[])));
    const v1 = new Uint8Array(colBytes + arr.length);
    v1.set(row.cols!.subarray(0, colBytes));
    v1.set(arr, colBytes);
    new Uint32Array(v1.buffer, 0, 4).set([1, n, arr.length, 0]);
    // formats 1-2: causation, attempt, reason stored + 1 (0 = none)
    const z = new Int32Array(v1.buffer, 16 + 16 * n, 2 * n);
    for (let j = 0; j < z.length; j++) z[j]! += 1;
    const r = new Int16Array(v1.buffer, 16 + 32 * n, n);
    for (let j = 0; j < n; j++) r[j]! += 1;
    expect(decodeBlock({ ...row, cols: v1 }, d.dict, { afterSeq: -1 }, 10)).toEqual(decodeBlock(row, d.dict, { afterSeq: -1 }, 10));
    expect(() => b.add(ev(1, { id: 2 ** 33 }))).toThrow(/beyond what the event log stores/);
  });

  it('still reads blocks stored as columnar JSON (before the binary format)', () => {
    const legacy = {
      first_seq: 10, keys: '["o-1","o-2"]', cols: null,
      data: JSON.stringify({ t: [1, 2], i: [7, 8], y: [0, 0], s: [0, 4], o: [0, 1], g: [1, 2], k: [0, 1], c: [7, 7], z: [-1, 7], a: [0, 3], r: [-1, 0], r0: ['boom'] }),
      payloads: JSON.stringify([{ orderId: 'o-1' }, null]),
    };
    const dict = { types: ['OrderPlaced'], nodes: ['storefront', 'orders', ''] };
    expect(decodeBlock(legacy, dict, { afterSeq: -1 }, 10)).toEqual([
      { seq: 10, id: 7, type: 'OrderPlaced', timeMs: 1, key: 'o-1', correlationId: 7, causationId: null, source: 'storefront', target: 'orders', status: 'emitted', attempt: null, reason: null, payload: { orderId: 'o-1' } },
      { seq: 11, id: 8, type: 'OrderPlaced', timeMs: 2, key: 'o-2', correlationId: 7, causationId: 7, source: 'orders', target: '', status: 'failed', attempt: 2, reason: 'boom', payload: null },
    ]);
  });

  it('masks are exact below MASK_BITS names and share the last bit beyond', () => {
    expect(maskOf([0, 3])).toBe(1 + 8);
    expect(maskOf([3, 3])).toBe(8);
    expect(maskBit(MASK_BITS + 10)).toBe(2 ** MASK_BITS);
    expect(Number.isSafeInteger(maskOf(Array.from({ length: 80 }, (_, i) => i)))).toBe(true);
  });
});
