/**
 * Kafka topics of a topology as broker configuration: Strimzi `KafkaTopic` resources and a
 * `kafka-topics.sh` script. Partitions, replication and retention come from the topic settings;
 * the topic name is settings.address or the node name. Names Kafka would refuse are reported
 * (not silently renamed), and the script single-quotes every value.
 */
import { stringify } from 'yaml';
import type { NodeOfKind } from '../model/nodes';
import type { Topology } from '../model/topology';

type TopicNode = NodeOfKind<'topic'>;

export interface KafkaTopicSpec {
  nodeId: string;
  name: string;
  partitions: number;
  replication: number;
  retentionMs: number;
}

export interface KafkaExport {
  text: string;
  /** topics skipped, with why */
  skipped: string[];
}

const KAFKA_NAME = /^[A-Za-z0-9._-]{1,249}$/;

export function kafkaTopics(t: Topology): { topics: KafkaTopicSpec[]; skipped: string[] } {
  const topics: KafkaTopicSpec[] = [];
  const skipped: string[] = [];
  for (const n of t.nodes) {
    if (n.kind !== 'topic' || n.settings.technology !== 'kafka') continue;
    const node = n as TopicNode;
    const name = node.settings.address || node.name;
    if (!KAFKA_NAME.test(name) || name === '.' || name === '..') {
      skipped.push(`topic "${node.id}": "${name.slice(0, 80)}" is not a legal Kafka topic name (letters, digits, . _ -, at most 249): set its address`);
      continue;
    }
    topics.push({ nodeId: node.id, name, partitions: node.settings.partitions, replication: node.settings.replication, retentionMs: Math.round(node.settings.retentionHours * 3_600_000) });
  }
  return { topics, skipped };
}

/** Kubernetes object names: lowercase RFC 1123 subdomain. */
function k8sName(s: string): string {
  const n = s.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 253);
  return n || 'topic';
}

export function strimziTopics(t: Topology, cluster = 'my-cluster'): KafkaExport {
  const { topics, skipped } = kafkaTopics(t);
  const used = new Set<string>();
  const docs = topics.map((k) => {
    let name = k8sName(k.name);
    for (let i = 2; used.has(name); i++) name = `${k8sName(k.name)}-${i}`;
    used.add(name);
    const spec: Record<string, unknown> = { partitions: k.partitions, replicas: k.replication, config: { 'retention.ms': k.retentionMs } };
    if (name !== k.name) spec.topicName = k.name;
    return stringify({
      apiVersion: 'kafka.strimzi.io/v1beta2',
      kind: 'KafkaTopic',
      metadata: { name, labels: { 'strimzi.io/cluster': cluster, 'app.kubernetes.io/part-of': k8sName(t.name) } },
      spec,
    });
  });
  const head = `# Strimzi KafkaTopic resources for "${t.name.replace(/[\r\n]+/g, ' ')}" (EventFlow Studio export)\n`
    + skipped.map((s) => `# skipped ${s.replace(/[\r\n]+/g, ' ')}\n`).join('');
  return { text: head + (docs.length ? docs.map((d) => `---\n${d}`).join('') : '# no Kafka topics in this topology\n'), skipped };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function kafkaTopicsScript(t: Topology): KafkaExport {
  const { topics, skipped } = kafkaTopics(t);
  const lines = [
    '#!/bin/sh',
    `# Create the Kafka topics of "${t.name.replace(/[\r\n]+/g, ' ')}" (EventFlow Studio export).`,
    '# Usage: BOOTSTRAP=broker:9092 ./create-topics.sh   (kafka-topics.sh must be on PATH)',
    ...skipped.map((s) => `# skipped ${s.replace(/[\r\n]+/g, ' ')}`),
    'set -eu',
    'BOOTSTRAP="${BOOTSTRAP:-localhost:9092}"',
    'KAFKA_TOPICS="${KAFKA_TOPICS:-kafka-topics.sh}"',
  ];
  for (const k of topics) {
    lines.push(`"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ${shellQuote(k.name)} --partitions ${k.partitions} --replication-factor ${k.replication} --config retention.ms=${k.retentionMs}`);
  }
  if (topics.length === 0) lines.push('echo "no Kafka topics in this topology"');
  return { text: lines.join('\n') + '\n', skipped };
}
