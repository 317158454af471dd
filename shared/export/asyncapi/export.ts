/**
 * Topology -> AsyncAPI 3.0 document(s). One document describes the whole project (every
 * producer/service is an application whose operations carry `x-eventflow-application`), or
 * one document per application (`perService`), the shape code generators expect.
 *
 * - servers: one per broker technology used (kafka, amqp for RabbitMQ, sqs, sns, ...)
 * - channels: topics, queues and buses, address = settings.address or the node name, with the
 *   messages that flow through them and kafka/amqp bindings
 * - operations: send for publish edges, receive for subscribe/route edges, per application
 * - components: messages (correlationId in the header, envelope headers) and payload schemas
 *   from the event catalog; tags from groups (bounded contexts)
 * What AsyncAPI cannot say (simulation settings, synchronous calls, bus routes to brokers) rides
 * in `x-eventflow*` extensions so an export imports back into the same topology.
 * An imported topology exports its own document with the app's edits (kept.ts), per service each
 * application's part of it; `options.version` overrides its `info.version`.
 */
import { eventCatalog, payloadJsonSchema } from '../../commerce/catalog';
import type { TopologyEdge } from '../../model/edges';
import type { EventTypeDef } from '../../model/event-types';
import type { BrokerTechnology, TopologyNode } from '../../model/nodes';
import type { Topology } from '../../model/topology';
import {
  AMQP_BINDING_VERSION, CORRELATION_LOCATION, KAFKA_BINDING_VERSION, SERVER_OF, X_CHANNEL_NODE, X_OPERATION_APP, X_OPERATION_CONDITIONS, X_ROOT, X_SERVER_TECH, componentKey,
} from './conventions';
import { exportKept, perServiceKept } from './kept';
import type { KeptExport, KeptNote, ServiceDocuments } from './kept';
import { isObj } from './refs';

type Obj = Record<string, unknown>;
type BrokerNode = Extract<TopologyNode, { kind: 'topic' | 'queue' | 'bus' }>;
type AppNode = Extract<TopologyNode, { kind: 'producer' | 'service' | 'operator' | 'sink' }>;

export interface AsyncApiExportOptions {
  /** document version (info.version) */
  version?: string;
}

export interface AsyncApiExport {
  /** file stem (no extension) -> document */
  documents: { name: string; document: Obj }[];
  warnings: string[];
  /** an imported topology's export: what differs from the imported document, and why (kept.ts) */
  notes?: KeptNote[];
}

const ENVELOPE_HEADERS = 'EventEnvelopeHeaders';

interface Op {
  key: string;
  app: AppNode;
  action: 'send' | 'receive';
  channel: BrokerNode;
  eventTypes: string[];
  /** route edges: attribute conditions (no AsyncAPI field: carried as x-eventflow-conditions) */
  conditions: TopologyEdge['conditions'];
}

interface Model {
  t: Topology;
  byId: Map<string, TopologyNode>;
  channelKey: Map<string, string>;
  ops: Op[];
  links: TopologyEdge[];
  channelTypes: Map<string, string[]>;
  catalog: Map<string, EventTypeDef>;
  warnings: string[];
}

export function exportAsyncApi(t: Topology, perService = false, options: AsyncApiExportOptions = {}): AsyncApiExport {
  const m = analyse(t);
  const apps = t.nodes.filter((n): n is AppNode => isApp(n));
  let kept: KeptExport | undefined;
  let serviceDocs: ServiceDocuments | undefined;
  if (t.imported) {
    // the imported document comes back with the app's edits written over it
    const { imported, ...plain } = t;
    kept = exportKept(t, imported, () => {
      const pm = analyse(plain);
      return buildDocument(pm, pm.ops, t.name, options, true);
    });
    if (options.version !== undefined && isObj(kept.document.info) && kept.document.info.version !== options.version) {
      kept.notes.push({ pointer: '/info/version', message: `version set on export: "${String(kept.document.info.version)}" → "${options.version}"` });
      kept.document.info.version = options.version;
    }
    if (!perService) return { documents: [{ name: 'asyncapi', document: kept.document }], warnings: [...m.warnings, ...kept.warnings], notes: kept.notes };
    // per service: each application's part of the kept document
    serviceDocs = perServiceKept(kept.document, imported, apps);
  }
  if (!perService) return { documents: [{ name: 'asyncapi', document: buildDocument(m, m.ops, t.name, options, true) }], warnings: m.warnings };
  const documents: { name: string; document: Obj }[] = [];
  for (const app of apps) {
    const fromKept = serviceDocs?.documents.get(app.id);
    if (fromKept) {
      documents.push({ name: app.id, document: fromKept });
      continue;
    }
    const ops = m.ops.filter((o) => o.app.id === app.id);
    if (ops.length === 0) continue;
    documents.push({ name: app.id, document: buildDocument(m, ops, `${t.name} — ${app.name}`, options, false, app) });
  }
  return { documents, warnings: [...m.warnings, ...(kept?.warnings ?? []), ...(serviceDocs?.warnings ?? [])], ...(kept ? { notes: kept.notes } : {}) };
}

