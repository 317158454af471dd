/**
 * The seam between live runs and a real broker (docs/live.md "Adapter interface"). The live
 * runner only talks to this; RabbitMQ is the first adapter (rabbitmq.ts). A second broker
 * implements the same five verbs and its own plan mapping.
 */
import type { BrokerPlan } from '../../../shared/live/plan';

/** One message as it travels: the runtime's event fields plus the live timestamps. */
export interface LiveMessage {
  id: number;
  type: string;
  key: string;
  payload: Record<string, unknown>;
  correlationId: number;
  causationId: number | null;
  /** wall ms (epoch) of the first publish: latency publish -> ack is measured from it */
  firstPublishedAt: number;
  /** 1 for the first delivery; the consumer increments it when it republishes a retry */
  attempt: number;
}

export interface Delivery {
  message: LiveMessage;
  /** done successfully: removes it from the queue */
  ack(): void;
  /** reject without requeue: the queue's dead-letter exchange gets it (or it is dropped) */
  reject(): void;
}

export interface QueueStats {
  queue: string;
  /** ready messages (what waits for a consumer) */
  messages: number;
  consumers: number;
}

export interface ApplyStep {
  object: string;
  action: 'create' | 'exists';
}

export interface BrokerInfo {
  /** the address without credentials, e.g. amqp://127.0.0.1:5672/ */
  address: string;
  product: string;
  version: string;
}

/** 'accepted' by the broker, 'refused' at capacity (x-overflow reject-publish), 'unroutable' */
export type PublishOutcome = 'accepted' | 'refused' | 'unroutable';

export interface ConsumerHandle {
  /** stop receiving (a "down" fault): unacked messages go back to the queue */
  cancel(): Promise<void>;
}

export interface BrokerAdapter {
  readonly info: BrokerInfo;
  /** what apply would do, without changing anything */
  preview(plan: BrokerPlan): Promise<ApplyStep[]>;
  /** declares the plan's objects; idempotent (same plan twice = no change) */
  apply(plan: BrokerPlan): Promise<ApplyStep[]>;
  /** publishes with a broker confirm */
  publish(exchange: string, routingKey: string, message: LiveMessage, headers: Record<string, string>): Promise<PublishOutcome>;
  consume(queue: string, prefetch: number, onDelivery: (d: Delivery) => void): Promise<ConsumerHandle>;
  queueStats(queue: string): Promise<QueueStats>;
  /** deletes exactly the plan's queues and exchanges; returns the names it removed */
  teardown(plan: BrokerPlan): Promise<string[]>;
  /** called once when the connection drops unexpectedly (the run ends as interrupted) */
  onConnectionLost(listener: (reason: string) => void): void;
  close(): Promise<void>;
}

/** A broker problem the user can act on: the message names the address and the cause. */
export class BrokerError extends Error {
  constructor(message: string, readonly code: 'unreachable' | 'auth' | 'vhost' | 'conflict' | 'protocol') {
    super(message);
  }
}
