/**
 * The consuming machinery shared by services and sinks: `capacity` slots (instances ×
 * concurrency) pulling from feeders, attempts with a sampled processing time, failures,
 * in-place retries with backoff, synchronous calls, outages and slow-downs.
 *
 * Completions are scheduled straight on the heap scheduler (one heap entry per attempt), not
 * through mergeMap + delay per message: that is what keeps a delivery at a few hundred ns.
 */
import { Subject } from 'rxjs';
import type { NodeState } from '../api';
import type { RunContext } from '../context';
import type { Msg } from '../message';
import { NodeStats } from '../node-stats';
import type { Rng, Sampler } from '../prng';
import type { NodeFaults } from '../faults';
import { Ring } from '../ring';
import type { Consumer, EdgeCounter, Feeder, Job, Receiver, RuntimeNode } from './types';

export interface WorkerConfig {
  capacity: number;
  sample: Sampler;
  failurePct: number;
  poisonPct: number;
  maxAttempts: number;
  backoffMs: number;
  multiplier: number;
  idempotent: boolean;
  emitsOnSuccess: readonly string[];
  emitsOnFailure: readonly string[];
  /**
   * Does giving up on a message here lose the order? False for notification-only services
   * (every success emit is EmailSent) and sinks fed by subscriptions (analytics, warehouse
   * feeds): their failures lose an e-mail or a record, not the sale.
   */
  ordersCritical: boolean;
  /**
   * A synchronous checkout (sessions.checkoutMode = 'sync') returns to the buyer when a service
   * has processed the OrderPlaced; sinks fed by subscriptions (analytics) do not answer buyers.
   */
  answersBuyer: boolean;
  /** builds the payload of an emitted event from its cause */
  derive: (type: string, cause: Msg, rng: Rng) => Msg;
}

interface Call { callee: Worker; edge: EdgeCounter; timeoutMs: number }

/** Direct pushes (bus routes, operator edges) and synchronous call requests. */
class Inbox implements Feeder {
  private readonly q = new Ring<Job>();
  readonly handlesFailures = false;
  peak = 0;
  constructor(private readonly w: Worker) {}
  push(j: Job): void {
    this.q.push(j);
    if (this.q.length > this.peak) this.peak = this.q.length;
    this.w.stats.addWaiting(this.w.ctx.now, 1);
  }
  take(): Job | null {
    const j = this.q.shift();
    if (j === undefined) return null;
    this.w.stats.addWaiting(this.w.ctx.now, -1);
    return j;
  }
  complete(): void {}
  redelivers(): boolean {
    return false;
  }
  held(): number {
    return this.q.length;
  }
}

export class Worker implements Consumer, Receiver, RuntimeNode {
  readonly stats = new NodeStats();
  readonly out$ = new Subject<Msg>();
  private readonly feeders: Feeder[] = [];
  private readonly inbox: Inbox;
  private readonly calls: Call[] = [];
  private rr = 0;
  private busy = 0;
  private waking = false;
  private wakeAt = -1;
  deadLetter: Receiver | null = null;

  constructor(
    readonly id: string,
    readonly ctx: RunContext,
    readonly cfg: WorkerConfig,
    readonly rng: Rng,
    readonly faults: NodeFaults,
  ) {
    this.inbox = new Inbox(this);
    this.feeders.push(this.inbox);
  }

  get ordersCritical(): boolean {
    return this.cfg.ordersCritical;
  }

  addFeeder(f: Feeder): void {
    this.feeders.push(f);
  }

  addCall(callee: Worker, edge: EdgeCounter, timeoutMs: number): void {
    this.calls.push({ callee, edge, timeoutMs });
  }

  accept(m: Msg): void {
    this.inbox.push(newJob(m, null, null, this.ctx.now, this));
    this.wake();
  }

  /** synchronous call from another worker */
  request(m: Msg, reply: (ok: boolean) => void): void {
    const now = this.ctx.now;
    if (this.faults.isDown(now)) {
      this.stats.errors++;
      this.ctx.log(m, 'failed', this.id, '', 1, 'down');
      this.ctx.sched.at(now, reply, false);
      return;
    }
    const j = newJob(m, null, null, now, this);
    j.reply = reply;
    this.inbox.push(j);
    this.wake();
  }

