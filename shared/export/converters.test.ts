import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { parseTopologyText } from '../model/validate';
import { TOPOLOGY_SCHEMA_URL } from '../model/topology';
import { dockerCompose } from './compose';
import { safeFileName, safeFileStem } from './file-names';
import { kafkaTopicsScript, strimziTopics } from './kafka';
import { layeredLayout } from './layout';
import { mermaidText, topologyMermaid } from './mermaid';
import { topologySvg, xmlText } from './svg';
import { checkout, marketplace, valid } from './test-support/topologies';
import { topologyJson, topologyJsonSchema } from './topology-json';

describe('Mermaid', () => {
  it('checkout: key lines', () => {
    const m = topologyMermaid(checkout());
    expect(m.split('\n')[0]).toBe('flowchart LR');
    expect(m).toContain('  n0(["Storefront"]):::producer');
    expect(m).toContain('  n1[["orders"]]:::topic');
    expect(m).toContain('  n8[("payments-dlq")]:::queue');
    expect(m).toContain('  n0 -->|"OrderPlaced"| n1');
    expect(m).toContain('  n2 -->|"InventoryReserved, OutOfStock"| n7');
    expect(m).toContain('  n3 -.->|"call"| n5');
  });

  it('groups become subgraphs, routes are thick, hostile names become entity codes', () => {
    const m = topologyMermaid(marketplace());
    expect(m).toMatch(/subgraph n0\["Ordering"\]\n {4}n2\(\["Web shop"\]\):::producer/);
    expect(m).toMatch(/==>\|"CartAbandoned"\|/);
    const t = checkout();
    t.nodes[0]!.name = '"]; click n0 call alert() <script>';
    const h = topologyMermaid(t);
    expect(h).not.toContain('<script>');
    expect(h).not.toMatch(/"\];/);
    expect(mermaidText('a"<b>')).toBe('a#34;#60;b#62;');
  });

  it('a selection keeps only those nodes and the edges between them', () => {
    const m = topologyMermaid(checkout(), { selection: ['orders', 'payment'] });
    expect(m.match(/:::/g)).toHaveLength(2);
    expect(m).toContain('n0 -->|"OrderPlaced"| n1');
  });
});

describe('SVG', () => {
  it('is well-formed, draws every node and edge, and escapes names', () => {
    const t = checkout();
    t.nodes[0]!.name = '<script>alert("x")</script>';
    const svg = topologySvg(t);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/class="node /g)).toHaveLength(10);
    expect(svg.match(/class="edge"/g)).toHaveLength(10);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)');
    expect(svg).toContain('fill="#ffffff"');
    expect(topologySvg(t, { theme: 'dark' })).toContain('fill="#0f172a"');
    expect(xmlText('a&b<')).toBe('a&amp;b&lt;');
  });

  it('a selection crops the picture to those nodes and keeps their group', () => {
    const whole = topologySvg(marketplace());
    const part = topologySvg(marketplace(), { selection: ['payment', 'pay-q'] });
    expect(part.match(/class="node /g)).toHaveLength(2);
    expect(part).toContain('class="group" data-id="payments"');
    const width = (s: string): number => Number(/width="(\d+)"/.exec(s)![1]);
    expect(width(part)).toBeLessThan(width(whole));
  });
});

describe('Kafka', () => {
  it('Strimzi KafkaTopic resources with partitions, replicas and retention', () => {
    const docs = parseAllDocuments(strimziTopics(checkout()).text).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, unknown> });
    expect(docs.map((d) => d.metadata.name)).toEqual(['orders', 'order-status']);
    expect(docs[0]).toMatchObject({ apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'KafkaTopic', metadata: { labels: { 'strimzi.io/cluster': 'my-cluster' } }, spec: { partitions: 12, replicas: 3, config: { 'retention.ms': 604_800_000 } } });
  });

  it('kafka-topics.sh script lines, names quoted, illegal names skipped with a reason', () => {
    const t = checkout();
    const script = kafkaTopicsScript(t).text;
    expect(script.split('\n')[0]).toBe('#!/bin/sh');
    expect(script).toContain(`"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic 'orders' --partitions 12 --replication-factor 3 --config retention.ms=604800000`);
    const orders = t.nodes.find((n) => n.id === 'orders')!;
    orders.name = "orders'; rm -rf /";
    const r = kafkaTopicsScript(t);
    expect(r.text.split('\n').filter((l) => !l.startsWith('#')).join('\n')).not.toContain('rm -rf');
    expect(r.skipped[0]).toMatch(/not a legal Kafka topic name/);
  });
});

describe('docker-compose', () => {
  it('starts only the brokers the topology uses', () => {
    const c = parse(dockerCompose(checkout())) as { services: Record<string, { image: string; environment?: Record<string, unknown>; command?: string[] }> };
    expect(Object.keys(c.services).sort()).toEqual(['kafka', 'kafka-init-topics', 'localstack']);
    expect(c.services.kafka!.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller' });
    expect(c.services.localstack!.environment).toMatchObject({ SERVICES: 'sqs' });
    expect(c.services['kafka-init-topics']!.command![0]).toContain("--topic 'orders' --partitions 12 --replication-factor 1");
    const m = parse(dockerCompose(marketplace())) as { services: Record<string, { environment?: Record<string, unknown> }> };
    expect(Object.keys(m.services).sort()).toEqual(['kafka', 'kafka-init-topics', 'localstack', 'rabbitmq']);
    expect(m.services.localstack!.environment).toMatchObject({ SERVICES: 'sqs,events' });
  });
});

describe('Topology JSON and file names', () => {
  it('writes $schema and reads back identical', () => {
    const text = topologyJson(checkout());
    expect(JSON.parse(text).$schema).toBe(TOPOLOGY_SCHEMA_URL);
    const r = parseTopologyText(text);
    expect(r.ok && r.value).toEqual({ ...checkout(), $schema: TOPOLOGY_SCHEMA_URL });
    const schema = topologyJsonSchema();
    expect(schema.$id).toBe(TOPOLOGY_SCHEMA_URL);
    expect(JSON.stringify(schema)).toContain('"schemaVersion"');
  });

  it('suggested names never escape the folder', () => {
    expect(safeFileName('../../etc/passwd', '.svg')).toBe('etc-passwd.svg');
    expect(safeFileName('..\\..\\win.ini', 'mmd')).toBe('win.ini.mmd');
    expect(safeFileName('CON', '.json')).toBe('topology.json');
    expect(safeFileName('', '.json')).toBe('topology.json');
    expect(safeFileName('a\u0000b/c:d*e?', '.yaml')).toBe('ab-c-d-e.yaml');
    expect(safeFileStem('x'.repeat(500)).length).toBe(80);
    expect(safeFileName('ok', '../../x')).not.toContain('/');
  });
});

describe('layered layout', () => {
  it('places sources left of their targets and groups around their members', () => {
    const t = marketplace();
    const nodes = layeredLayout(t.nodes, t.edges);
    const laid = valid({ ...t, nodes });
    const abs = (id: string): number => {
      const n = laid.nodes.find((x) => x.id === id)!;
      const p = n.parentId ? laid.nodes.find((x) => x.id === n.parentId)!.position.x : 0;
      return n.position.x + p;
    };
    expect(abs('web')).toBeLessThan(abs('orders'));
    expect(abs('orders')).toBeLessThan(abs('payment'));
    for (const n of laid.nodes) if (n.parentId) expect(n.position.x).toBeGreaterThanOrEqual(0);
  });
});
