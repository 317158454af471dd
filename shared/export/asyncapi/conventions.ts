/**
 * The mapping between EventFlow's model and AsyncAPI, in one place so exporter and importer
 * agree: broker technology <-> server protocol, default hosts, the `x-eventflow*` extension keys
 * that carry what AsyncAPI has no field for (simulation settings, synchronous calls).
 */
import type { BrokerTechnology } from '../../model/nodes';

export const X_ROOT = 'x-eventflow';
export const X_CHANNEL_NODE = 'x-eventflow-node';
export const X_OPERATION_APP = 'x-eventflow-application';
export const X_OPERATION_CONDITIONS = 'x-eventflow-conditions';
export const X_SERVER_TECH = 'x-eventflow-technology';
/**
 * On a receive operation (2.x `publish`): the application consumes this channel although it also
 * sends the same messages there — a loop drawn in the app on purpose, which the import keeps
 * instead of breaking it (import.ts breakSelfLoops).
 */
export const X_OPERATION_LOOP = 'x-eventflow-loop';

export const KAFKA_BINDING_VERSION = '0.5.0';
export const AMQP_BINDING_VERSION = '0.3.0';

export const CORRELATION_LOCATION = '$message.header#/correlationId';

interface ServerShape {
  protocol: string;
  host: string;
  description: string;
}

export const SERVER_OF: Record<BrokerTechnology, ServerShape> = {
  kafka: { protocol: 'kafka', host: 'localhost:9092', description: 'Kafka cluster (local: docker-compose from EventFlow export)' },
  rabbitmq: { protocol: 'amqp', host: 'localhost:5672', description: 'RabbitMQ broker' },
  sqs: { protocol: 'sqs', host: 'sqs.us-east-1.amazonaws.com', description: 'Amazon SQS' },
  sns: { protocol: 'sns', host: 'sns.us-east-1.amazonaws.com', description: 'Amazon SNS' },
  eventbridge: { protocol: 'https', host: 'events.us-east-1.amazonaws.com', description: 'Amazon EventBridge event bus' },
  pulsar: { protocol: 'pulsar', host: 'localhost:6650', description: 'Apache Pulsar' },
  nats: { protocol: 'nats', host: 'localhost:4222', description: 'NATS' },
  generic: { protocol: 'http', host: 'localhost', description: 'Message broker' },
};

/** Server protocol (AsyncAPI 2.x and 3.0) -> technology; unknown protocols become generic. */
export function technologyOfProtocol(protocol: string): BrokerTechnology {
  const p = protocol.toLowerCase();
  if (p.startsWith('kafka')) return 'kafka';
  if (p.startsWith('amqp')) return 'rabbitmq';
  if (p === 'sqs' || p === 'sns' || p === 'pulsar' || p === 'nats') return p;
  if (p === 'eventbridge') return 'eventbridge';
  return 'generic';
}

/** AsyncAPI component / operation keys: ^[A-Za-z0-9_.-]+$ */
export function componentKey(s: string): string {
  const k = s.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 120);
  return k === '' ? '_' : k;
}

/** On a document exported with its imported source kept: node id -> { settings, name, description } edited in the app (kept.ts). */
export const X_NODES = 'x-eventflow-nodes';
