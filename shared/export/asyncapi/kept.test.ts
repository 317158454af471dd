/**
 * Keep what the model does not use: an imported document's servers, ids, versions, summaries,
 * bindings, full schemas, traits, parameters, replies, exchange names and operation ids come
 * back on export; a node edited in the app exports its new settings and keeps the rest; the kept
 * part passes the topology's JSON Schema and survives the .eventflow.json file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from '@asyncapi/parser';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { parseTopologyText } from '../../model/validate';
import type { Topology } from '../../model/topology';
import { settingsSchemas } from '../../model/nodes';
import { topologyJson, topologyJsonSchema } from '../topology-json';
import { readSource } from '../source-doc';
import { canonical } from './canonical';
import { X_NODES, X_OPERATION_LOOP } from './conventions';
import { exportAsyncApi } from './export';
import { importAsyncApi } from './import';
import type { Obj } from './refs';

const fixtures = path.resolve(__dirname, '../../../tests/fixtures/asyncapi');
const FILES = ['inventory-kafka-2.6.asyncapi.yaml', 'payments-amqp-3.0.asyncapi.yaml', 'payments-sns-sqs-3.0.asyncapi.json'];

function load(file: string): { topology: Topology; source: Obj } {
  const text = readFileSync(path.join(fixtures, file), 'utf8');
  const r = importAsyncApi(text);
  if (!r.ok) throw new Error(r.problems[0]?.message);
  const src = readSource(text);
  if (!src.ok) throw new Error('unreadable');
  return { topology: r.topology, source: src.doc.data as Obj };
}

const exported = (t: Topology): Obj => exportAsyncApi(t).documents[0]!.document;
const withNodes = (t: Topology, f: (n: Topology['nodes'][number]) => Topology['nodes'][number]): Topology => ({ ...t, nodes: t.nodes.map(f) });

describe('export of an imported topology keeps the document', () => {
  for (const file of FILES) {
    it(`${file}: unedited, export gives the document back (every server, id, summary, binding, schema, trait, parameter, reply)`, () => {
      const { topology, source } = load(file);
      expect(topology.imported?.version).toBe(source.asyncapi);
      expect(canonical(exported(topology))).toEqual(canonical(source));
    });
  }

  it('a Kafka topic edited in the app exports its new partitions and retention; the rest of the channel is kept', () => {
    const { topology, source } = load('inventory-kafka-2.6.asyncapi.yaml');
    const edited = withNodes(topology, (n) => (n.kind === 'topic' && n.id === 'acme.orders.placed.v1' ? { ...n, settings: { ...n.settings, partitions: 48, retentionHours: 24 } } : n));
    const doc = exported(edited);
    const channels = doc.channels as Record<string, Obj>;
    const ch = channels['acme.orders.placed.v1']!;
    expect((ch.bindings as { kafka: Obj }).kafka).toMatchObject({ partitions: 48, replicas: 3, bindingVersion: '0.4.0', topicConfiguration: { 'retention.ms': 86_400_000 } });
    expect((ch.publish as Obj).operationId).toBe('onOrderPlaced');
    expect((ch.publish as Obj).summary).toBe((((source.channels as Obj)['acme.orders.placed.v1'] as Obj).publish as Obj).summary);
    expect(doc.servers).toEqual(source.servers);
    expect(doc.id).toBe(source.id);
    const notes = exportAsyncApi(edited).notes ?? [];
    expect(notes.map((n) => n.pointer)).toContain('/channels/acme.orders.placed.v1/bindings/kafka');
  });

  it('a service edited in the app (failure share, name) exports the edit in x-eventflow-nodes, and it imports back', () => {
    const { topology } = load('payments-amqp-3.0.asyncapi.yaml');
    const edited = withNodes(topology, (n) => (n.id === 'payment-service' && n.kind === 'service' ? { ...n, name: 'Payments (v2)', settings: { ...n.settings, failurePct: 25 } } : n));
    const doc = exported(edited);
    expect(doc[X_NODES]).toEqual({ 'payment-service': { settings: { failurePct: 25 }, name: 'Payments (v2)' } });
    const again = importAsyncApi(JSON.stringify(doc));
    if (!again.ok) throw new Error(again.problems[0]?.message);
    const s = again.topology.nodes.find((n) => n.id === 'payment-service');
    expect(s?.name).toBe('Payments (v2)');
    expect(s?.kind === 'service' ? s.settings.failurePct : undefined).toBe(25);
    // the kept document is the original again (the edit lives in the extension, not in the kept part)
    expect(again.topology.imported?.document[X_NODES]).toBeUndefined();
    expect(canonical(exported(again.topology))).toEqual(canonical(doc));
  });

  it('a channel deleted in the app leaves with its operations; a queue added in the app is written with its operation and message', () => {
    const { topology } = load('payments-amqp-3.0.asyncapi.yaml');
    const without = { ...topology, nodes: topology.nodes.filter((n) => n.id !== 'paymentEvents'), edges: topology.edges.filter((e) => e.source !== 'paymentEvents' && e.target !== 'paymentEvents') };
    const audit = { id: 'audit-q', kind: 'queue', name: 'Audit', position: { x: 0, y: 0 }, settings: { technology: 'rabbitmq' } } as const;
    const t: Topology = { ...without, nodes: [...without.nodes, audit as unknown as Topology['nodes'][number]], edges: [...without.edges, { id: 'e-audit', kind: 'publish', source: 'payment-service', target: 'audit-q', eventTypes: ['PaymentCaptured'], conditions: [] }] };
    const doc = exported(t);
    const channels = doc.channels as Obj;
    const operations = doc.operations as Record<string, Obj>;
    expect(channels.paymentEvents).toBeUndefined();
    expect(operations.publishPaymentCaptured).toBeUndefined();
    expect(Object.keys(channels)).toContain('audit-q');
    const op = Object.values(operations).find((o) => (o.channel as Obj).$ref === '#/channels/audit-q');
    expect(op?.action).toBe('send');
    expect(operations.authorizePayment?.summary).toBe('Authorise a card payment and answer the requester.');
    const again = importAsyncApi(JSON.stringify(doc));
    if (!again.ok) throw new Error(again.problems[0]?.message);
    expect(again.topology.edges.some((e) => e.source === 'payment-service' && e.target === 'audit-q')).toBe(true);
  });
});

describe('connections drawn in the app', () => {
  it('a publish drawn from the document\'s service to a document channel becomes a send operation with its message; the rest is kept', () => {
    const { topology, source } = load('payments-amqp-3.0.asyncapi.yaml');
    const t: Topology = { ...topology, edges: [...topology.edges, { id: 'e-new', kind: 'publish', source: 'payment-service', target: 'authorizeRequests', eventTypes: ['PaymentCaptured'], conditions: [] }] };
    const exp = exportAsyncApi(t);
    const doc = exp.documents[0]!.document;
    const ops = doc.operations as Record<string, Obj>;
    const added = Object.entries(ops).filter(([k]) => !(k in (source.operations as Obj)));
    expect(added.map(([, o]) => [o.action, (o.channel as Obj).$ref, o.messages])).toEqual([['send', '#/channels/authorizeRequests', [{ $ref: '#/channels/authorizeRequests/messages/PaymentCaptured' }]]]);
    expect(((doc.channels as Record<string, Obj>).authorizeRequests!.messages as Obj).PaymentCaptured).toEqual({ $ref: '#/components/messages/PaymentCaptured' });
    expect(exp.notes?.map((n) => n.message)).toContain('"payment-service" sends on "authorizeRequests": connection drawn in the app');
    for (const [k, o] of Object.entries(source.operations as Obj)) expect(canonical(ops[k]), k).toEqual(canonical(o));
    const again = importAsyncApi(JSON.stringify(doc));
    if (!again.ok) throw new Error(again.problems[0]?.message);
    expect(again.topology.edges.some((e) => e.kind === 'publish' && e.source === 'payment-service' && e.target === 'authorizeRequests')).toBe(true);
  });

  it('edited exports (a node added, one deleted, a connection drawn) are valid AsyncAPI for @asyncapi/parser', async () => {
    const { topology } = load('payments-amqp-3.0.asyncapi.yaml');
    const audit = { id: 'audit-q', kind: 'queue', name: 'Audit', position: { x: 0, y: 0 }, settings: { technology: 'rabbitmq' } } as unknown as Topology['nodes'][number];
    const t: Topology = {
      ...topology,
      nodes: [...topology.nodes.filter((n) => n.id !== 'paymentEvents'), audit],
      edges: [...topology.edges.filter((e) => e.source !== 'paymentEvents' && e.target !== 'paymentEvents'),
        { id: 'e-audit', kind: 'publish', source: 'payment-service', target: 'audit-q', eventTypes: ['PaymentCaptured'], conditions: [] },
        { id: 'e-new', kind: 'publish', source: 'payment-service', target: 'authorizeRequests', eventTypes: ['PaymentCaptured'], conditions: [] }],
    };
    const diagnostics = await new Parser().validate(JSON.stringify(exported(t)));
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('/')}: ${d.message}`)).toEqual([]);
  }, 60_000);
});

describe('the kept part in the topology file', () => {
  it('passes the topology JSON Schema and survives save/load of the .eventflow.json file', () => {
    const { topology } = load('payments-sns-sqs-3.0.asyncapi.json');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(topologyJsonSchema());
    const file = topologyJson(topology);
    const ok = validate(JSON.parse(file));
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
    expect(ok).toBe(true);
    const loaded = parseTopologyText(file);
    if (!loaded.ok) throw new Error(loaded.issues[0]?.message);
    expect(loaded.value.imported).toEqual(topology.imported);
    expect(canonical(exported(loaded.value))).toEqual(canonical(exported(topology)));
  });

  it('the schema refuses a kept part of the wrong shape', () => {
    const { topology } = load('payments-sns-sqs-3.0.asyncapi.json');
    const bad = JSON.parse(topologyJson(topology)) as Obj;
    (bad.imported as Obj).format = 'openapi';
    const r = parseTopologyText(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toContain('imported');
  });
});

describe('connections removed in the app', () => {
  const reimport = (doc: Obj): Topology => {
    const again = importAsyncApi(JSON.stringify(doc));
    if (!again.ok) throw new Error(again.problems[0]?.message);
    return again.topology;
  };
  const dropEdge = (t: Topology, source: string, target: string): Topology => ({ ...t, edges: t.edges.filter((e) => !(e.source === source && e.target === target)) });

  it('3.x: a send removed between the document\'s service and a document channel takes its operation out; a re-import does not bring it back', () => {
    const { topology, source } = load('payments-amqp-3.0.asyncapi.yaml');
    const exp = exportAsyncApi(dropEdge(topology, 'payment-service', 'paymentEvents'));
    const doc = exp.documents[0]!.document;
    expect(Object.keys(doc.operations as Obj)).toEqual(Object.keys(source.operations as Obj).filter((k) => k !== 'publishPaymentCaptured'));
    expect(exp.notes?.find((n) => n.pointer === '/operations/publishPaymentCaptured')?.message).toMatch(/removed in the app/);
    expect((doc.channels as Obj).paymentEvents).toBeDefined();
    expect(reimport(doc).edges.some((e) => e.source === 'payment-service' && e.target === 'paymentEvents')).toBe(false);
    expect(exp.warnings).toEqual(exportAsyncApi(topology).warnings);
  });

  it('3.x: a receive removed and a call removed take their operations (with the reply) out', () => {
    const { topology } = load('payments-amqp-3.0.asyncapi.yaml');
    const doc = exported(dropEdge(dropEdge(topology, 'authorizeRequests', 'payment-service'), 'payment-service', 'fraudCheck-responder'));
    const ops = doc.operations as Obj;
    expect(ops.authorizePayment).toBeUndefined();
    expect(ops.requestFraudCheck).toBeUndefined();
    const again = reimport(doc);
    expect(again.edges.some((e) => e.source === 'authorizeRequests' && e.target === 'payment-service')).toBe(false);
    expect(again.edges.some((e) => e.kind === 'call')).toBe(false);
  });

  it('3.x: a removed connection no operation stands for alone (a reply, a stand-in\'s) is kept and said in a warning', () => {
    const { topology, source } = load('payments-amqp-3.0.asyncapi.yaml');
    const exp = exportAsyncApi(dropEdge(dropEdge(topology, 'payment-service', 'authorizeReplies'), 'authorizeRequests-source', 'authorizeRequests'));
    expect(canonical(exp.documents[0]!.document.operations)).toEqual(canonical(source.operations));
    const w = exp.warnings.filter((x) => x.includes('removed in the app'));
    expect(w).toHaveLength(2);
    expect(w.join('\n')).toMatch(/"Payment Service|payment-service.*authorizeReplies.*keeps it.*request\/reply/s);
    expect(w.join('\n')).toMatch(/publishers.*not an application of the document/s);
  });

  it('2.x: a send removed takes the channel\'s subscribe out (publish/subscribe are the application\'s view); the channel stays', () => {
    const { topology } = load('inventory-kafka-2.6.asyncapi.yaml');
    const exp = exportAsyncApi(dropEdge(topology, 'inventory-service', 'acme.inventory.stock-levels.v1'));
    const ch = (exp.documents[0]!.document.channels as Record<string, Obj>)['acme.inventory.stock-levels.v1']!;
    expect(ch.subscribe).toBeUndefined();
    expect(ch.bindings).toBeDefined();
    expect(exp.notes?.map((n) => n.pointer)).toContain('/channels/acme.inventory.stock-levels.v1/subscribe');
    expect(reimport(exp.documents[0]!.document).edges.some((e) => e.source === 'inventory-service' && e.target === 'acme.inventory.stock-levels.v1')).toBe(false);
  });

  it('an application deleted in the app takes its operations out', () => {
    const { topology } = load('inventory-kafka-2.6.asyncapi.yaml');
    const t = { ...topology, nodes: topology.nodes.filter((n) => n.id !== 'inventory-service'), edges: topology.edges.filter((e) => e.source !== 'inventory-service' && e.target !== 'inventory-service') };
    const doc = exported(t);
    for (const ch of Object.values(doc.channels as Record<string, Obj>)) {
      expect(ch.publish).toBeUndefined();
      expect(ch.subscribe).toBeUndefined();
    }
  });
});

describe('nodes added in the app to an imported AsyncAPI 2.x document', () => {
  const INV = 'inventory-kafka-2.6.asyncapi.yaml';
  const node = <K extends 'service' | 'topic' | 'queue'>(id: string, kind: K, name: string, settings: Obj): Topology['nodes'][number] =>
    ({ id, kind, name, position: { x: 0, y: 0 }, settings: settingsSchemas[kind].parse(settings) }) as unknown as Topology['nodes'][number];
  const withAudit = (t: Topology): Topology => ({
    ...t,
    nodes: [...t.nodes,
      node('audit-service', 'service', 'Audit service', { consumes: ['StockReserved'], emitsOnSuccess: ['EmailSent'], failurePct: 7 }),
      node('audit-topic', 'topic', 'Audit trail', { technology: 'kafka', address: 'acme.audit.v1', partitions: 6 })],
    edges: [...t.edges,
      { id: 'e-a1', kind: 'subscribe', source: 'acme.inventory.reservations.v1', target: 'audit-service', eventTypes: ['StockReserved'], conditions: [] },
      { id: 'e-a2', kind: 'publish', source: 'audit-service', target: 'audit-topic', eventTypes: ['EmailSent'], conditions: [] }],
  });
  const addedPart = (t: Topology): unknown => ({
    nodes: t.nodes.filter((n) => n.id.startsWith('audit-')).map((n) => ({ id: n.id, kind: n.kind, name: n.name, settings: n.settings })).sort((a, b) => a.id.localeCompare(b.id)),
    edges: t.edges.filter((e) => e.source.startsWith('audit-') || e.target.startsWith('audit-')).map((e) => `${e.kind} ${e.source}->${e.target} [${e.eventTypes.join(',')}]`).sort(),
  });

  it('a service and a topic added with their connections are written as 2.x channels (publish/subscribe from the application\'s view) and import back the same', () => {
    const { topology, source } = load(INV);
    const t = withAudit(topology);
    const exp = exportAsyncApi(t);
    const doc = exp.documents[0]!.document;
    expect(doc.asyncapi).toBe('2.6.0');
    const channels = doc.channels as Record<string, Obj>;
    // the service receives on the document's channel: the channel's `publish` (others publish to it)
    expect(channels['acme.inventory.reservations.v1']!.publish).toMatchObject({ 'x-eventflow-application': 'audit-service', message: { $ref: '#/components/messages/StockReserved' } });
    expect(channels['acme.inventory.reservations.v1']!.subscribe).toEqual(((source.channels as Obj)['acme.inventory.reservations.v1'] as Obj).subscribe);
    // the new topic is keyed by its address; the service's send is its `subscribe`
    expect(channels['acme.audit.v1']!.subscribe).toMatchObject({ 'x-eventflow-application': 'audit-service', message: { $ref: '#/components/messages/EmailSent' } });
    expect((channels['acme.audit.v1']!.bindings as { kafka: Obj }).kafka).toMatchObject({ partitions: 6 });
    expect(((doc.components as Obj).messages as Obj).EmailSent).toBeDefined();
    expect(exp.notes?.map((n) => n.pointer)).toEqual(expect.arrayContaining(['/channels/acme.audit.v1', '/channels/acme.audit.v1/subscribe', '/channels/acme.inventory.reservations.v1/publish']));
    expect(exp.notes?.some((n) => /no new parts/.test(n.message))).toBe(false);
    const again = importAsyncApi(JSON.stringify(doc));
    if (!again.ok) throw new Error(again.problems[0]?.message);
    expect(addedPart(again.topology)).toEqual(addedPart(t));
    // the document's own part is as before
    const own = (x: Topology): unknown => ({
      nodes: x.nodes.filter((n) => !n.id.startsWith('audit-')).map((n) => ({ id: n.id, kind: n.kind, name: n.name, settings: n.settings })),
      edges: x.edges.filter((e) => !e.source.startsWith('audit-') && !e.target.startsWith('audit-')).map((e) => `${e.kind} ${e.source}->${e.target} [${e.eventTypes.join(',')}]`).sort(),
    });
    expect(own(again.topology)).toEqual(own(topology));
    // and it is stable: the re-import exported and imported again is the same topology
    const third = importAsyncApi(JSON.stringify(exported(again.topology)));
    if (!third.ok) throw new Error(third.problems[0]?.message);
    expect(addedPart(third.topology)).toEqual(addedPart(t));
    expect(own(third.topology)).toEqual(own(topology));
  });

  it('the 2.x export with added nodes is valid AsyncAPI 2.6 for @asyncapi/parser', async () => {
    const { topology } = load(INV);
    const diagnostics = await new Parser().validate(JSON.stringify(exported(withAudit(topology))));
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('/')}: ${d.message}`)).toEqual([]);
  }, 60_000);

  it('a RabbitMQ queue added to the Kafka 2.6 document gets its own server (noted: a default host) and the other channels stay on theirs', async () => {
    const { topology, source } = load(INV);
    const t = withAudit(topology);
    const t2: Topology = {
      ...t,
      nodes: [...t.nodes, node('audit-queue', 'queue', 'Audit queue', { technology: 'rabbitmq', address: 'audit.queue' })],
      edges: [...t.edges, { id: 'e-a4', kind: 'publish', source: 'audit-service', target: 'audit-queue', eventTypes: ['EmailSent'], conditions: [] }],
    };
    const exp = exportAsyncApi(t2);
    const doc = exp.documents[0]!.document;
    const servers = doc.servers as Record<string, Obj>;
    expect(Object.keys(servers)).toEqual([...Object.keys(source.servers as Obj), 'rabbitmq']);
    expect(servers.rabbitmq).toMatchObject({ url: 'localhost:5672', protocol: 'amqp' });
    const channels = doc.channels as Record<string, Obj>;
    expect(channels['audit.queue']!.servers).toEqual(['rabbitmq']);
    expect(channels['acme.orders.placed.v1']!.servers).toEqual(['production', 'staging']);
    expect(exp.notes?.find((n) => n.pointer === '/servers/rabbitmq')?.message).toMatch(/default host "localhost:5672", set the real one/);
    const again = importAsyncApi(JSON.stringify(doc));
    if (!again.ok) throw new Error(again.problems[0]?.message);
    const q = again.topology.nodes.find((n) => n.id === 'audit-queue');
    expect([q?.kind, q?.kind === 'queue' ? q.settings.technology : undefined]).toEqual(['queue', 'rabbitmq']);
    expect(again.topology.nodes.find((n) => n.id === 'acme.orders.placed.v1')?.settings).toMatchObject({ technology: 'kafka' });
    const diagnostics = await new Parser().validate(JSON.stringify(doc));
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('/')}: ${d.message}`)).toEqual([]);
  }, 60_000);

  it('a send on a channel whose 2.x subscribe belongs to the document\'s application is not written, and a warning names it', () => {
    const { topology, source } = load(INV);
    const t = withAudit(topology);
    const t2: Topology = { ...t, edges: [...t.edges, { id: 'e-a3', kind: 'publish', source: 'audit-service', target: 'acme.inventory.stock-levels.v1', eventTypes: ['EmailSent'], conditions: [] }] };
    const exp = exportAsyncApi(t2);
    const ch = (exp.documents[0]!.document.channels as Record<string, Obj>)['acme.inventory.stock-levels.v1']!;
    expect(ch.subscribe).toEqual(((source.channels as Obj)['acme.inventory.stock-levels.v1'] as Obj).subscribe);
    expect(exp.warnings.join('\n')).toMatch(/"audit-service" sends on "acme\.inventory\.stock-levels\.v1", but the channel's subscribe belongs to "inventory-service".*not written/);
  });
});

describe('per-service export of an imported topology', () => {
  const docs = (t: Topology, version?: string): Map<string, Obj> => new Map(exportAsyncApi(t, true, version ? { version } : {}).documents.map((d) => [d.name, d.document]));

  it('3.x: the document\'s service gets its operations, channels, servers, replies and components back; stand-ins get plain documents', async () => {
    const { topology, source } = load('payments-amqp-3.0.asyncapi.yaml');
    const out = docs(topology);
    const mine = out.get('payment-service');
    if (!mine) throw new Error(`no document for payment-service: ${[...out.keys()].join(', ')}`);
    // the only application of the document: its part is the whole document
    expect(canonical(mine)).toEqual(canonical(source));
    for (const [name, d] of out) {
      const diagnostics = await new Parser().validate(JSON.stringify(d));
      expect(diagnostics.filter((x) => x.severity === 0).map((x) => `${name} ${x.path.join('/')}: ${x.message}`)).toEqual([]);
    }
    const again = importAsyncApi(JSON.stringify(mine));
    if (!again.ok) throw new Error(again.problems[0]?.message);
    const svc = (t: Topology): unknown => t.nodes.find((n) => n.id === 'payment-service')?.settings;
    expect(svc(again.topology)).toEqual(svc(topology));
  }, 60_000);

  it('2.x with a service added in the app: each service keeps its own channels, operations and messages; the added one is cut out of the document\'s service', () => {
    const { topology, source } = load('inventory-kafka-2.6.asyncapi.yaml');
    const node = (id: string, kind: 'service' | 'topic', name: string, settings: Obj): Topology['nodes'][number] =>
      ({ id, kind, name, position: { x: 0, y: 0 }, settings: settingsSchemas[kind].parse(settings) }) as unknown as Topology['nodes'][number];
    const t: Topology = {
      ...topology,
      nodes: [...topology.nodes, node('audit-service', 'service', 'Audit', { consumes: ['StockReserved'], emitsOnSuccess: ['EmailSent'] }), node('audit-topic', 'topic', 'Audit trail', { technology: 'kafka', address: 'acme.audit.v1' })],
      edges: [...topology.edges,
        { id: 'e-a1', kind: 'subscribe', source: 'acme.inventory.reservations.v1', target: 'audit-service', eventTypes: ['StockReserved'], conditions: [] },
        { id: 'e-a2', kind: 'publish', source: 'audit-service', target: 'audit-topic', eventTypes: ['EmailSent'], conditions: [] }],
    };
    const out = docs(t);
    const inv = out.get('inventory-service')!;
    expect(canonical(inv)).toEqual(canonical(source));
    const audit = out.get('audit-service')!;
    expect(Object.keys(audit.channels as Obj).sort()).toEqual(['acme.audit.v1', 'acme.inventory.reservations.v1']);
    const res = (audit.channels as Record<string, Obj>)['acme.inventory.reservations.v1']!;
    expect(res.subscribe).toBeUndefined();
    expect(res.publish).toMatchObject({ 'x-eventflow-application': 'audit-service' });
    expect(res.bindings).toEqual(((source.channels as Obj)['acme.inventory.reservations.v1'] as Obj).bindings);
    expect(Object.keys((audit.components as Obj).messages as Obj).sort()).toEqual(['EmailSent', 'StockReserved']);
    // the message trait StockReserved uses comes along; the Order schema only OrderPlaced uses does not
    expect(Object.keys((audit.components as Obj).messageTraits as Obj)).toEqual(['AcmeEnvelope']);
    expect(((audit.components as Obj).schemas as Obj).Order).toBeUndefined();
    expect(audit.servers).toEqual(source.servers);
    expect(Object.keys(audit[X_NODES] as Obj).sort()).toEqual(['audit-service', 'audit-topic']);
    const again = importAsyncApi(JSON.stringify(audit));
    if (!again.ok) throw new Error(again.problems[0]?.message);
    expect(again.topology.edges.map((e) => `${e.kind} ${e.source}->${e.target}`)).toEqual(expect.arrayContaining(['subscribe acme.inventory.reservations.v1->audit-service', 'publish audit-service->audit-topic']));
  });

  it('3.x with two applications: each document has only its own operations and the channels, servers and messages they use', async () => {
    const { source } = load('payments-amqp-3.0.asyncapi.yaml');
    const doc = JSON.parse(JSON.stringify(source)) as Obj;
    ((doc.operations as Record<string, Obj>).publishPaymentCaptured!)['x-eventflow-application'] = 'ledger';
    const r = importAsyncApi(JSON.stringify(doc));
    if (!r.ok) throw new Error(r.problems[0]?.message);
    const out = docs(r.topology);
    const ledger = out.get('ledger')!;
    const pay = out.get('payment-service')!;
    expect(Object.keys(ledger.operations as Obj)).toEqual(['publishPaymentCaptured']);
    expect(Object.keys(ledger.channels as Obj)).toEqual(['paymentEvents']);
    expect(Object.keys(pay.operations as Obj)).not.toContain('publishPaymentCaptured');
    expect(Object.keys(pay.channels as Obj)).not.toContain('paymentEvents');
    expect(Object.keys((ledger.components as Obj).messages as Obj)).toEqual(['PaymentCaptured']);
    expect(Object.keys((pay.components as Obj).messages as Obj)).not.toContain('PaymentCaptured');
    expect(ledger.servers).toEqual(source.servers);
    for (const d of [ledger, pay]) {
      const diagnostics = await new Parser().validate(JSON.stringify(d));
      expect(diagnostics.filter((x) => x.severity === 0).map((x) => `${x.path.join('/')}: ${x.message}`)).toEqual([]);
    }
  }, 60_000);

  it('a part that belongs to no exported service is named in a warning', () => {
    const { topology } = load('payments-amqp-3.0.asyncapi.yaml');
    // a channel of the document no operation uses
    const doc = JSON.parse(JSON.stringify(topology.imported!.document)) as Obj;
    (doc.channels as Obj).unused = { address: 'unused.queue' };
    const r = importAsyncApi(JSON.stringify(doc));
    if (!r.ok) throw new Error(r.problems[0]?.message);
    const exp = exportAsyncApi(r.topology, true);
    expect(exp.warnings.join('\n')).toMatch(/per-service export: 1 channel\(s\) of the imported document have no operation of an exported application and are in no document: \/channels\/unused/);
  });

  it('the export\'s version overrides the imported info.version (whole and per service); without it the document keeps its own', () => {
    const { topology, source } = load('inventory-kafka-2.6.asyncapi.yaml');
    const whole = exportAsyncApi(topology, false, { version: '4.0.0-rc.1' });
    expect((whole.documents[0]!.document.info as Obj).version).toBe('4.0.0-rc.1');
    expect(whole.notes?.find((n) => n.pointer === '/info/version')?.message).toBe('version set on export: "3.2.1" → "4.0.0-rc.1"');
    for (const d of docs(topology, '4.0.0-rc.1').values()) expect((d.info as Obj).version).toBe('4.0.0-rc.1');
    expect((exported(topology).info as Obj).version).toBe((source.info as Obj).version);
  });
});

describe('a receive drawn in the app where the application also sends (a loop on purpose)', () => {
  const reimport = (doc: Obj): { t: Topology; warnings: string[] } => {
    const again = importAsyncApi(JSON.stringify(doc));
    if (!again.ok) throw new Error(again.problems[0]?.message);
    return { t: again.topology, warnings: again.problems.map((p) => p.message) };
  };
  const has = (t: Topology, kind: string, s: string, d: string): boolean => t.edges.some((e) => e.kind === kind && e.source === s && e.target === d);

  it('2.x: the channel\'s publish is marked x-eventflow-loop and the re-import keeps the receive', () => {
    const { topology } = load('inventory-kafka-2.6.asyncapi.yaml');
    const ch = 'acme.inventory.stock-levels.v1';
    expect(has(topology, 'subscribe', ch, 'inventory-service')).toBe(false);
    const t: Topology = { ...topology, edges: [...topology.edges, { id: 'e-loop', kind: 'subscribe', source: ch, target: 'inventory-service', eventTypes: ['StockLevelChanged'], conditions: [] }] };
    const exp = exportAsyncApi(t);
    const doc = exp.documents[0]!.document;
    expect(((doc.channels as Record<string, Obj>)[ch]!.publish as Obj)[X_OPERATION_LOOP]).toBe(true);
    expect(exp.notes?.map((n) => n.pointer)).toContain(`/channels/${ch}/publish/${X_OPERATION_LOOP}`);
    const again = reimport(doc);
    expect(has(again.t, 'subscribe', ch, 'inventory-service')).toBe(true);
    expect(has(again.t, 'publish', 'inventory-service', ch)).toBe(true);
    expect(again.warnings.some((w) => w.includes(`both receives and sends`) && w.includes(ch))).toBe(false);
    // and it stays: the next export of the re-import is the same document
    expect(canonical(exported(again.t))).toEqual(canonical(doc));
  });

  it('3.x: the receive operation written for the drawn connection is marked and the re-import keeps it', () => {
    const { topology } = load('payments-amqp-3.0.asyncapi.yaml');
    const t: Topology = { ...topology, edges: [...topology.edges, { id: 'e-loop', kind: 'subscribe', source: 'paymentEvents', target: 'payment-service', eventTypes: ['PaymentCaptured'], conditions: [] }] };
    const doc = exported(t);
    const added = Object.values(doc.operations as Record<string, Obj>).filter((o) => o.action === 'receive' && (o.channel as Obj).$ref === '#/channels/paymentEvents');
    expect(added.map((o) => o[X_OPERATION_LOOP])).toEqual([true]);
    const again = reimport(doc);
    expect(has(again.t, 'subscribe', 'paymentEvents', 'payment-service')).toBe(true);
    expect(has(again.t, 'publish', 'payment-service', 'paymentEvents')).toBe(true);
  });

  it('without the drawn receive nothing is marked (an unedited export is the document)', () => {
    const { topology, source } = load('inventory-kafka-2.6.asyncapi.yaml');
    expect(JSON.stringify(exported(topology))).not.toContain(X_OPERATION_LOOP);
    expect(canonical(exported(topology))).toEqual(canonical(source));
  });
});