function isApp(n: TopologyNode): n is AppNode {
  return n.kind === 'producer' || n.kind === 'service' || n.kind === 'operator' || n.kind === 'sink';
}
function isBrokerNode(n: TopologyNode | undefined): n is BrokerNode {
  return n !== undefined && (n.kind === 'topic' || n.kind === 'queue' || n.kind === 'bus');
}

/** Types a node offers on an edge whose `eventTypes` is empty ("everything the source offers"). */
function offered(n: TopologyNode): string[] {
  switch (n.kind) {
    case 'producer': return n.settings.mode === 'sessions' ? ['CartItemAdded', 'CartAbandoned', 'CheckoutStarted', 'OrderPlaced'] : [...n.settings.emits];
    case 'service': return [...n.settings.emitsOnSuccess, ...n.settings.emitsOnFailure];
    case 'operator': {
      const s = n.settings;
      if (s.op === 'window' || s.op === 'join') return [s.emits];
      if (s.op === 'map' && s.emitAs) return [s.emitAs];
      return [];
    }
    default: return [];
  }
}

function analyse(t: Topology): Model {
  const byId = new Map(t.nodes.map((n) => [n.id, n]));
  const channelKey = new Map<string, string>();
  const used = new Set<string>();
  for (const n of t.nodes) {
    if (!isBrokerNode(n)) continue;
    let k = componentKey(n.id);
    for (let i = 2; used.has(k); i++) k = `${componentKey(n.id)}_${i}`;
    used.add(k);
    channelKey.set(n.id, k);
  }
  const ops: Op[] = [];
  const links: TopologyEdge[] = [];
  const channelTypes = new Map<string, Set<string>>();
  const addTypes = (id: string, types: readonly string[]): void => {
    const s = channelTypes.get(id) ?? new Set<string>();
    for (const x of types) s.add(x);
    channelTypes.set(id, s);
  };
  const opKeys = new Set<string>();
  const addOp = (app: AppNode, action: 'send' | 'receive', channel: BrokerNode, eventTypes: string[], conditions: TopologyEdge['conditions'] = []): void => {
    const existing = ops.find((o) => o.app.id === app.id && o.action === action && o.channel.id === channel.id);
    if (existing) {
      existing.eventTypes = existing.eventTypes.length === 0 || eventTypes.length === 0 ? [] : [...new Set([...existing.eventTypes, ...eventTypes])];
      return;
    }
    let key = componentKey(`${app.id}.${action}.${channelKey.get(channel.id)}`);
    for (let i = 2; opKeys.has(key); i++) key = componentKey(`${app.id}.${action}.${channelKey.get(channel.id)}.${i}`);
    opKeys.add(key);
    ops.push({ key, app, action, channel, eventTypes, conditions });
  };
  for (const e of t.edges) {
    const s = byId.get(e.source);
    const d = byId.get(e.target);
    if (!s || !d) continue;
    if (e.kind === 'publish' && isBrokerNode(d) && isApp(s)) {
      addOp(s, 'send', d, [...e.eventTypes]);
      addTypes(d.id, e.eventTypes.length > 0 ? e.eventTypes : offered(s));
    } else if ((e.kind === 'subscribe' || e.kind === 'route') && isBrokerNode(s) && isApp(d)) {
      addOp(d, 'receive', s, [...e.eventTypes], e.conditions);
      addTypes(s.id, e.eventTypes);
    } else {
      links.push(e);
      if (e.kind === 'route' && isBrokerNode(d)) {
        addTypes(d.id, e.eventTypes);
        addTypes(s.id, e.eventTypes);
      }
    }
  }
  // A receive without explicit types takes what the channel carries; a send types what it offers.
  const catalog = eventCatalog(t.eventTypes);
  const warnings: string[] = [];
  const sorted = new Map<string, string[]>();
  for (const [id, set] of channelTypes) sorted.set(id, [...set]);
  for (const type of new Set([...sorted.values()].flat())) {
    if (!catalog.has(type)) warnings.push(`event type "${type}" is not in the catalog or the project's event types: its payload is exported as an open object`);
  }
  return { t, byId, channelKey, ops, links, channelTypes: sorted, catalog, warnings };
}

