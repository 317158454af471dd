import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../../shared/runtime/api';
import { BlockBuilder, DictionaryBuilder, MASK_BITS, decodeBlock, maskBit, maskOf } from './event-block';

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

  it('masks are exact below MASK_BITS names and share the last bit beyond', () => {
    expect(maskOf([0, 3])).toBe(1 + 8);
    expect(maskOf([3, 3])).toBe(8);
    expect(maskBit(MASK_BITS + 10)).toBe(2 ** MASK_BITS);
    expect(Number.isSafeInteger(maskOf(Array.from({ length: 80 }, (_, i) => i)))).toBe(true);
  });
});
