import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Topology } from '../../model/topology';
import { EXPORT_FORMATS, exportFormat } from '../formats';
import { checkout, marketplace } from '../test-support/topologies';
import { canonical } from './canonical';
import { exportAsyncApi } from './export';
import { importAsyncApi } from './import';

const fixtures = path.resolve(__dirname, '../../../tests/fixtures/asyncapi');
const fixture = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');
const parser = new Parser();

async function errorsOf(text: string): Promise<string[]> {
  const diagnostics = await parser.validate(text);
  return diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code} at /${d.path.join('/')}: ${d.message}`);
}

function imported(text: string): Topology {
  const r = importAsyncApi(text);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.column} ${p.pointer} ${p.message}`).join('\n'));
  return r.topology;
}

const node = (t: Topology, id: string) => {
  const n = t.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id} in ${t.nodes.map((x) => x.id).join(', ')}`);
  return n;
};
const edgesOf = (t: Topology) => t.edges.map((e) => `${e.kind} ${e.source}->${e.target} [${e.eventTypes.join(',')}]`).sort();

describe('AsyncAPI 3.0 export', () => {
  it('the checkout export validates with @asyncapi/parser without errors and has the tooling shape', async () => {
    const doc = exportAsyncApi(checkout()).documents[0]!.document as Record<string, Record<string, Record<string, unknown>>>;
    expect(await errorsOf(stringify(doc))).toEqual([]);
    expect(await errorsOf(JSON.stringify(doc))).toEqual([]);
    const parsed = await parser.parse(stringify(doc));
    expect(parsed.document).toBeDefined();
    const api = parsed.document!;
    expect(api.version()).toBe('3.0.0');
    expect(api.channels().all().map((c) => c.address()).sort()).toEqual(['order-status', 'orders', 'payments-dlq']);
    expect(api.operations().all().map((o) => o.id()).sort()).toContain('payment.receive.orders');
    expect(api.messages().all().map((m) => m.name()).sort()).toEqual(['EmailSent', 'InventoryReserved', 'OrderPlaced', 'OutOfStock', 'PaymentAuthorized', 'PaymentFailed']);
    expect(doc.servers!.kafka).toMatchObject({ protocol: 'kafka' });
    expect(doc.servers!.sqs).toMatchObject({ protocol: 'sqs' });
    expect(doc.channels!.orders!.bindings).toMatchObject({ kafka: { partitions: 12, replicas: 3, topicConfiguration: { 'retention.ms': 604_800_000 } } });
    expect(doc.operations!['payment.receive.orders']).toMatchObject({ action: 'receive', bindings: { kafka: { groupId: { enum: ['payment'] } } } });
    expect(doc.operations!['storefront.send.orders']).toMatchObject({ action: 'send', messages: [{ $ref: '#/channels/orders/messages/OrderPlaced' }] });
    expect(doc.components!.messages!.OrderPlaced).toMatchObject({ correlationId: { $ref: '#/components/correlationIds/correlationId' } });
    expect(doc.components!.correlationIds!.correlationId).toMatchObject({ location: '$message.header#/correlationId' });
    expect((doc.components!.schemas!.OrderPlacedPayload as { required: string[] }).required).toContain('orderId');
  }, 60_000);

  it('a wider topology (groups as tags, bus, RabbitMQ, SQS, operator, project types, hostile name) validates too', async () => {
    const doc = exportAsyncApi(marketplace()).documents[0]!.document as Record<string, Record<string, Record<string, unknown>>>;
    expect(await errorsOf(stringify(doc))).toEqual([]);
    expect(doc.info!.tags).toEqual([{ name: 'Ordering' }, { name: 'Payments', description: 'Money in and out' }]);
    expect(doc.channels!.orders!.tags).toEqual([{ name: 'Ordering' }]);
    expect(doc.channels!['mail-q']!.bindings).toMatchObject({ amqp: { is: 'queue', queue: { name: 'mail' } } });
    expect(doc.servers!.eventbridge).toMatchObject({ protocol: 'https' });
    expect(Object.keys(doc.components!.messages!)).toContain('SellerOnboarded');
  }, 60_000);

  it('one document per application, each valid', async () => {
    const r = exportAsyncApi(checkout(), true);
    expect(r.documents.map((d) => d.name).sort()).toEqual(['analytics', 'inventory', 'notification', 'payment', 'storefront']);
    for (const d of r.documents) expect(await errorsOf(stringify(d.document)), d.name).toEqual([]);
    const payment = r.documents.find((d) => d.name === 'payment')!.document as { operations: Record<string, unknown>; channels: Record<string, unknown> };
    expect(Object.keys(payment.operations).sort()).toEqual(['payment.receive.orders', 'payment.send.order-status']);
    expect(Object.keys(payment.channels).sort()).toEqual(['order-status', 'orders']);
  }, 60_000);

  it('the format registry names per-service files safely', () => {
    const files = exportFormat('asyncapi')!.produce(checkout(), { perService: true }).files;
    expect(files.map((f) => f.name)).toContain('Checkout-(event-driven)-payment.asyncapi.yaml');
    expect(EXPORT_FORMATS.map((f) => f.id)).toEqual(['asyncapi', 'asyncapi-json', 'json', 'mermaid', 'svg', 'kafka', 'strimzi', 'compose']);
  });
});

describe('AsyncAPI import', () => {
  it('kafka (3.0 YAML): topics with bindings, a service with its consumer group, project event types from payloads', () => {
    const t = imported(fixture('kafka-orders.asyncapi.yaml'));
    expect(t.name).toBe('Order Service');
    const orders = node(t, 'orders');
    expect(orders).toMatchObject({ kind: 'topic', name: 'orders', settings: { technology: 'kafka', address: 'shop.orders.v1', partitions: 12, replication: 3, retentionHours: 72 } });
    expect(node(t, 'orderStatus')).toMatchObject({ kind: 'topic', name: 'order-status', settings: { partitions: 6, replication: 2 }, parentId: 'group-ordering' });
    const svc = node(t, 'order-service');
    expect(svc).toMatchObject({ kind: 'service', name: 'Order Service', parentId: 'group-ordering', settings: { consumerGroup: 'order-service', consumes: ['OrderPlaced'], emitsOnSuccess: ['OrderConfirmed'], emitsOnFailure: ['OrderCancelled'] } }); // alternatives: one outcome per order
    expect(node(t, 'group-ordering').kind).toBe('group');
    expect(edgesOf(t)).toEqual([
      'publish order-service->orderStatus [OrderConfirmed,OrderCancelled]',
      'publish orders-source->orders [OrderPlaced]', // stand-in for the publishers the document does not describe
      'subscribe orders->order-service [OrderPlaced]',
    ]);
    expect(node(t, 'orders-source')).toMatchObject({ kind: 'producer', settings: { emits: ['OrderPlaced'] } });
    const placed = t.eventTypes.find((e) => e.name === 'OrderPlaced')!;
    expect(placed.fields.map((f) => `${f.name}:${f.type}:${f.required}`)).toEqual(['orderId:id:true', 'customerId:id:true', 'total:number:false', 'loyaltyMember:boolean:false']);
    expect(t.eventTypes.find((e) => e.name === 'OrderConfirmed')!.fields.map((f) => f.type)).toEqual(['id', 'money', 'currency', 'timestamp']);
    // laid out left to right: the source topic before the service before the status topic
    const x = (id: string): number => node(t, id).position.x + (node(t, id).parentId ? node(t, node(t, id).parentId!).position.x : 0);
    expect(x('orders')).toBeLessThan(x('order-service'));
    expect(x('order-service')).toBeLessThan(x('orderStatus'));
  });

  it('amqp (2.6): queue vs exchange from bindings, inverted publish/subscribe, oneOf messages', () => {
    const t = imported(fixture('amqp-shipping.asyncapi.yaml'));
    expect(node(t, 'shipment.requests')).toMatchObject({ kind: 'queue', settings: { technology: 'rabbitmq' } });
    expect(node(t, 'shipments')).toMatchObject({ kind: 'topic', settings: { technology: 'rabbitmq' } });
    expect(node(t, 'warehouse')).toMatchObject({ kind: 'service', settings: { consumes: ['ShipmentRequested'], emitsOnSuccess: ['ShipmentCreated'], emitsOnFailure: ['ShipmentDelayed'] } }); // oneOf the names cannot tell: first = success
    expect(edgesOf(t)).toEqual([
      'publish shipment.requests-source->shipment.requests [ShipmentRequested]',
      'publish warehouse->shipments [ShipmentCreated,ShipmentDelayed]',
      'subscribe shipment.requests->warehouse [ShipmentRequested]',
    ]);
    // ShipmentCreated differs from the built-in (plain string ids), so the document's own shape is kept
    expect(t.eventTypes.map((e) => e.name).sort()).toEqual(['ShipmentCreated', 'ShipmentDelayed', 'ShipmentRequested']);
  });

  it('request/reply (3.0 JSON, SQS): the responder consumes requests and publishes on the reply queue', () => {
    const t = imported(fixture('request-reply.asyncapi.json'));
    expect(node(t, 'paymentRequests')).toMatchObject({ kind: 'queue', name: 'payment-requests', settings: { technology: 'sqs' } });
    expect(node(t, 'paymentReplies').kind).toBe('queue');
    expect(edgesOf(t)).toEqual([
      'publish payment-gateway-adapter->paymentReplies [PaymentAuthorized,PaymentDeclined]',
      'publish paymentRequests-source->paymentRequests [AuthorizePayment]',
      'subscribe paymentRequests->payment-gateway-adapter [AuthorizePayment]',
    ]);
  });

  it('a reply without a channel becomes a reply queue, with a warning at its place', () => {
    const doc = JSON.parse(fixture('request-reply.asyncapi.json')) as { operations: { authorize: { reply: Record<string, unknown> } } };
    doc.operations.authorize.reply = { address: { location: '$message.header#/replyTo' } };
    const r = importAsyncApi(JSON.stringify(doc, null, 2));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.topology.nodes.some((n) => n.id === 'authorize-reply' && n.kind === 'queue')).toBe(true);
    expect(r.problems).toContainEqual(expect.objectContaining({ severity: 'warning', pointer: '/operations/authorize/reply', line: expect.any(Number) }));
  });
});

describe('round trip: export -> import -> export gives an equivalent document', () => {
  const cases: [string, () => Topology][] = [
    ['checkout', checkout],
    ['marketplace', marketplace],
    ['imported kafka fixture', () => imported(fixture('kafka-orders.asyncapi.yaml'))],
    ['imported amqp fixture', () => imported(fixture('amqp-shipping.asyncapi.yaml'))],
    ['imported request/reply fixture', () => imported(fixture('request-reply.asyncapi.json'))],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const t = make();
      const first = exportAsyncApi(t).documents[0]!.document;
      for (const text of [stringify(first), JSON.stringify(first)]) {
        const back = imported(text);
        expect(canonical(exportAsyncApi(back).documents[0]!.document)).toEqual(canonical(first));
        // and the topology itself survives, except layout
        const strip = (x: Topology) => ({ ...x, $schema: undefined, nodes: x.nodes.map((n) => ({ ...n, position: undefined, settings: n.kind === 'group' ? undefined : n.settings })).sort((a, b) => a.id.localeCompare(b.id)), edges: x.edges.map((e) => ({ ...e, id: undefined })).sort((a, b) => `${a.source}${a.target}`.localeCompare(`${b.source}${b.target}`)) });
        expect(strip(back)).toEqual(strip(t));
      }
    });
  }
});
