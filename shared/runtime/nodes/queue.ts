/**
 * Queue (SQS-like point-to-point): competing consumers pull; a received message is invisible
 * for the visibility timeout; success deletes it; a failure or an expired timeout makes it
 * visible again, and past maxReceives it moves to the dead-letter target.
 *
 * The visibility timeout is the same for every message of a queue, so expiries come in
 * receive order: one FIFO of in-flight records and one timer for its head, not one timer per
 * message.
 */
import type { SettingsOf } from '../../model/nodes';
import type { NodeState } from '../api';
import type { RunContext } from '../context';
import type { Msg } from '../message';
import { NodeStats } from '../node-stats';
import { Ring } from '../ring';
import type { Consumer, EdgeCounter, Feeder, Job, Receiver, RuntimeNode } from './types';
import { newJob } from './worker';

const VISIBLE = 0;
const IN_FLIGHT = 1;
const ACKED = 2;
const NACKED = 3;
const GONE = 4;

interface QueueRecord {
  msg: Msg;
  enqueuedAt: number;
  receives: number;
  receivedAt: number;
  state: number;
  /** shared by every copy of a message: set once any consumer processed it */
  done: { v: boolean };
}

interface Subscription { consumer: Consumer; edge: EdgeCounter; feeder: QueueFeeder }

class QueueFeeder implements Feeder {
  readonly handlesFailures = true;
  constructor(private readonly queue: Queue, private readonly edge: EdgeCounter, private readonly consumer: Consumer) {}
  take(): Job | null {
    const r = this.queue.receive();
    if (r === null) return null;
    this.edge.count++;
    return newJob(r.msg, this, r, r.enqueuedAt, this.consumer);
  }
  complete(job: Job, ok: boolean): void {
    this.queue.settle(job.ref as QueueRecord, ok);
  }
  redelivers(job: Job): boolean {
    return (job.ref as QueueRecord).receives < this.queue.settings.maxReceives;
  }
  /** competing consumers: every visible message is available to each of them */
  held(): number {
    return this.queue.visibleCount();
  }
}

export class Queue implements Receiver, RuntimeNode {
  readonly stats = new NodeStats();
  private readonly visible = new Ring<QueueRecord>();
  private readonly inFlight = new Ring<QueueRecord>();
  private readonly blocked = new Ring<Msg>();
  private readonly subs: Subscription[] = [];
  private rr = 0;
  private timerAt = -1;
  deadLetter: Receiver | null = null;

  constructor(readonly id: string, readonly ctx: RunContext, readonly settings: SettingsOf<'queue'>) {}

  subscribe(consumer: Consumer, edge: EdgeCounter): void {
    const feeder = new QueueFeeder(this, edge, consumer);
    this.subs.push({ consumer, edge, feeder });
    consumer.addFeeder(feeder);
  }

  accept(m: Msg): void {
    const ctx = this.ctx;
    ctx.deliveries++;
    this.stats.in++;
    if (m.traced) ctx.log(m, 'published', this.id, '');
    if (this.visible.length + this.stats.inFlight >= this.settings.capacity) {
      if (this.settings.overflow === 'backpressure') {
        this.blocked.push(m);
        this.stats.addWaiting(ctx.now, 1);
        return;
      }
      let victim = m;
      if (this.settings.overflow === 'drop-oldest' && this.visible.length > 0) {
        const old = this.visible.shift()!;
        old.state = GONE;
        this.stats.addWaiting(ctx.now, -1);
        victim = old.msg;
      }
      this.stats.drops++;
      ctx.log(victim, 'dropped', this.id, '', undefined, 'queue full');
      ctx.lost(victim);
      if (victim === m) return;
    }
    this.enqueue({ msg: m, enqueuedAt: ctx.now, receives: 0, receivedAt: 0, state: VISIBLE, done: { v: false } });
  }

  private enqueue(r: QueueRecord): void {
    r.state = VISIBLE;
    this.visible.push(r);
    this.stats.addWaiting(this.ctx.now, 1);
    this.wakeConsumers();
  }

