/**
 * Producer: a scheduled source. 'events' mode emits its event types by the arrival profile
 * (or replays a recorded file); 'sessions' mode starts customer sessions that emit the
 * commerce funnel. Output is an RxJS Subject that publish edges subscribe to.
 */
import { Subject } from 'rxjs';
import type { NodeOfKind } from '../../model/nodes';
import { ArrivalProcess } from '../../commerce/arrivals';
import type { PayloadFactory } from '../../commerce/payloads';
import { CustomerSessions } from '../../commerce/sessions';
import type { NodeState } from '../api';
import type { RunContext } from '../context';
import type { Msg } from '../message';
import { NodeStats } from '../node-stats';
import type { RuntimeNode } from './types';

export class Producer implements RuntimeNode {
  readonly stats = new NodeStats();
  readonly out$ = new Subject<Msg>();
  readonly id: string;
  private readonly rng;
  private readonly faults;
  private arrivals: ArrivalProcess | null = null;
  private sessions: CustomerSessions | null = null;
  private rr = 0;

  constructor(private readonly node: NodeOfKind<'producer'>, private readonly ctx: RunContext, private readonly payloads: PayloadFactory) {
    this.id = node.id;
    this.rng = ctx.rngFor(node.id);
    this.faults = ctx.faultsOf(node.id);
  }

  /** schedule the first arrival (after faults are known: bursts change the rate) */
  start(): void {
    const p = this.node.settings.profile;
    if (p.kind === 'replay') {
      for (const r of p.events) this.ctx.sched.at(r.atMs, (rec) => this.emitRecorded(rec), r);
      return;
    }
    this.arrivals = new ArrivalProcess(p, this.faults);
    if (this.node.settings.mode === 'sessions') this.sessions = this.makeSessions();
    this.scheduleNext(0);
  }

  /** a burst injected during the run changes the rate from now on */
  rebuildArrivals(): void {
    const p = this.node.settings.profile;
    if (p.kind !== 'replay') this.arrivals = new ArrivalProcess(p, this.faults);
  }

  private scheduleNext(from: number): void {
    const t = this.arrivals!.next(from, this.rng);
    if (t !== Infinity) this.ctx.sched.at(t, arrive, this);
  }

  arrive(): void {
    const now = this.ctx.now;
    if (this.sessions !== null) this.sessions.start();
    else this.emitOne();
    this.scheduleNext(now);
  }

  private emitOne(): void {
    const emits = this.node.settings.emits;
    if (emits.length === 0) return;
    const type = emits[this.rr++ % emits.length]!;
    const payload = this.payloads.payload(type, this.rng, null, this.ctx.now);
    this.publish(type, this.payloads.keyOf(type, payload), payload, null);
  }

  private emitRecorded(r: { type: string; key?: string | undefined; payload?: Record<string, unknown> | undefined }): void {
    const payload = r.payload ?? this.payloads.payload(r.type, this.rng, null, this.ctx.now);
    this.publish(r.type, r.key ?? this.payloads.keyOf(r.type, payload), payload, null);
  }

  publish(type: string, key: string, payload: Record<string, unknown>, parent: Msg | null): Msg {
    const now = this.ctx.now;
    const poisonPct = this.faults.poison.length > 0 ? this.faults.poisonPct(now) : 0;
    const poison = poisonPct > 0 && this.rng.chance(poisonPct);
    const m = this.ctx.newMsg(type, key, payload, parent, this.id, poison);
    this.stats.out++;
    this.out$.next(m);
    return m;
  }

  private makeSessions(): CustomerSessions {
    const ctx = this.ctx;
    return new CustomerSessions({
      now: () => ctx.now,
      at: (t, fn) => ctx.sched.at(t, callThunk, fn),
      emit: (type, key, payload, parent) => this.publish(type, key, payload, parent),
      onFirstProcessed: (id, fn) => ctx.firstProcessed.set(id, fn),
      onCreated: (type, fn) => ctx.onCreated(type, fn),
      kpis: ctx.kpis,
    }, this.node.settings.sessions, this.payloads, ctx.rngFor(this.id, 0x5e55));
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
  state(now: number): NodeState {
    return this.faults.burstFactor(now) > 1 ? 'degraded' : 'healthy';
  }
}

function arrive(p: Producer): void {
  p.arrive();
}

function callThunk(fn: () => void): void {
  fn();
}
