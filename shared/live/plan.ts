/**
 * Topology -> broker plan for a live run on RabbitMQ (AMQP 0-9-1), pure and deterministic.
 * The plan names every object the adapter declares (all under one prefix, so teardown removes
 * exactly these), the consumers and the publish routes the live runner uses, and lists what the
 * broker cannot express instead of dropping it (docs/live.md "Mapping").
 */
import type { Topology, TopologyEdge, TopologyNode } from '../model';
import type { NodeOfKind } from '../model/nodes';

export type ExchangeType = 'topic' | 'direct' | 'headers' | 'fanout';
export type ArgValue = string | number;

export interface PlannedExchange {
  name: string;
  type: ExchangeType;
  /** the topology node it stands for ('' for the run's dead-letter exchange) */
  nodeId: string;
  /** RabbitMQ `alternate-exchange`: where a bus sends what no route matched */
  alternateExchange?: string;
}

export interface PlannedQueue {
  name: string;
  /** the broker node (topic/queue/bus) the queue belongs to */
  nodeId: string;
  /** topic group queue: the consumer group; bus route queue: the target; '' for a queue node */
  group: string;
  arguments: Record<string, ArgValue>;
}

export interface PlannedBinding {
  /** 'queue': exchange -> queue; 'exchange': exchange -> exchange */
  kind: 'queue' | 'exchange';
  source: string;
  destination: string;
  routingKey: string;
  /** headers-exchange match arguments (bus routes) */
  arguments?: Record<string, ArgValue>;
}

/**
 * The consumers the live runner starts for one (consuming node, queue): one per instance, each
 * holding up to `prefetch` unacked messages, so a `scale` fault adds or cancels consumers.
 */
export interface PlannedConsumer {
  nodeId: string;
  nodeKind: 'service' | 'sink';
  queue: string;
  /** consumers on the queue: the service's instances (a sink: 1) */
  instances: number;
  /** unacked messages each consumer may hold: the service's or sink's concurrency */
  prefetch: number;
}

/** Where a node's event of `eventType` is published. */
export interface PublishRoute {
  from: string;
  eventType: string;
  /** the broker node it goes to */
  to: string;
  exchange: string;
  routingKey: string;
  /** payload fields copied to AMQP headers (bus conditions match on them) */
  headerFields: string[];
  /** what the publisher does when the broker refuses a message at capacity */
  onFull: 'wait' | 'drop';
}

export interface Unsupported {
  /** node or edge id */
  ref: string;
  what: string;
  why: string;
}

export interface BrokerPlan {
  prefix: string;
  exchanges: PlannedExchange[];
  queues: PlannedQueue[];
  bindings: PlannedBinding[];
  consumers: PlannedConsumer[];
  routes: PublishRoute[];
  /** what runs in the consumer process rather than on the broker (calls to sinks/services) */
  inProcess: Unsupported[];
  /** what the broker cannot express: listed, never silently dropped */
  unsupported: Unsupported[];
}

const PREFIX_RE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export class PlanError extends Error {}

/** Validates a user-given prefix (CLI flag, app field): lower-case, short, no dots. */
export function checkPrefix(prefix: string): string {
  if (!PREFIX_RE.test(prefix)) throw new PlanError(`prefix "${prefix}" must be 1-40 characters of a-z, 0-9, _ or -, starting with a letter or digit`);
  return prefix;
}

const OVERFLOW = { backpressure: 'reject-publish', 'drop-newest': 'reject-publish', 'drop-oldest': 'drop-head' } as const;

