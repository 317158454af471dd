import { z } from 'zod';
import { ArrivalProfile } from './arrival-profiles';
import { Distribution, TimeWindow } from './distributions';

/** Node id / name rules shared by every kind. */
export const NodeId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits, _ . : -');
export const EventTypeName = z.string().min(1).max(80).regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'event type names start with a letter');

const percent = z.number().min(0).max(100); // shown and stored as %, e.g. 2.5 = 2.5 %
const Position = z.object({ x: z.number().finite(), y: z.number().finite() });

export const BrokerTechnology = z.enum(['kafka', 'rabbitmq', 'sqs', 'sns', 'eventbridge', 'pulsar', 'nats', 'generic']);
export type BrokerTechnology = z.infer<typeof BrokerTechnology>;

export const OverflowPolicy = z.enum(['backpressure', 'drop-newest', 'drop-oldest']);

export const RetryPolicy = z.object({
  maxAttempts: z.number().int().min(1).max(100).default(3), // including the first attempt
  backoffMs: z.number().min(0).max(3_600_000).default(200),
  multiplier: z.number().min(1).max(10).default(2),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

export const Slowdown = z.object({ window: TimeWindow, factor: z.number().min(1).max(1000) });

export const ProducerSettings = z.object({
  /** 'events': the profile emits `emits` directly; 'sessions': it starts customer sessions */
  mode: z.enum(['events', 'sessions']).default('events'),
  emits: z.array(EventTypeName).max(50).default(['OrderPlaced']),
  profile: ArrivalProfile.default({ kind: 'poisson', ratePerSec: 10 }),
  sessions: z.object({
    cartAbandonPct: percent.default(70),
    checkoutAbandonPct: percent.default(20),
    /** purchase probability falls this many % per extra second of checkout latency */
    latencySensitivityPctPerSec: percent.default(7),
    meanItems: z.number().min(1).max(50).default(2.2),
    /** 'sync': the buyer waits until the first consumer has processed OrderPlaced (a monolith
     * checkout); 'async': only until the broker accepted it (event-driven checkout) */
    checkoutMode: z.enum(['async', 'sync']).default('async'),
  }).default({ cartAbandonPct: 70, checkoutAbandonPct: 20, latencySensitivityPctPerSec: 7, meanItems: 2.2, checkoutMode: 'async' }),
});

export const TopicSettings = z.object({
  technology: BrokerTechnology.default('kafka'),
  address: z.string().max(200).optional(),
  partitions: z.number().int().min(1).max(1024).default(3),
  replication: z.number().int().min(1).max(7).default(3),
  retentionHours: z.number().min(0).max(100_000).default(168),
  capacity: z.number().int().min(1).max(100_000_000).default(1_000_000),
  overflow: OverflowPolicy.default('backpressure'),
  /** payload field used as the partition key (e.g. orderId); empty = event key */
  keyField: z.string().max(80).default(''),
});

export const QueueSettings = z.object({
  technology: BrokerTechnology.default('sqs'),
  address: z.string().max(200).optional(),
  visibilityTimeoutMs: z.number().min(1).max(43_200_000).default(30_000),
  maxReceives: z.number().int().min(1).max(1000).default(5),
  /** node id of the queue that receives messages past maxReceives */
  deadLetterTarget: z.string().max(64).default(''),
  capacity: z.number().int().min(1).max(100_000_000).default(1_000_000),
  overflow: OverflowPolicy.default('backpressure'),
  fifo: z.boolean().default(false),
});

export const BusSettings = z.object({
  technology: BrokerTechnology.default('eventbridge'),
  address: z.string().max(200).optional(),
  /** what happens to an event no route matches */
  unmatched: z.enum(['drop', 'dead-letter']).default('drop'),
  /** queue or topic receiving unmatched events when `unmatched` is 'dead-letter' */
  deadLetterTarget: z.string().max(64).default(''),
});

export const ServiceSettings = z.object({
  instances: z.number().int().min(1).max(1000).default(2),
  concurrency: z.number().int().min(1).max(10_000).default(4),
  processing: Distribution.default({ kind: 'lognormal', meanMs: 40, sigma: 0.5 }),
  failurePct: percent.default(0),
  retry: RetryPolicy.default({ maxAttempts: 3, backoffMs: 200, multiplier: 2 }),
  idempotent: z.boolean().default(true),
  consumerGroup: z.string().max(80).default(''),
  consumes: z.array(EventTypeName).max(50).default([]),
  emitsOnSuccess: z.array(EventTypeName).max(50).default([]),
  emitsOnFailure: z.array(EventTypeName).max(50).default([]),
  outages: z.array(TimeWindow).max(100).default([]),
  slowdowns: z.array(Slowdown).max(100).default([]),
  /** probability that an incoming message is poison (always fails) */
  poisonPct: percent.default(0),
  /** broker node id receiving messages that exhausted their retries (Kafka-style DLT) */
  deadLetterTarget: z.string().max(64).default(''),
});

export const OperatorSettings = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('filter'),
    field: z.string().max(120).default('type'),
    comparator: z.enum(['==', '!=', '>', '>=', '<', '<=', 'contains']).default('=='),
    value: z.string().max(200).default(''),
  }),
  z.object({
    op: z.literal('map'),
    /** re-type the event (empty = keep) and add fixed attributes */
    emitAs: z.string().max(80).default(''),
    enrich: z.record(z.string().max(80), z.string().max(200)).default({}),
  }),
  z.object({
    op: z.literal('window'),
    windowMs: z.number().positive().max(86_400_000).default(60_000),
    groupBy: z.string().max(120).default('customerId'),
    /** emit when count in a window exceeds this */
    threshold: z.number().int().min(1).max(1_000_000).default(3),
    emits: EventTypeName.default('FraudSuspected'),
  }),
  z.object({ op: z.literal('throttle'), intervalMs: z.number().positive().max(86_400_000).default(1000) }),
  z.object({ op: z.literal('debounce'), quietMs: z.number().positive().max(86_400_000).default(1000) }),
  z.object({
    op: z.literal('join'),
    left: EventTypeName.default('OrderPlaced'),
    right: EventTypeName.default('PaymentAuthorized'),
    on: z.string().max(120).default('orderId'),
    withinMs: z.number().positive().max(86_400_000).default(60_000),
    emits: EventTypeName.default('OrderConfirmed'),
  }),
]);
export type OperatorSettings = z.infer<typeof OperatorSettings>;
export type OperatorKind = OperatorSettings['op'];

