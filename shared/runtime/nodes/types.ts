import type { Observable } from 'rxjs';
import type { NodeState } from '../api';
import type { Msg } from '../message';
import type { NodeStats } from '../node-stats';

/** One unit of work held by a consumer: a delivery, a retry loop, or a synchronous call. */
export interface Job {
  msg: Msg;
  /** where it came from (acked/nacked on completion); null for synchronous calls */
  feeder: Feeder | null;
  /** feeder's own handle (partition lane, queue record) */
  ref: unknown;
  /** when the message became available to this consumer (latency starts here) */
  arrivedAt: number;
  attempt: number;
  ok: boolean;
  callIdx: number;
  /** synchronous call: tells the caller how it went */
  reply: ((ok: boolean) => void) | null;
  worker: unknown;
}

/** A source a consumer pulls from (topic partition lanes, a queue, an inbox). */
export interface Feeder {
  take(): Job | null;
  complete(job: Job, ok: boolean): void;
  /** the broker handles failures itself (queue: redelivery, then its own dead-letter target) */
  readonly handlesFailures: boolean;
  /** will this failed job be delivered again? */
  redelivers(job: Job): boolean;
  /** messages this feeder holds for its consumer now, not yet taken (the consumer's lag) */
  held(): number;
}

/** Something a broker can hand work to (pull-based: capacity is the backpressure). */
export interface Consumer {
  readonly id: string;
  readonly stats: NodeStats;
  /** losing a message here loses the order (see ordersCritical in worker.ts) */
  readonly ordersCritical: boolean;
  addFeeder(f: Feeder): void;
  wake(): void;
}

/** Something messages can be pushed into (brokers, inboxes, operators). */
export interface Receiver {
  accept(m: Msg, via: string): void;
}

export interface RuntimeNode {
  readonly id: string;
  readonly stats: NodeStats;
  readonly out$?: Observable<Msg>;
  /**
   * Queue depth: messages waiting *at* this node now (a broker's undelivered backlog, a
   * worker's own inbox). A message is in exactly one node's depth (docs/runtime.md).
   */
  depth(): number;
  /** highest depth() so far */
  depthPeak(): number;
  /** Consumer lag: messages brokers hold for this consumer now (0 for non-consumers) */
  lag(): number;
  capacitySlots(): number;
  state(now: number): NodeState;
}

/** Per-edge counter, shared by the edge operator and the brokers' deliveries. */
export class EdgeCounter {
  count = 0;
  constructor(readonly id: string, readonly source: string, readonly target: string) {}
}