export function planFor(topology: Topology, prefix: string): BrokerPlan {
  checkPrefix(prefix);
  const byId = new Map<string, TopologyNode>(topology.nodes.map((n) => [n.id, n]));
  const plan: BrokerPlan = { prefix, exchanges: [], queues: [], bindings: [], consumers: [], routes: [], inProcess: [], unsupported: [] };
  const dlx = `${prefix}.dlx`;
  const exchangeOf = (n: TopologyNode): string => `${prefix}.${n.kind}.${n.id}`;
  const queueOfQueueNode = (id: string): string => `${prefix}.queue.${id}`;
  const out = (id: string, kind: TopologyEdge['kind']): TopologyEdge[] => topology.edges.filter((e) => e.source === id && e.kind === kind);
  const into = (id: string, kind: TopologyEdge['kind']): TopologyEdge[] => topology.edges.filter((e) => e.target === id && e.kind === kind);
  const lacks = (ref: string, what: string, why: string): void => { plan.unsupported.push({ ref, what, why }); };
  let needsDlx = false;

  /** x-dead-letter-* arguments sending a queue's rejected messages to a DLT node */
  const deadLetterArgs = (targetId: string): Record<string, ArgValue> => {
    const target = byId.get(targetId);
    if (target === undefined) return {};
    if (target.kind === 'topic') return { 'x-dead-letter-exchange': exchangeOf(target) }; // keeps the event type as routing key
    needsDlx = true;
    return { 'x-dead-letter-exchange': dlx, 'x-dead-letter-routing-key': target.id };
  };
  const capacityArgs = (s: { capacity: number; overflow: keyof typeof OVERFLOW }): Record<string, ArgValue> => ({ 'x-max-length': s.capacity, 'x-overflow': OVERFLOW[s.overflow] });
  /** a consumer's dead-letter target (service) merged into the queue it reads */
  const consumerDlt = (consumer: TopologyNode): string => (consumer.kind === 'service' ? consumer.settings.deadLetterTarget : '');
  const addConsumer = (consumer: TopologyNode, queue: string): void => {
    if (consumer.kind === 'service') plan.consumers.push({ nodeId: consumer.id, nodeKind: 'service', queue, instances: consumer.settings.instances, prefetch: consumer.settings.concurrency });
    else if (consumer.kind === 'sink') plan.consumers.push({ nodeId: consumer.id, nodeKind: 'sink', queue, instances: 1, prefetch: consumer.settings.concurrency });
  };
  /** event types a subscriber takes from a broker: the edge's, else the service's `consumes`, else all */
  const typesOf = (e: TopologyEdge, consumer: TopologyNode): string[] => {
    if (e.eventTypes.length > 0) return e.eventTypes;
    if (consumer.kind === 'service' && consumer.settings.consumes.length > 0) return consumer.settings.consumes;
    return [];
  };

  for (const n of topology.nodes) {
    if (n.kind === 'topic') planTopic(n);
    else if (n.kind === 'queue') planQueue(n);
    else if (n.kind === 'bus') planBus(n);
    else if (n.kind === 'operator') lacks(n.id, `stream operator "${n.name}" (${n.settings.op})`, 'operators run in the simulator only; their edges are not applied');
    else if (n.kind === 'producer') planProducer(n);
    else if (n.kind === 'service') planService(n);
  }
  if (needsDlx) {
    plan.exchanges.unshift({ name: dlx, type: 'direct', nodeId: '' });
    for (const n of topology.nodes) {
      if (n.kind === 'queue' && plan.queues.some((q) => q.arguments['x-dead-letter-routing-key'] === n.id)) {
        plan.bindings.push({ kind: 'queue', source: dlx, destination: queueOfQueueNode(n.id), routingKey: n.id });
      }
    }
  }
  return plan;

  function subscriberQueues(broker: TopologyNode, exchange: string, queueArgs: Record<string, ArgValue>): void {
    const groups = new Map<string, { queue: string; consumers: TopologyNode[]; keys: Set<string> }>();
    for (const e of out(broker.id, 'subscribe')) {
      const consumer = byId.get(e.target);
      if (consumer === undefined) continue;
      if (consumer.kind === 'operator') continue; // listed with the operator
      const group = consumer.kind === 'service' && consumer.settings.consumerGroup !== '' ? consumer.settings.consumerGroup : consumer.id;
      const name = `${exchange}.${group}`;
      const g = groups.get(group) ?? { queue: name, consumers: [], keys: new Set<string>() };
      g.consumers.push(consumer);
      const types = typesOf(e, consumer);
      if (types.length === 0) g.keys.add('#');
      for (const t of types) g.keys.add(t);
      groups.set(group, g);
    }
    for (const [group, g] of groups) {
      const dlts = [...new Set(g.consumers.map(consumerDlt).filter((d) => d !== ''))];
      if (dlts.length > 1) lacks(broker.id, `group "${group}" with dead-letter targets ${dlts.join(', ')}`, 'one queue has one dead-letter exchange; the first is used');
      plan.queues.push({ name: g.queue, nodeId: broker.id, group, arguments: { ...queueArgs, ...(dlts[0] !== undefined ? deadLetterArgs(dlts[0]) : {}) } });
      const keys = g.keys.has('#') ? ['#'] : [...g.keys];
      for (const k of keys) plan.bindings.push({ kind: 'queue', source: exchange, destination: g.queue, routingKey: k });
      for (const c of g.consumers) addConsumer(c, g.queue);
    }
  }

  function planTopic(n: NodeOfKind<'topic'>): void {
    const exchange = exchangeOf(n);
    plan.exchanges.push({ name: exchange, type: 'topic', nodeId: n.id });
    subscriberQueues(n, exchange, capacityArgs(n.settings));
    if (n.settings.partitions > 1) {
      lacks(n.id, `${n.settings.partitions} partitions${n.settings.keyField !== '' ? ` keyed by ${n.settings.keyField}` : ''}`, 'one queue per consumer group; with prefetch > 1 messages of one key may be processed out of order (no consistent-hash exchange)');
    }
    if (n.settings.replication > 1) lacks(n.id, `replication ${n.settings.replication}`, 'classic queues on one node; replication needs quorum queues on a cluster');
    lacks(n.id, `retention ${n.settings.retentionHours} h`, 'a RabbitMQ queue removes a message once it is acked; there is no replay retention');
    if (n.settings.overflow === 'backpressure') plan.inProcess.push({ ref: n.id, what: 'backpressure at capacity', why: 'x-overflow reject-publish; the publisher retries a refused message until it is accepted' });
  }

  function planQueue(n: NodeOfKind<'queue'>): void {
    const name = queueOfQueueNode(n.id);
    const dlt = n.settings.deadLetterTarget !== '' ? n.settings.deadLetterTarget : '';
    const consumers = out(n.id, 'subscribe').map((e) => byId.get(e.target)).filter((c): c is TopologyNode => c !== undefined && c.kind !== 'operator');
    const consumerDlts = consumers.map(consumerDlt).filter((d) => d !== '');
    const target = dlt !== '' ? dlt : consumerDlts[0];
    plan.queues.push({ name, nodeId: n.id, group: '', arguments: { ...capacityArgs(n.settings), ...(target !== undefined ? deadLetterArgs(target) : {}) } });
    for (const c of consumers) addConsumer(c, name);
    lacks(n.id, `visibility timeout ${n.settings.visibilityTimeoutMs} ms`, 'RabbitMQ redelivers an unacked message when its consumer goes away, not after a timeout');
    plan.inProcess.push({ ref: n.id, what: `max receives ${n.settings.maxReceives}`, why: 'counted by the consumer in an x-attempt header; past the service\'s retry attempts the message is rejected to the DLX' });
    if (n.settings.fifo) lacks(n.id, 'FIFO', 'competing consumers with prefetch > 1 do not keep order');
  }

  function planBus(n: NodeOfKind<'bus'>): void {
    const exchange = exchangeOf(n);
    const ex: PlannedExchange = { name: exchange, type: 'headers', nodeId: n.id };
    plan.exchanges.push(ex);
    if (n.settings.unmatched === 'dead-letter' && n.settings.deadLetterTarget !== '') {
      const target = byId.get(n.settings.deadLetterTarget);
      if (target !== undefined) {
        const alt = `${exchange}.unmatched`;
        ex.alternateExchange = alt;
        plan.exchanges.push({ name: alt, type: 'fanout', nodeId: n.id });
        if (target.kind === 'topic') plan.bindings.push({ kind: 'exchange', source: alt, destination: exchangeOf(target), routingKey: '' });
        else plan.bindings.push({ kind: 'queue', source: alt, destination: queueOfQueueNode(target.id), routingKey: '' });
      }
    }
    for (const e of out(n.id, 'route')) {
      const target = byId.get(e.target);
      if (target === undefined || target.kind === 'operator') continue;
      const match: Record<string, ArgValue> = { 'x-match': 'all' };
      for (const c of e.conditions) {
        if (c.comparator !== '==') { lacks(e.id, `route condition ${c.field} ${c.comparator} ${c.value}`, 'a headers exchange matches equality only; the route is applied without it'); continue; }
        match[`f.${c.field}`] = c.value;
      }
      const types = e.eventTypes.length > 0 ? e.eventTypes : [''];
      const bind = (destination: string, kind: PlannedBinding['kind']): void => {
        for (const t of types) plan.bindings.push({ kind, source: exchange, destination, routingKey: '', arguments: t === '' ? { ...match } : { ...match, type: t } });
      };
      if (target.kind === 'topic') bind(exchangeOf(target), 'exchange');
      else if (target.kind === 'queue') bind(queueOfQueueNode(target.id), 'queue');
      else {
        // a service or sink fed straight by the bus gets its own queue
        const queue = `${exchange}.${target.id}`;
        plan.queues.push({ name: queue, nodeId: n.id, group: target.id, arguments: consumerDlt(target) !== '' ? deadLetterArgs(consumerDlt(target)) : {} });
        bind(queue, 'queue');
        addConsumer(target, queue);
      }
    }
  }

  function publishRoutes(n: TopologyNode, offered: readonly string[]): void {
    for (const e of out(n.id, 'publish')) {
      const broker = byId.get(e.target);
      if (broker === undefined) continue;
      const types = e.eventTypes.length > 0 ? e.eventTypes.filter((t) => offered.length === 0 || offered.includes(t)) : offered;
      for (const t of types) {
        if (broker.kind === 'topic') {
          plan.routes.push({ from: n.id, eventType: t, to: broker.id, exchange: exchangeOf(broker), routingKey: t, headerFields: [], onFull: broker.settings.overflow === 'backpressure' ? 'wait' : 'drop' });
        } else if (broker.kind === 'queue') {
          plan.routes.push({ from: n.id, eventType: t, to: broker.id, exchange: '', routingKey: queueOfQueueNode(broker.id), headerFields: [], onFull: broker.settings.overflow === 'backpressure' ? 'wait' : 'drop' });
        } else if (broker.kind === 'bus') {
          const fields = [...new Set(out(broker.id, 'route').flatMap((r) => r.conditions.map((c) => c.field)))];
          plan.routes.push({ from: n.id, eventType: t, to: broker.id, exchange: exchangeOf(broker), routingKey: t, headerFields: fields, onFull: 'drop' });
        }
      }
    }
  }

  function planProducer(n: NodeOfKind<'producer'>): void {
    if (n.settings.mode === 'sessions') lacks(n.id, 'customer sessions', 'live runs publish the producer\'s events by its arrival profile; sessions (browse, cart, abandonment) run in the simulator only');
    if (n.settings.profile.kind === 'replay') lacks(n.id, 'replay profile', 'live runs sample arrival profiles only');
    publishRoutes(n, n.settings.emits);
  }

  function planService(n: NodeOfKind<'service'>): void {
    publishRoutes(n, [...n.settings.emitsOnSuccess, ...n.settings.emitsOnFailure]);
    for (const e of out(n.id, 'call')) {
      const callee = byId.get(e.target);
      if (callee !== undefined) plan.inProcess.push({ ref: e.id, what: `call ${n.id} -> ${callee.id}`, why: `synchronous calls are not broker traffic: the consumer waits the ${callee.kind}'s sampled latency and fails on its sampled failure` });
    }
    if (n.settings.idempotent) plan.inProcess.push({ ref: n.id, what: 'idempotency', why: 'the consumer skips a message id it already processed' });
    if (into(n.id, 'subscribe').length === 0 && into(n.id, 'route').length === 0 && into(n.id, 'call').length === 0) {
      lacks(n.id, `service "${n.name}"`, 'it subscribes to no broker, so nothing delivers to it live');
    }
  }
}