export const SinkSettings = z.object({
  system: z.enum(['payment-gateway', 'email-provider', 'warehouse', 'crm', 'analytics', 'other']).default('other'),
  latency: Distribution.default({ kind: 'lognormal', meanMs: 120, sigma: 0.4 }),
  failurePct: percent.default(0),
  concurrency: z.number().int().min(1).max(100_000).default(100),
  outages: z.array(TimeWindow).max(100).default([]),
});

export const GroupSettings = z.object({
  width: z.number().min(80).max(20_000).default(480),
  height: z.number().min(60).max(20_000).default(320),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#6b7bd6'),
});

const base = {
  id: NodeId,
  name: z.string().min(1).max(120),
  description: z.string().max(2000).optional(),
  position: Position,
  /** id of the Group node this node sits in; position is then relative to the group */
  parentId: NodeId.optional(),
};

export const ProducerNode = z.object({ ...base, kind: z.literal('producer'), settings: ProducerSettings });
export const TopicNode = z.object({ ...base, kind: z.literal('topic'), settings: TopicSettings });
export const QueueNode = z.object({ ...base, kind: z.literal('queue'), settings: QueueSettings });
export const BusNode = z.object({ ...base, kind: z.literal('bus'), settings: BusSettings });
export const ServiceNode = z.object({ ...base, kind: z.literal('service'), settings: ServiceSettings });
export const OperatorNode = z.object({ ...base, kind: z.literal('operator'), settings: OperatorSettings });
export const SinkNode = z.object({ ...base, kind: z.literal('sink'), settings: SinkSettings });
export const GroupNode = z.object({ ...base, kind: z.literal('group'), settings: GroupSettings });

export const TopologyNode = z.discriminatedUnion('kind', [
  ProducerNode, TopicNode, QueueNode, BusNode, ServiceNode, OperatorNode, SinkNode, GroupNode,
]);
export type TopologyNode = z.infer<typeof TopologyNode>;
export type NodeKind = TopologyNode['kind'];
export type NodeOfKind<K extends NodeKind> = Extract<TopologyNode, { kind: K }>;
export type SettingsOf<K extends NodeKind> = NodeOfKind<K>['settings'];

export const NODE_KINDS: readonly NodeKind[] = ['producer', 'topic', 'queue', 'bus', 'service', 'operator', 'sink', 'group'];

export const settingsSchemas = {
  producer: ProducerSettings,
  topic: TopicSettings,
  queue: QueueSettings,
  bus: BusSettings,
  service: ServiceSettings,
  operator: OperatorSettings,
  sink: SinkSettings,
  group: GroupSettings,
} as const;

export const BROKER_KINDS = ['topic', 'queue', 'bus'] as const satisfies readonly NodeKind[];
export function isBroker(kind: NodeKind): kind is 'topic' | 'queue' | 'bus' {
  return kind === 'topic' || kind === 'queue' || kind === 'bus';
}
