/**
 * Stream operator: an RxJS pipeline on the heap scheduler. filter/map are RxJS filter/map;
 * throttle/debounce are throttleTime/debounceTime in simulated time; window (count per key in
 * a sliding window) and join (two types matched on a field within a time span) are small
 * custom operators. As a consumer of topics and queues it has unbounded capacity.
 */
import { Observable, Subject, debounceTime, filter, map, throttleTime } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import type { NodeOfKind, OperatorSettings } from '../../model/nodes';
import type { NodeState } from '../api';
import type { RunContext } from '../context';
import type { Msg } from '../message';
import { NodeStats } from '../node-stats';
import { compare, fieldOf } from './bus';
import type { Consumer, Feeder, Receiver, RuntimeNode } from './types';

export class StreamOperator implements Consumer, Receiver, RuntimeNode {
  readonly stats = new NodeStats();
  readonly out$ = new Subject<Msg>();
  private readonly in$ = new Subject<Msg>();
  private readonly feeders: Feeder[] = [];
  readonly id: string;
  readonly ordersCritical = false;

  constructor(node: NodeOfKind<'operator'>, private readonly ctx: RunContext) {
    this.id = node.id;
    this.in$.pipe(operatorPipeline(node.settings, ctx, this)).subscribe((m) => {
      this.stats.out++;
      this.out$.next(m);
    });
  }

  addFeeder(f: Feeder): void {
    this.feeders.push(f);
  }

  /** topic/queue subscriptions: take everything available, acknowledge at once */
  wake(): void {
    for (const f of this.feeders) {
      for (let j = f.take(); j !== null; j = f.take()) {
        f.complete(j, true);
        this.accept(j.msg);
      }
    }
  }

  accept(m: Msg): void {
    this.ctx.deliveries++;
    this.stats.in++;
    if (m.traced) this.ctx.log(m, 'delivered', this.id, '');
    this.in$.next(m);
  }

  filtered(m: Msg): void {
    if (m.traced) this.ctx.log(m, 'filtered', this.id, '');
  }

  depth(): number {
    return 0;
  }
  depthPeak(): number {
    return 0;
  }
  lag(): number {
    return 0;
  }
  capacitySlots(): number {
    return 0;
  }
  state(): NodeState {
    return 'healthy';
  }
}

function operatorPipeline(s: OperatorSettings, ctx: RunContext, node: StreamOperator): OperatorFunction<Msg, Msg> {
  switch (s.op) {
    case 'filter':
      return filter((m) => {
        const keep = compare(fieldOf(m, s.field), s.comparator, s.value);
        if (!keep) node.filtered(m);
        return keep;
      });
    case 'map':
      return map((m) => ctx.newMsg(s.emitAs || m.type, m.key, { ...m.payload, ...s.enrich }, m, node.id));
    case 'throttle':
      return throttleTime(s.intervalMs, ctx.sched);
    case 'debounce':
      return debounceTime(s.quietMs, ctx.sched);
    case 'window':
      return slidingCount(s.windowMs, s.groupBy, s.threshold, (m, count) =>
        ctx.newMsg(s.emits, m.key, { ...pick(m.payload, ['customerId', 'orderId']), count, windowMs: s.windowMs }, m, node.id), ctx);
    case 'join':
      return joinWithin(s.left, s.right, s.on, s.withinMs, (left, right) =>
        ctx.newMsg(s.emits, left.key, { ...left.payload, ...right.payload }, right, node.id), ctx);
  }
}

/** Emit once per key when more than `threshold` events fall within the last `windowMs`. */
export function slidingCount(windowMs: number, groupBy: string, threshold: number, make: (m: Msg, count: number) => Msg, ctx: RunContext): OperatorFunction<Msg, Msg> {
  return (source) => new Observable<Msg>((sub) => {
    const seen = new Map<string, { times: number[]; firedAt: number }>();
    let lastSweep = 0;
    return source.subscribe({
      next: (m) => {
        const now = ctx.now;
        const key = String(fieldOf(m, groupBy) ?? m.key);
        let e = seen.get(key);
        if (e === undefined) {
          e = { times: [], firedAt: -Infinity };
          seen.set(key, e);
        }
        e.times.push(now);
        while (e.times.length > 0 && e.times[0]! <= now - windowMs) e.times.shift();
        if (e.times.length > threshold && now - e.firedAt >= windowMs) {
          e.firedAt = now;
          sub.next(make(m, e.times.length));
        }
        if (now - lastSweep > windowMs) {
          // forget idle keys: memory bounded by the keys active in one window
          lastSweep = now;
          for (const [k, v] of seen) if ((v.times[v.times.length - 1] ?? -Infinity) <= now - windowMs && now - v.firedAt >= windowMs) seen.delete(k);
        }
      },
      error: (err) => sub.error(err),
      complete: () => sub.complete(),
    });
  });
}

/** Pair a `left` and a `right` event with the same `on` field arriving within `withinMs`. */
export function joinWithin(left: string, right: string, on: string, withinMs: number, make: (l: Msg, r: Msg) => Msg, ctx: RunContext): OperatorFunction<Msg, Msg> {
  return (source) => new Observable<Msg>((sub) => {
    const lefts = new Map<string, Msg>();
    const rights = new Map<string, Msg>();
    const prune = (m: Map<string, Msg>, now: number): void => {
      for (const [k, v] of m) {
        if (now - v.createdAt <= withinMs) break;
        m.delete(k);
      }
    };
    return source.subscribe({
      next: (m) => {
        const now = ctx.now;
        prune(lefts, now);
        prune(rights, now);
        const k = String(fieldOf(m, on) ?? m.key);
        if (m.type === left) {
          const r = rights.get(k);
          if (r !== undefined) {
            rights.delete(k);
            sub.next(make(m, r));
          } else lefts.set(k, m);
        } else if (m.type === right) {
          const l = lefts.get(k);
          if (l !== undefined) {
            lefts.delete(k);
            sub.next(make(l, m));
          } else rights.set(k, m);
        }
      },
      error: (err) => sub.error(err),
      complete: () => sub.complete(),
    });
  });
}

function pick(p: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in p) out[k] = p[k];
  return out;
}