/** The plan as the lines `eventflow live apply` prints before changing anything. */
export function formatPlan(plan: BrokerPlan): string[] {
  const lines: string[] = [];
  for (const e of plan.exchanges) lines.push(`exchange ${e.name} (${e.type}${e.alternateExchange !== undefined ? `, alternate ${e.alternateExchange}` : ''})`);
  for (const q of plan.queues) {
    const args = Object.entries(q.arguments).map(([k, v]) => `${k}=${String(v)}`).join(', ');
    lines.push(`queue    ${q.name} (durable${args !== '' ? `, ${args}` : ''})`);
  }
  for (const b of plan.bindings) {
    const match = b.arguments !== undefined ? ` ${Object.entries(b.arguments).map(([k, v]) => `${k}=${String(v)}`).join(' ')}` : '';
    lines.push(`bind     ${b.source} -> ${b.destination}${b.routingKey !== '' ? ` [${b.routingKey}]` : ''}${match}`);
  }
  for (const c of plan.consumers) lines.push(`consume  ${c.queue} by ${c.nodeId} (${c.instances} consumer${c.instances > 1 ? 's' : ''}, prefetch ${c.prefetch} each)`);
  for (const u of plan.inProcess) lines.push(`in process: ${u.ref}: ${u.what} — ${u.why}`);
  for (const u of plan.unsupported) lines.push(`not expressed: ${u.ref}: ${u.what} — ${u.why}`);
  return lines;
}