  wake(): void {
    if (this.waking) return;
    this.waking = true;
    const cap = this.faults.scale.length > 0 ? this.faults.slotsAt(this.ctx.now, this.cfg.capacity) : this.cfg.capacity;
    while (this.busy < cap) {
      const now = this.ctx.now;
      if (this.faults.down.length > 0 && this.faults.isDown(now)) {
        const until = this.faults.downUntil(now);
        if (this.wakeAt !== until) {
          this.wakeAt = until;
          this.ctx.sched.at(until, wakeWorker, this);
        }
        break;
      }
      const job = this.nextJob();
      if (job === null) break;
      this.start(job);
    }
    this.waking = false;
  }

  private nextJob(): Job | null {
    const fs = this.feeders;
    const n = fs.length;
    for (let i = 0; i < n; i++) {
      const k = (this.rr + i) % n;
      const job = fs[k]!.take();
      if (job !== null) {
        this.rr = (k + 1) % n;
        return job;
      }
    }
    return null;
  }

  private start(job: Job): void {
    const ctx = this.ctx;
    this.busy++;
    this.stats.addInFlight(ctx.now, 1);
    this.stats.in++;
    ctx.deliveries++;
    if (job.msg.traced) ctx.log(job.msg, 'delivered', this.id, '');
    if (this.cfg.idempotent && isDuplicate(job)) {
      this.stats.duplicates++;
      ctx.log(job.msg, 'duplicate', this.id, '');
      this.finish(job, true);
      return;
    }
    this.attempt(job);
  }

  private attempt(job: Job): void {
    const now = this.ctx.now;
    job.attempt++;
    let t = this.cfg.sample(this.rng);
    if (this.faults.slow.length > 0) t *= this.faults.slowFactor(now);
    const pct = this.faults.errorRate.length > 0 ? this.faults.failurePct(now, this.cfg.failurePct) : this.cfg.failurePct;
    job.ok = !job.msg.poison && !(pct > 0 && this.rng.chance(pct));
    this.ctx.sched.at(now + t, afterProcessing, job);
  }

  afterProcessing(job: Job): void {
    if (!job.ok) {
      this.attemptFailed(job, job.msg.poison ? 'poison' : 'error');
    } else if (this.calls.length > 0) {
      job.callIdx = 0;
      this.nextCall(job);
    } else {
      this.succeed(job);
    }
  }

  private nextCall(job: Job): void {
    if (job.callIdx >= this.calls.length) {
      this.succeed(job);
      return;
    }
    const call = this.calls[job.callIdx++]!;
    call.edge.count++;
    let settled = false;
    const sched = this.ctx.sched;
    if (call.timeoutMs > 0) {
      sched.after(call.timeoutMs, () => {
        if (settled) return;
        settled = true;
        this.attemptFailed(job, `call to ${call.callee.id} timed out`);
      }, null);
    }
    call.callee.request(job.msg, (ok) => {
      if (settled) return;
      settled = true;
      if (ok) this.nextCall(job);
      else this.attemptFailed(job, `call to ${call.callee.id} failed`);
    });
  }

  private attemptFailed(job: Job, reason: string): void {
    const ctx = this.ctx;
    this.stats.errors++;
    if (job.msg.traced) ctx.log(job.msg, 'failed', this.id, '', job.attempt, reason);
    if (job.attempt < this.cfg.maxAttempts) {
      this.stats.retries++;
      const delay = this.cfg.backoffMs * Math.pow(this.cfg.multiplier, job.attempt - 1);
      if (job.msg.traced) ctx.log(job.msg, 'retried', this.id, '', job.attempt + 1);
      ctx.sched.at(ctx.now + delay, retryAttempt, job);
      return;
    }
    this.giveUp(job, reason);
  }