  private wakeConsumers(): void {
    const n = this.subs.length;
    for (let i = 0; i < n && this.visible.length > 0; i++) {
      this.subs[(this.rr + i) % n]!.consumer.wake();
    }
    if (n > 0) this.rr = (this.rr + 1) % n;
  }

  receive(): QueueRecord | null {
    const r = this.visible.shift();
    if (r === undefined) return null;
    const now = this.ctx.now;
    this.stats.addWaiting(now, -1);
    this.stats.addInFlight(now, 1);
    this.stats.out++;
    this.stats.recordLatency(now - r.enqueuedAt);
    r.receives++;
    r.receivedAt = now;
    r.state = IN_FLIGHT;
    this.inFlight.push(r);
    if (r.receives > 1 && r.msg.traced) this.ctx.log(r.msg, 'delivered', this.id, '', r.receives);
    if (this.timerAt < 0) this.armTimer(r.receivedAt + this.settings.visibilityTimeoutMs);
    if (this.blocked.length > 0) this.admitBlocked();
    return r;
  }

  settle(r: QueueRecord, ok: boolean): void {
    if (r.state !== IN_FLIGHT) return; // expired meanwhile: its redelivery is already under way
    r.state = ok ? ACKED : NACKED;
    if (ok) this.stats.addInFlight(this.ctx.now, -1);
  }

  private armTimer(at: number): void {
    this.timerAt = at;
    this.ctx.sched.at(at, queueTimer, this);
  }

  /** pop settled heads; expired or nacked ones come back (or go to the dead-letter target) */
  expire(): void {
    this.timerAt = -1;
    const now = this.ctx.now;
    const vt = this.settings.visibilityTimeoutMs;
    for (let r = this.inFlight.peek(); r !== undefined; r = this.inFlight.peek()) {
      if (r.state === ACKED || r.state === GONE) {
        this.inFlight.shift();
        continue;
      }
      if (r.receivedAt + vt > now) {
        this.armTimer(r.receivedAt + vt);
        return;
      }
      this.inFlight.shift();
      this.stats.addInFlight(now, -1);
      if (r.done.v) {
        // another copy was processed meanwhile: the message is deleted, nothing to redeliver
        r.state = GONE;
        continue;
      }
      if (r.state === IN_FLIGHT) {
        // still being processed: a copy becomes visible (the consumer's late ack is ignored)
        r.state = GONE;
        r = { ...r, state: VISIBLE };
      }
      if (r.receives >= this.settings.maxReceives) {
        r.state = GONE;
        this.stats.deadLetters++;
        this.ctx.log(r.msg, 'dead-lettered', this.id, this.settings.deadLetterTarget, r.receives, `received ${r.receives} times`);
        if (this.subs.some((s) => s.consumer.ordersCritical)) this.ctx.lost(r.msg);
        if (this.deadLetter !== null) this.deadLetter.accept(r.msg, this.id);
      } else {
        if (r.msg.traced) this.ctx.log(r.msg, 'redelivered', this.id, '', r.receives);
        this.enqueue(r);
      }
    }
  }

  private admitBlocked(): void {
    while (this.blocked.length > 0 && this.visible.length + this.stats.inFlight < this.settings.capacity) {
      const m = this.blocked.shift()!;
      this.stats.addWaiting(this.ctx.now, -1);
      this.enqueue({ msg: m, enqueuedAt: this.ctx.now, receives: 0, receivedAt: 0, state: VISIBLE, done: { v: false } });
    }
  }

  /** visible (not yet received) + publishers at a full queue's door; received ones are inFlight */
  depth(): number {
    return this.visible.length + this.blocked.length;
  }

  depthPeak(): number {
    return this.stats.waitingPeak;
  }

  visibleCount(): number {
    return this.visible.length;
  }

  /** not a consumer (see Topic.lag) */
  lag(): number {
    return 0;
  }

  capacitySlots(): number {
    return 0;
  }

  state(): NodeState {
    return this.blocked.length > 0 ? 'degraded' : 'healthy';
  }
}

function queueTimer(q: Queue): void {
  q.expire();
}
