import { describe, expect, it } from 'vitest';
import type { OperatorSettings } from '../../model/nodes';
import type { SimEvent } from '../api';
import { createSimulation } from '../simulation';
import { edge, producer, service, topology } from '../test-topologies';

type Rec = { atMs: number; type: string; key?: string; payload?: Record<string, unknown> };

/** replay -> topic -> operator -> service 'out'; returns (time, type) of what reached 'out' */
function through(settings: OperatorSettings | Record<string, unknown>, events: Rec[], durationSec = 100): [number, string][] {
  const t = topology('op', [
    producer('p', { profile: { kind: 'replay', events } }),
    { id: 'in', name: 'in', kind: 'topic', position: { x: 0, y: 0 }, settings: { partitions: 1 } },
    { id: 'op', name: 'op', kind: 'operator', position: { x: 0, y: 0 }, settings: settings as OperatorSettings },
    service('out', { processing: { kind: 'fixed', ms: 0 } }),
  ], [edge('publish', 'p', 'in'), edge('subscribe', 'in', 'op'), edge('subscribe', 'op', 'out')]);
  const seen: [number, string][] = [];
  createSimulation(t, { durationSec, seed: 1, eventLog: 'all' }, {
    onEvent: (e: SimEvent) => { if (e.source === 'out' && e.status === 'delivered') seen.push([e.time, e.type]); },
  }).runToEnd();
  return seen;
}

describe('stream operators (RxJS pipelines on simulated time)', () => {
  it('filter keeps events whose field compares true', () => {
    const ev = [10, 600, 30, 800].map((amount, i) => ({ atMs: i * 10, type: 'OrderPlaced', key: `o${i}`, payload: { amount } }));
    expect(through({ op: 'filter', field: 'amount', comparator: '>', value: '500' }, ev)).toEqual([[10, 'OrderPlaced'], [30, 'OrderPlaced']]);
  });

  it('map re-types and enriches (a new event caused by the input)', () => {
    expect(through({ op: 'map', emitAs: 'OrderConfirmed', enrich: { channel: 'web' } }, [{ atMs: 5, type: 'OrderPlaced', key: 'o' }])).toEqual([[5, 'OrderConfirmed']]);
  });

  it('throttle passes the first event of each interval; debounce the last after a quiet gap', () => {
    const ev = [0, 300, 600, 1200, 3000].map((atMs) => ({ atMs, type: 'PriceChanged', key: 'x' }));
    expect(through({ op: 'throttle', intervalMs: 1000 }, ev).map(([t]) => t)).toEqual([0, 1200, 3000]);
    expect(through({ op: 'debounce', quietMs: 500 }, ev).map(([t]) => t)).toEqual([1100, 1700, 3500]);
  });

  it('window emits once when a key exceeds the threshold within the window', () => {
    const ev = [0, 100, 200, 300, 400, 70_000].map((atMs) => ({ atMs, type: 'OrderPlaced', key: 'k', payload: { customerId: 'c1' } }));
    const other = [{ atMs: 50, type: 'OrderPlaced', key: 'z', payload: { customerId: 'c2' } }];
    expect(through({ op: 'window', windowMs: 60_000, groupBy: 'customerId', threshold: 3, emits: 'FraudSuspected' }, [...ev, ...other].sort((a, b) => a.atMs - b.atMs)))
      .toEqual([[300, 'FraudSuspected']]);
  });

  it('join pairs left and right on a field within the time span', () => {
    const ev: Rec[] = [
      { atMs: 0, type: 'OrderPlaced', key: 'a', payload: { orderId: 'a' } },
      { atMs: 10, type: 'OrderPlaced', key: 'b', payload: { orderId: 'b' } },
      { atMs: 500, type: 'PaymentAuthorized', key: 'a', payload: { orderId: 'a' } },
      { atMs: 90_000, type: 'PaymentAuthorized', key: 'b', payload: { orderId: 'b' } }, // too late
    ];
    expect(through({ op: 'join', left: 'OrderPlaced', right: 'PaymentAuthorized', on: 'orderId', withinMs: 60_000, emits: 'OrderConfirmed' }, ev, 200))
      .toEqual([[500, 'OrderConfirmed']]);
  });
});