  private giveUp(job: Job, reason: string): void {
    const ctx = this.ctx;
    const f = job.feeder;
    if (job.reply !== null) {
      job.reply(false);
    } else if (f !== null && f.handlesFailures) {
      if (!f.redelivers(job)) this.emit(this.cfg.emitsOnFailure, job.msg);
    } else {
      this.emit(this.cfg.emitsOnFailure, job.msg);
      if (this.deadLetter !== null) {
        this.stats.deadLetters++;
        ctx.log(job.msg, 'dead-lettered', this.id, '', job.attempt, reason);
        if (this.cfg.ordersCritical) ctx.lost(job.msg);
        this.deadLetter.accept(job.msg, this.id);
      } else if (this.cfg.emitsOnFailure.length === 0) {
        this.stats.drops++;
        ctx.log(job.msg, 'dropped', this.id, '', job.attempt, reason);
        if (this.cfg.ordersCritical) ctx.lost(job.msg);
      }
    }
    this.finish(job, false);
  }

  private succeed(job: Job): void {
    const ctx = this.ctx;
    const now = ctx.now;
    this.stats.out++;
    this.stats.recordLatency(now - job.arrivedAt);
    if (job.msg.traced) ctx.log(job.msg, 'processed', this.id, '', job.attempt);
    // a callee finishing its part of a call chain is not the answer: the caller's completion is
    if (ctx.firstProcessed.size > 0 && this.cfg.answersBuyer && job.reply === null) {
      const cb = ctx.firstProcessed.get(job.msg.id);
      if (cb !== undefined) {
        ctx.firstProcessed.delete(job.msg.id);
        cb(now);
      }
    }
    const dup = this.cfg.idempotent && isDuplicate(job);
    if (dup) this.stats.duplicates++;
    else this.emit(this.cfg.emitsOnSuccess, job.msg);
    if (job.reply !== null) job.reply(true);
    markDone(job);
    this.finish(job, true);
  }

  private emit(types: readonly string[], cause: Msg): void {
    for (let i = 0; i < types.length; i++) {
      const m = this.cfg.derive(types[i]!, cause, this.rng);
      this.out$.next(m);
    }
  }

  private finish(job: Job, ok: boolean): void {
    this.busy--;
    this.stats.addInFlight(this.ctx.now, -1);
    if (job.feeder !== null) job.feeder.complete(job, ok);
    this.wake();
  }

  retry(job: Job): void {
    this.attempt(job);
  }

  /**
   * Only the inbox: messages in a broker's lanes also count in stats.waiting (they are part of
   * this node's time in system, L), but they are the broker's depth and this node's lag.
   */
  depth(): number {
    return this.inbox.held();
  }

  depthPeak(): number {
    return this.inbox.peak;
  }

  lag(): number {
    let n = 0;
    for (let i = 1; i < this.feeders.length; i++) n += this.feeders[i]!.held(); // feeders[0] is the inbox
    return n;
  }

  capacitySlots(): number {
    return this.faults.scale.length > 0 ? this.faults.slotsAt(this.ctx.now, this.cfg.capacity) : this.cfg.capacity;
  }

  /** a scale window begins or ends at `at`: look for work then (more slots may start waiting jobs) */
  wakeAtTime(at: number): void {
    this.ctx.sched.at(Math.max(at, this.ctx.now), wakeWorker, this);
  }

  state(now: number): NodeState {
    if (this.faults.isDown(now)) return 'down';
    if (this.faults.slowFactor(now) > 1 || this.faults.failurePct(now, this.cfg.failurePct) > this.cfg.failurePct) return 'degraded';
    return 'healthy';
  }
}

export function newJob(msg: Msg, feeder: Feeder | null, ref: unknown, arrivedAt: number, worker: unknown): Job {
  return { msg, feeder, ref, arrivedAt, attempt: 0, ok: true, callIdx: 0, reply: null, worker };
}

function afterProcessing(job: Job): void {
  (job.worker as Worker).afterProcessing(job);
}

function retryAttempt(job: Job): void {
  (job.worker as Worker).retry(job);
}

function wakeWorker(w: Worker): void {
  w.wake();
}

/** Queue records share a `done` flag across redeliveries (see queue.ts). */
interface Redeliverable { done: { v: boolean } }
function isDuplicate(job: Job): boolean {
  const r = job.ref as Redeliverable | null;
  return r !== null && typeof r === 'object' && 'done' in r && r.done.v;
}
function markDone(job: Job): void {
  const r = job.ref as Redeliverable | null;
  if (r !== null && typeof r === 'object' && 'done' in r) r.done.v = true;
}