function technologyOf(n: BrokerNode): BrokerTechnology {
  return n.settings.technology;
}

function addressOf(n: BrokerNode): string {
  // `{x}` in a 3.0 address declares a parameter; a literal brace would make the document invalid
  return (n.settings.address || n.name).replace(/[{}]/g, '_');
}

function groupTags(m: Model, n: TopologyNode): Obj[] | undefined {
  if (!n.parentId) return undefined;
  const g = m.byId.get(n.parentId);
  return g ? [{ name: g.name }] : undefined;
}

function channelBindings(n: BrokerNode): Obj | undefined {
  const tech = technologyOf(n);
  const address = addressOf(n);
  if (n.kind === 'topic' && tech === 'kafka') {
    return {
      kafka: {
        topic: address,
        partitions: n.settings.partitions,
        replicas: n.settings.replication,
        topicConfiguration: { 'retention.ms': Math.round(n.settings.retentionHours * 3_600_000) },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    };
  }
  if (tech === 'rabbitmq') {
    const name = address.slice(0, 255);
    return n.kind === 'queue'
      ? { amqp: { is: 'queue', queue: { name, durable: true, exclusive: false, autoDelete: false, vhost: '/' }, bindingVersion: AMQP_BINDING_VERSION } }
      : { amqp: { is: 'routingKey', exchange: { name, type: n.kind === 'bus' ? 'headers' : 'topic', durable: true, autoDelete: false, vhost: '/' }, bindingVersion: AMQP_BINDING_VERSION } };
  }
  return undefined;
}

function messageObject(name: string, def: EventTypeDef | undefined): Obj {
  const msg: Obj = {
    name,
    title: name,
    contentType: 'application/json',
    correlationId: { $ref: '#/components/correlationIds/correlationId' },
    headers: { $ref: `#/components/schemas/${ENVELOPE_HEADERS}` },
    payload: { $ref: `#/components/schemas/${componentKey(name)}Payload` },
  };
  if (def?.description) msg.summary = def.description;
  if (def?.keyField) msg.bindings = { kafka: { key: { type: 'string', description: `partition key: payload field ${def.keyField}` }, bindingVersion: KAFKA_BINDING_VERSION } };
  return msg;
}

function envelopeSchema(): Obj {
  return {
    type: 'object',
    description: 'Headers every EventFlow event carries; correlationId follows one order through the graph.',
    properties: {
      eventId: { type: 'string', description: 'unique id of this event' },
      eventType: { type: 'string', description: 'the event type (message name)' },
      occurredAt: { type: 'string', format: 'date-time' },
      correlationId: { type: 'string', description: 'id shared by every event of one business flow (e.g. one order)' },
      causationId: { type: 'string', description: 'id of the event that caused this one' },
    },
    required: ['eventId', 'eventType', 'correlationId'],
  };
}

function settingsOf(n: TopologyNode): unknown {
  return JSON.parse(JSON.stringify(n.settings)) as unknown;
}

function buildDocument(m: Model, ops: Op[], title: string, options: AsyncApiExportOptions, whole: boolean, only?: AppNode): Obj {
  const t = m.t;
  const channelIds = new Set(ops.map((o) => o.channel.id));
  if (whole) for (const n of t.nodes) if (isBrokerNode(n)) channelIds.add(n.id);
  const channelNodes = t.nodes.filter((n): n is BrokerNode => isBrokerNode(n) && channelIds.has(n.id));

  const servers: Obj = {};
  for (const n of channelNodes) {
    const tech = technologyOf(n);
    if (servers[tech]) continue;
    const shape = SERVER_OF[tech];
    servers[tech] = { host: shape.host, protocol: shape.protocol, description: shape.description, [X_SERVER_TECH]: tech };
  }

  const messageNames = new Set<string>();
  const channels: Obj = {};
  for (const n of channelNodes) {
    const types = m.channelTypes.get(n.id) ?? [];
    const relevant = whole ? types : types.filter((x) => ops.some((o) => o.channel.id === n.id && (o.eventTypes.length === 0 || o.eventTypes.includes(x))));
    const messages: Obj = {};
    for (const type of relevant) {
      messages[componentKey(type)] = { $ref: `#/components/messages/${componentKey(type)}` };
      messageNames.add(type);
    }
    const ch: Obj = { address: addressOf(n), title: n.name.slice(0, 200), servers: [{ $ref: `#/servers/${technologyOf(n)}` }], messages };
    if (n.description) ch.description = n.description;
    const tags = groupTags(m, n);
    if (tags) ch.tags = tags;
    const bindings = channelBindings(n);
    if (bindings) ch.bindings = bindings;
    const group = n.parentId ? m.byId.get(n.parentId)?.name : undefined;
    ch[X_CHANNEL_NODE] = { id: n.id, kind: n.kind, settings: settingsOf(n), ...(group ? { group } : {}) };
    channels[m.channelKey.get(n.id)!] = ch;
  }

  const operations: Obj = {};
  for (const o of ops) {
    const ck = m.channelKey.get(o.channel.id)!;
    const op: Obj = {
      action: o.action,
      channel: { $ref: `#/channels/${ck}` },
      title: `${o.app.name} ${o.action === 'send' ? 'publishes to' : 'consumes from'} ${o.channel.name}`.slice(0, 200),
    };
    if (o.eventTypes.length > 0) op.messages = o.eventTypes.map((x) => ({ $ref: `#/channels/${ck}/messages/${componentKey(x)}` }));
    const tags = groupTags(m, o.app);
    if (tags) op.tags = tags;
    if (o.action === 'receive' && o.app.kind === 'service' && o.channel.kind === 'topic' && technologyOf(o.channel) === 'kafka') {
      op.bindings = { kafka: { groupId: { type: 'string', enum: [o.app.settings.consumerGroup || o.app.id] }, bindingVersion: KAFKA_BINDING_VERSION } };
    }
    op[X_OPERATION_APP] = o.app.id;
    if (o.conditions.length > 0) op[X_OPERATION_CONDITIONS] = o.conditions;
    operations[o.key] = op;
  }

  const messages: Obj = {};
  const schemas: Obj = { [ENVELOPE_HEADERS]: envelopeSchema() };
  for (const name of [...messageNames].sort()) {
    const def = m.catalog.get(name);
    messages[componentKey(name)] = messageObject(name, def);
    const payload = def ? payloadJsonSchema(def) : { type: 'object', description: 'event type not defined in the project' };
    schemas[`${componentKey(name)}Payload`] = def?.description ? { ...payload, description: def.description } : payload;
  }

  const groups = t.nodes.filter((n) => n.kind === 'group');
  const appNodes = whole ? t.nodes.filter(isApp) : only ? [only] : [];
  const groupOf = (n: TopologyNode): string | undefined => (n.parentId ? m.byId.get(n.parentId)?.name : undefined);
  const info: Obj = {
    title: title.slice(0, 200),
    version: options.version ?? '1.0.0',
  };
  const description = only ? only.description : t.description;
  if (description) info.description = description;
  if (groups.length > 0) info.tags = groups.map((g) => (g.description ? { name: g.name, description: g.description } : { name: g.name }));

  const doc: Obj = {
    asyncapi: '3.0.0',
    info,
    defaultContentType: 'application/json',
  };
  if (Object.keys(servers).length > 0) doc.servers = servers;
  doc.channels = channels;
  doc.operations = operations;
  doc.components = {
    messages,
    schemas,
    correlationIds: { correlationId: { description: 'Correlation id of the business flow (one order, one cart)', location: CORRELATION_LOCATION } },
  };
  const x: Obj = {
    schemaVersion: t.schemaVersion,
    name: t.name,
    applications: Object.fromEntries(appNodes.map((n) => {
      const a: Obj = { kind: n.kind, name: n.name, settings: settingsOf(n) };
      if (n.description) a.description = n.description;
      const g = groupOf(n);
      if (g) a.group = g;
      return [n.id, a];
    })),
  };
  if (whole) {
    // width/height are layout, recomputed on import; the colour is the group's own
    x.groups = groups.map((g) => ({ id: g.id, name: g.name, settings: { color: g.kind === 'group' ? g.settings.color : undefined }, ...(g.description ? { description: g.description } : {}) }));
    x.links = m.links.map((e) => ({ kind: e.kind, source: e.source, target: e.target, eventTypes: e.eventTypes, ...(e.conditions.length ? { conditions: e.conditions } : {}), ...(e.timeoutMs !== undefined ? { timeoutMs: e.timeoutMs } : {}) }));
    x.eventTypes = t.eventTypes.map((e) => JSON.parse(JSON.stringify(e)) as unknown);
  }
  doc[X_ROOT] = x;
  return doc;
}
