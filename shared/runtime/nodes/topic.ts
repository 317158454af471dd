/**
 * Topic (Kafka-like pub/sub): every consumer group gets every event; within a group, the
 * event goes to the partition chosen by key hash, and each partition is owned by one member
 * and processed strictly in order (one message in flight per partition per group).
 */
import type { SettingsOf } from '../../model/nodes';
import type { NodeState } from '../api';
import type { RunContext } from '../context';
import type { Msg } from '../message';
import { NodeStats } from '../node-stats';
import { fnv1a } from '../prng';
import { Ring } from '../ring';
import type { Consumer, EdgeCounter, Feeder, Job, Receiver, RuntimeNode } from './types';
import { newJob } from './worker';

interface Lane { q: Ring<Job>; busy: boolean }

class GroupMember implements Feeder {
  readonly ready = new Ring<Lane>();
  readonly handlesFailures = false;
  /** messages queued in the lanes this member owns, not yet taken: its share of the group's lag */
  pending = 0;
  constructor(readonly group: ConsumerGroup, readonly consumer: Consumer, readonly edge: EdgeCounter) {}

  take(): Job | null {
    const lane = this.ready.shift();
    if (lane === undefined) return null;
    const job = lane.q.shift()!;
    lane.busy = true;
    const now = this.group.topic.ctx.now;
    this.consumer.stats.addWaiting(now, -1);
    this.pending--;
    this.group.lag--;
    this.edge.count++;
    this.group.topic.delivered();
    return job;
  }

  complete(job: Job): void {
    const lane = job.ref as Lane;
    lane.busy = false;
    if (lane.q.length > 0) this.ready.push(lane);
  }

  redelivers(): boolean {
    return false;
  }

  held(): number {
    return this.pending;
  }
}

class ConsumerGroup {
  readonly members: GroupMember[] = [];
  readonly lanes: Lane[];
  lag = 0;
  /** event types this group wants (edge types ∩ consumer's types); null = all */
  types: Set<string> | null = null;

  constructor(readonly topic: Topic, readonly name: string, partitions: number) {
    this.lanes = Array.from({ length: partitions }, () => ({ q: new Ring<Job>(), busy: false }));
  }

  enqueue(m: Msg, partition: number, now: number): void {
    if (this.types !== null && !this.types.has(m.type)) return;
    const lane = this.lanes[partition]!;
    const member = this.members[partition % this.members.length]!;
    lane.q.push(newJob(m, member, lane, now, member.consumer));
    member.consumer.stats.addWaiting(now, 1);
    member.pending++;
    this.lag++;
    if (!lane.busy && lane.q.length === 1) {
      member.ready.push(lane);
      member.consumer.wake();
    }
  }

  /** drop-oldest: remove the head of the longest lane */
  dropOldest(): Msg | null {
    let best: Lane | null = null;
    for (const l of this.lanes) if (l.q.length > (best?.q.length ?? 0) && !(l.busy && l.q.length === 0)) best = l;
    if (best === null || best.q.length === 0) return null;
    const idx = this.lanes.indexOf(best);
    const member = this.members[idx % this.members.length]!;
    const wasReady = !best.busy;
    const job = best.q.shift()!;
    member.consumer.stats.addWaiting(this.topic.ctx.now, -1);
    member.pending--;
    this.lag--;
    if (wasReady && best.q.length === 0) {
      // rebuild the member's ready ring without this lane
      const keep: Lane[] = [];
      for (let l = member.ready.shift(); l !== undefined; l = member.ready.shift()) if (l !== best) keep.push(l);
      for (const l of keep) member.ready.push(l);
    }
    return job.msg;
  }
}

export class Topic implements Receiver, RuntimeNode {
  readonly stats = new NodeStats();
  private readonly groups: ConsumerGroup[] = [];
  private readonly byName = new Map<string, ConsumerGroup>();
  private readonly blocked = new Ring<Msg>();
  private readonly partitions: number;
  private readonly keyField: string;

  constructor(readonly id: string, readonly ctx: RunContext, private readonly settings: SettingsOf<'topic'>) {
    this.partitions = settings.partitions;
    this.keyField = settings.keyField;
  }

  /** a subscribe edge: the consumer joins its group (its consumerGroup setting, else its own id) */
  subscribe(consumer: Consumer, groupName: string, edge: EdgeCounter, types: Set<string> | null): void {
    let g = this.byName.get(groupName);
    if (g === undefined) {
      g = new ConsumerGroup(this, groupName, this.partitions);
      g.types = types;
      this.byName.set(groupName, g);
      this.groups.push(g);
    } else if (g.types !== null) {
      if (types === null) g.types = null;
      else for (const t of types) g.types.add(t);
    }
    const member = new GroupMember(g, consumer, edge);
    g.members.push(member);
    consumer.addFeeder(member);
  }

  accept(m: Msg): void {
    const ctx = this.ctx;
    const now = ctx.now;
    ctx.deliveries++;
    this.stats.in++;
    if (m.traced) ctx.log(m, 'published', this.id, '');
    if (this.groups.length === 0) return;
    if (this.depth() >= this.settings.capacity) {
      if (this.settings.overflow === 'backpressure') {
        this.blocked.push(m);
        this.stats.addWaiting(now, 1);
        return;
      }
      let victim: Msg | null = m;
      if (this.settings.overflow === 'drop-oldest') {
        victim = null;
        for (const g of this.groups) victim = g.dropOldest() ?? victim;
      }
      if (victim !== null) {
        this.stats.drops++;
        ctx.log(victim, 'dropped', this.id, '', undefined, 'topic full');
        ctx.lost(victim);
      }
      if (victim === m) return;
    }
    this.publish(m, now);
  }

  private publish(m: Msg, now: number): void {
    const key = this.keyField === '' ? m.key : String(m.payload[this.keyField] ?? m.key);
    const p = this.partitions === 1 ? 0 : fnv1a(key) % this.partitions;
    for (let i = 0; i < this.groups.length; i++) this.groups[i]!.enqueue(m, p, now);
    if (this.depth() > this.stats.waitingPeak) this.stats.waitingPeak = this.depth();
  }

  /** a consumer took a message: admit publishers waiting on a full topic */
  delivered(): void {
    this.stats.out++;
    if (this.blocked.length > 0 && this.depth() < this.settings.capacity) {
      const m = this.blocked.shift()!;
      this.stats.addWaiting(this.ctx.now, -1);
      this.publish(m, this.ctx.now);
    }
  }

  /** the slowest group's undelivered messages (each counted once, however many groups wait for it) + publishers at a full topic's door */
  depth(): number {
    let d = 0;
    for (let i = 0; i < this.groups.length; i++) if (this.groups[i]!.lag > d) d = this.groups[i]!.lag;
    return d + this.blocked.length;
  }

  depthPeak(): number {
    return this.stats.waitingPeak;
  }

  /** a broker is not a consumer: what it holds for each group is that consumer's lag, not the broker's */
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
