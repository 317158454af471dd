/**
 * docker-compose.yml starting, for local development, the brokers a topology uses: Kafka (KRaft,
 * single node), RabbitMQ (with management UI), LocalStack for SQS/SNS/EventBridge, NATS
 * (JetStream), Pulsar standalone. Kafka topics are created by a one-shot init container.
 */
import { stringify } from 'yaml';
import type { BrokerTechnology } from '../model/nodes';
import type { Topology } from '../model/topology';
import { kafkaTopics } from './kafka';

export function brokerTechnologies(t: Topology): BrokerTechnology[] {
  const set = new Set<BrokerTechnology>();
  for (const n of t.nodes) if (n.kind === 'topic' || n.kind === 'queue' || n.kind === 'bus') set.add(n.settings.technology);
  return [...set].sort();
}

export function dockerCompose(t: Topology): string {
  const techs = new Set(brokerTechnologies(t));
  const services: Record<string, unknown> = {};
  if (techs.has('kafka')) {
    services.kafka = {
      image: 'apache/kafka:3.9.0',
      ports: ['9092:9092'],
      environment: {
        KAFKA_NODE_ID: 1,
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
        KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://localhost:9092',
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: 1,
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: 1,
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: 1,
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      },
      healthcheck: { test: ['CMD-SHELL', '/opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:9092 --list'], interval: '5s', retries: 20 },
    };
    const { topics } = kafkaTopics(t);
    if (topics.length > 0) {
      // one broker locally: replication is capped at 1, partitions and retention kept
      const cmds = topics.map((k) => `/opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic '${k.name}' --partitions ${k.partitions} --replication-factor 1 --config retention.ms=${k.retentionMs}`);
      services['kafka-init-topics'] = {
        image: 'apache/kafka:3.9.0',
        depends_on: { kafka: { condition: 'service_healthy' } },
        entrypoint: ['/bin/sh', '-c'],
        command: [cmds.join(' && ')],
        restart: 'no',
      };
    }
  }
  if (techs.has('rabbitmq')) {
    services.rabbitmq = { image: 'rabbitmq:3.13-management', ports: ['5672:5672', '15672:15672'], environment: { RABBITMQ_DEFAULT_USER: 'guest', RABBITMQ_DEFAULT_PASS: 'guest' } };
  }
  const aws = (['sqs', 'sns', 'eventbridge'] as const).filter((x) => techs.has(x));
  if (aws.length > 0) {
    services.localstack = {
      image: 'localstack/localstack:3.8',
      ports: ['4566:4566'],
      environment: { SERVICES: aws.map((x) => (x === 'eventbridge' ? 'events' : x)).join(','), AWS_DEFAULT_REGION: 'us-east-1' },
    };
  }
  if (techs.has('nats')) services.nats = { image: 'nats:2.10', command: ['-js'], ports: ['4222:4222', '8222:8222'] };
  if (techs.has('pulsar')) services.pulsar = { image: 'apachepulsar/pulsar:3.3.2', command: ['bin/pulsar', 'standalone'], ports: ['6650:6650', '8080:8080'] };
  const head = `# Brokers of "${t.name.replace(/[\r\n]+/g, ' ')}" for local development (EventFlow Studio export).\n# Start: docker compose up -d${techs.has('generic') ? '\n# Nodes with technology "generic" have no container here.' : ''}\n`;
  if (Object.keys(services).length === 0) return head + '# this topology uses no broker with a container image\nservices: {}\n';
  return head + stringify({ name: composeProjectName(t.name), services });
}

function composeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z0-9]+|-+$/g, '').slice(0, 60) || 'eventflow';
}
