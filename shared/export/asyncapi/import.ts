/**
 * AsyncAPI 2.x / 3.x (YAML or JSON) -> a valid, laid-out Topology.
 *
 * servers -> broker technology, channels -> topics/queues/buses, operations -> applications
 * (producers when they only send, services otherwise) with publish/subscribe edges, messages ->
 * event types with payload fields, request/reply -> a reply channel the requester consumes.
 * Which application an operation belongs to: `x-eventflow-application` (our exports), else the
 * document's own application (info.title), as AsyncAPI documents describe one application.
 * 2.x semantics are inverted: `subscribe` = the application sends, `publish` = it receives.
 *
 * Every problem names its place (JSON pointer + line/column). Errors refuse the import; warnings
 * explain what was guessed or dropped. Never throws.
 */
import { COMMERCE_EVENTS } from '../../commerce/catalog';
import { connectionVerdict } from '../../model/connection-rules';
import type { TopologyEdge } from '../../model/edges';
import type { EventTypeDef } from '../../model/event-types';
import { EventTypeDef as EventTypeDefSchema } from '../../model/event-types';
import { BrokerTechnology, EventTypeName, NodeId, settingsSchemas } from '../../model/nodes';
import type { NodeKind, TopologyNode } from '../../model/nodes';
import type { ImportedNode, Topology } from '../../model/topology';
import { CURRENT_SCHEMA_VERSION, TOPOLOGY_SCHEMA_URL } from '../../model/topology';
import { parseTopology } from '../../model/validate';
import { layeredLayout } from '../layout';
import { pointerSegments, readSource } from '../source-doc';
import type { ImportProblem, SourceDoc } from '../source-doc';
import { X_CHANNEL_NODE, X_NODES, X_OPERATION_APP, X_OPERATION_CONDITIONS, X_OPERATION_LOOP, X_ROOT, X_SERVER_TECH, technologyOfProtocol } from './conventions';
import { RefError, deref, isObj } from './refs';
import type { Obj } from './refs';
import { bundleExternalRefs, hasExternalRefs } from './bundle';
import type { ExternalRefs } from './bundle';
import { droppedParts } from './dropped';
import { DEFAULT_FAILURE_PCT, isDeadLetterChannel, isFailureOutcome, planOutcomes } from './outcomes';
import type { OutcomePlan } from './outcomes';
import { fieldsOfSchema } from './schema-fields';

export type { ImportProblem } from '../source-doc';

export type AsyncApiImportResult =
  | { ok: true; topology: Topology; problems: ImportProblem[]; version: string }
  | { ok: false; problems: ImportProblem[] };

type ChannelKind = 'topic' | 'queue' | 'bus';
type AppKind = 'producer' | 'service' | 'operator' | 'sink';

interface ChannelInfo {
  key: string;
  pointer: string;
  nodeId: string;
  kind: ChannelKind;
  name: string;
  address: string;
  technology: BrokerTechnology;
  settings: Obj;
  description?: string;
  group?: string;
  /** channel message key -> event type name */
  messages: Map<string, string>;
  /** made by the import (a reply queue for a dynamic address), not a channel of the document */
  invented?: boolean;
}

interface AppInfo {
  id: string;
  pointer: string;
  sends: Map<string, Set<string> | 'all'>;
  receives: Map<string, Set<string> | 'all'>;
  /** send operations in document order: their messages become outcomes (outcomes.ts) */
  sendOps: { channel: string; types: string[] | 'all'; pointer: string }[];
  /** channel key -> pointer of the receive operation */
  receiveAt: Map<string, string>;
  /** request/reply where this application is the requester: a synchronous call */
  calls: { channel: string; types: string[] | 'all'; replyTypes: string[] | 'all'; replyChannel?: string; pointer: string }[];
  /** channel key -> route conditions of the receive */
  conditions: Map<string, Obj[]>;
  /** channels whose receive is marked x-eventflow-loop: a loop drawn on purpose, not broken */
  keepLoop: Set<string>;
  groupId?: string;
  group?: string;
}

const X_APP_KINDS: readonly AppKind[] = ['producer', 'service', 'operator', 'sink'];

class Importer {
  readonly problems: ImportProblem[] = [];
  readonly root: Obj;
  readonly x: Obj;
  readonly channels = new Map<string, ChannelInfo>();
  readonly apps = new Map<string, AppInfo>();
  readonly eventTypes = new Map<string, EventTypeDef>();
  /** message pointer -> event type name */
  readonly messageNames = new Map<string, string>();
  readonly usedIds = new Set<string>();
  readonly groupNames: Set<string>;
  readonly defaultApp: string;

  constructor(readonly src: SourceDoc, root: Obj, readonly major: 2 | 3) {
    this.root = root;
    this.x = isObj(root[X_ROOT]) ? root[X_ROOT] : {};
    const info = isObj(root.info) ? root.info : {};
    const tagNames = Array.isArray(info.tags) ? info.tags.filter(isObj).map((t) => t.name).filter((n): n is string => typeof n === 'string') : [];
    const xGroups = Array.isArray(this.x.groups) ? this.x.groups.filter(isObj).map((g) => g.name).filter((n): n is string => typeof n === 'string') : [];
    this.groupNames = new Set([...tagNames, ...xGroups]);
    this.defaultApp = slug(typeof info.title === 'string' ? info.title : 'application') || 'application';
  }

  problem(severity: ImportProblem['severity'], pointer: string, message: string): void {
    if (this.problems.length >= 200) return;
    const loc = this.src.locate(pointer);
    this.problems.push({ severity, message, pointer, ...(loc ? { line: loc.line, column: loc.column } : {}) });
  }

  uniqueId(wanted: string): string {
    let base = NodeId.safeParse(wanted).success ? wanted : slug(wanted) || 'node';
    base = base.slice(0, 56);
    let id = base;
    for (let i = 2; this.usedIds.has(id); i++) id = `${base}-${i}`;
    this.usedIds.add(id);
    return id;
  }

  groupOfTags(tags: unknown): string | undefined {
    if (!Array.isArray(tags)) return undefined;
    for (const t of tags) if (isObj(t) && typeof t.name === 'string' && this.groupNames.has(t.name)) return t.name;
    return undefined;
  }

  // ---- servers
  serverTech(): Map<string, BrokerTechnology> {
    const out = new Map<string, BrokerTechnology>();
    const servers = this.root.servers;
    if (servers === undefined) return out;
    if (!isObj(servers)) {
      this.problem('warning', '/servers', 'servers is not an object: ignored');
      return out;
    }
    for (const [key, raw] of Object.entries(servers)) {
      const { value: s } = deref(this.root, raw, `/servers/${esc(key)}`);
      if (!isObj(s)) continue;
      const x = BrokerTechnology.safeParse(s[X_SERVER_TECH]);
      if (x.success) out.set(key, x.data);
      else if (typeof s.protocol === 'string') {
        const tech = technologyOfProtocol(s.protocol);
        if (tech === 'generic') this.problem('warning', `/servers/${esc(key)}/protocol`, `protocol "${s.protocol.slice(0, 40)}" has no broker model here: its channels use a generic broker`);
        out.set(key, tech);
      }
    }
    return out;
  }

  // ---- messages
  message(raw: unknown, pointer: string, fallbackName: string): string | undefined {
    let resolved: { value: unknown; pointer: string };
    try {
      resolved = deref(this.root, raw, pointer);
    } catch (e) {
      if (e instanceof RefError) {
        this.problem('error', e.pointer, e.message);
        return undefined;
      }
      throw e;
    }
    const known = this.messageNames.get(resolved.pointer);
    if (known) return known;
    const m = resolved.value;
    if (!isObj(m)) {
      this.problem('warning', resolved.pointer, 'message is not an object: ignored');
      return undefined;
    }
    const segs = pointerSegments(resolved.pointer);
    const keyName = segs[0] === 'components' && segs[1] === 'messages' && segs[2] ? segs[2] : fallbackName;
    let name = typeof m.name === 'string' && m.name ? m.name : keyName;
    if (!EventTypeName.safeParse(name).success) {
      const fixed = (/^[A-Za-z]/.test(name) ? name : `E${name}`).replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80);
      this.problem('warning', resolved.pointer, `message name "${name.slice(0, 80)}" is not a valid event type name: imported as "${fixed}"`);
      name = fixed;
    }
    this.messageNames.set(resolved.pointer, name);
    if (!this.eventTypes.has(name)) {
      const description = [m.summary, m.description, m.title].find((d): d is string => typeof d === 'string' && d.length > 0) ?? '';
      let fields: EventTypeDef['fields'] = [];
      let payload = m.payload;
      let payloadAt = `${resolved.pointer}/payload`;
      // 3.0 multi-format schema object { schemaFormat, schema }
      if (isObj(payload) && typeof payload.schemaFormat === 'string' && 'schema' in payload) {
        if (!/json|asyncapi/i.test(payload.schemaFormat)) {
          this.problem('warning', `${payloadAt}/schemaFormat`, `payload schema format "${payload.schemaFormat.slice(0, 80)}" is not JSON Schema: no fields imported`);
          payload = undefined;
        } else {
          payload = payload.schema;
          payloadAt += '/schema';
        }
      } else if (typeof m.schemaFormat === 'string' && !/json|asyncapi/i.test(m.schemaFormat)) {
        this.problem('warning', `${resolved.pointer}/schemaFormat`, `payload schema format "${m.schemaFormat.slice(0, 80)}" is not JSON Schema: no fields imported`);
        payload = undefined;
      }
      if (payload !== undefined) {
        try {
          const r = fieldsOfSchema(this.root, payload, payloadAt);
          fields = r.fields;
          for (const w of r.warnings) this.problem('warning', w.pointer, w.message);
        } catch (e) {
          if (!(e instanceof RefError)) throw e;
          this.problem('error', e.pointer, e.message);
        }
      }
      const keyField = this.kafkaKeyField(m, resolved.pointer, name, fields);
      this.eventTypes.set(name, { name, description: description.slice(0, 1000), keyField, fields });
    }
    return name;
  }

  /**
   * The Kafka message key binding names the partition key; the model keys by a payload field.
   * The field is taken from what the key schema says of itself (this project's export writes
   * "partition key: payload field X"; others give a title, a description or x-eventflow-field
   * naming one payload property); when nothing names one, a warning at the key says so.
   */
  private kafkaKeyField(m: Obj, pointer: string, name: string, fields: EventTypeDef['fields']): string {
    const kafka = isObj(m.bindings) && isObj(m.bindings.kafka) ? m.bindings.kafka : undefined;
    if (kafka === undefined || kafka.key === undefined) return '';
    const at = `${pointer}/bindings/kafka/key`;
    let key: unknown;
    try {
      key = deref(this.root, kafka.key, at).value;
    } catch (e) {
      if (!(e instanceof RefError)) throw e;
      this.problem('warning', e.pointer, `${e.message}: the Kafka key of "${name}" is not imported`);
      return '';
    }
    const names = new Set(fields.map((f) => f.name));
    const said = isObj(key) ? [key['x-eventflow-field'], key.title, key.description].filter((t): t is string => typeof t === 'string') : [];
    for (const text of said) {
      const ours = /partition key: payload field ([A-Za-z0-9_.-]+)/.exec(text)?.[1];
      if (ours !== undefined && names.has(ours)) return ours;
      if (names.has(text.trim())) return text.trim();
      const mentioned = [...names].filter((f) => new RegExp(`(^|[^A-Za-z0-9_])${f.replace(/[.]/g, '\\.')}([^A-Za-z0-9_]|$)`).test(text));
      if (mentioned.length === 1) return mentioned[0]!;
    }
    this.problem('warning', at, `Kafka key of "${name}": its schema does not name a payload field (title, description or x-eventflow-field): the event type has no key field (set one under Event types; per-key order then holds)`);
    return '';
  }

  messageList(raw: unknown, pointer: string): string[] {
    // 2.x: message may be { oneOf: [...] }; 3.0 operation: messages is an array of refs
    const { value, pointer: at } = deref(this.root, raw, pointer);
    if (Array.isArray(value)) return value.map((m, i) => this.message(m, `${at}/${i}`, `Message${i + 1}`)).filter((x): x is string => x !== undefined);
    if (isObj(value) && Array.isArray(value.oneOf)) return value.oneOf.map((m, i) => this.message(m, `${at}/oneOf/${i}`, `Message${i + 1}`)).filter((x): x is string => x !== undefined);
    const one = this.message(value, at, 'Message');
    return one ? [one] : [];
  }

  // ---- channels
  channel(key: string, raw: unknown, techs: Map<string, BrokerTechnology>): ChannelInfo | undefined {
    const base = `/channels/${esc(key)}`;
    const { value: c, pointer } = deref(this.root, raw, base);
    if (!isObj(c)) {
      this.problem('warning', base, 'channel is not an object: ignored');
      return undefined;
    }
    const xn = isObj(c[X_CHANNEL_NODE]) ? c[X_CHANNEL_NODE] : {};
    const address = this.major === 3 ? (typeof c.address === 'string' ? c.address : key) : key;
    const name = (typeof c.title === 'string' && c.title ? c.title : address || key).slice(0, 120);
    // technology: the channel's servers (3.0 refs, 2.x names), else the only/first server
    let technology: BrokerTechnology | undefined;
    if (Array.isArray(c.servers) && c.servers.length > 0) {
      const first: unknown = c.servers[0];
      const serverKey = typeof first === 'string' ? first : pointerSegments(deref(this.root, first, `${pointer}/servers/0`).pointer)[1];
      technology = serverKey === undefined ? undefined : techs.get(serverKey);
    }
    technology ??= techs.values().next().value;
    const bindings = isObj(c.bindings) ? c.bindings : {};
    const amqp = isObj(bindings.amqp) ? bindings.amqp : undefined;
    const kafka = isObj(bindings.kafka) ? bindings.kafka : undefined;
    if (!technology) technology = kafka ? 'kafka' : amqp ? 'rabbitmq' : 'generic';
    let kind: ChannelKind;
    const xk = xn.kind;
    if (xk === 'topic' || xk === 'queue' || xk === 'bus') kind = xk;
    else if (amqp?.is === 'queue') kind = 'queue';
    else if (technology === 'sqs') kind = 'queue';
    else if (technology === 'eventbridge') kind = 'bus';
    else kind = 'topic';
    const settings: Obj = { technology };
    if (kafka && kind === 'topic') {
      if (typeof kafka.partitions === 'number') settings.partitions = kafka.partitions;
      if (typeof kafka.replicas === 'number') settings.replication = kafka.replicas;
      const cfg = isObj(kafka.topicConfiguration) ? kafka.topicConfiguration : {};
      if (typeof cfg['retention.ms'] === 'number' && cfg['retention.ms'] >= 0) settings.retentionHours = cfg['retention.ms'] / 3_600_000;
    }
    if (address !== name) settings.address = address.slice(0, 200);
    const xs = isObj(xn.settings) ? xn.settings : undefined;
    const merged = this.validSettings(kind, xs ? { ...settings, ...xs } : settings, `${pointer}/${X_CHANNEL_NODE}/settings`, settings);
    const info: ChannelInfo = {
      key, pointer, kind, name: name || key, address, technology,
      nodeId: this.uniqueId(typeof xn.id === 'string' ? xn.id : key),
      settings: merged,
      messages: new Map(),
    };
    if (typeof c.description === 'string') info.description = c.description.slice(0, 2000);
    const group = typeof xn.group === 'string' && this.groupNames.has(xn.group) ? xn.group : this.groupOfTags(c.tags);
    if (group) info.group = group;
    if (this.major === 3 && c.messages !== undefined) {
      const msgs = deref(this.root, c.messages, `${pointer}/messages`);
      if (isObj(msgs.value)) {
        for (const [mk, mv] of Object.entries(msgs.value)) {
          const n = this.message(mv, `${msgs.pointer}/${esc(mk)}`, mk);
          if (n) info.messages.set(mk, n);
        }
      }
    }
    return info;
  }

  validSettings(kind: NodeKind, candidate: Obj, pointer: string, fallback: Obj): Obj {
    const schema = settingsSchemas[kind];
    const r = schema.safeParse(candidate);
    if (r.success) return r.data as Obj;
    const first = r.error.issues[0];
    this.problem('warning', pointer, `${kind} settings ${first ? `${first.path.join('.') || '(settings)'}: ${first.message}` : 'invalid'}: defaults used`);
    const f = schema.safeParse(fallback);
    return (f.success ? f.data : schema.parse(kind === 'operator' ? { op: 'filter' } : {})) as Obj;
  }

  // ---- operations
  app(id: string, pointer: string): AppInfo {
    let a = this.apps.get(id);
    if (!a) {
      a = { id, pointer, sends: new Map(), receives: new Map(), sendOps: [], receiveAt: new Map(), calls: [], conditions: new Map(), keepLoop: new Set() };
      this.apps.set(id, a);
    }
    return a;
  }

  flow(app: AppInfo, action: 'send' | 'receive', channelKey: string, types: string[] | 'all', pointer: string): void {
    if (action === 'send') app.sendOps.push({ channel: channelKey, types, pointer });
    else if (!app.receiveAt.has(channelKey)) app.receiveAt.set(channelKey, pointer);
    const map = action === 'send' ? app.sends : app.receives;
    const cur = map.get(channelKey);
    if (cur === 'all' || types === 'all') map.set(channelKey, 'all');
    else map.set(channelKey, new Set([...(cur ?? []), ...types]));
    if (types !== 'all') {
      const ch = this.channels.get(channelKey);
      for (const t of types) if (ch && ![...ch.messages.values()].includes(t)) ch.messages.set(t, t);
    }
  }

  appIdOf(op: Obj): string {
    const x = op[X_OPERATION_APP];
    return typeof x === 'string' && x.length > 0 ? x.slice(0, 64) : this.defaultApp;
  }

  channelKeyOfRef(raw: unknown, pointer: string): string | undefined {
    const r = deref(this.root, raw, pointer);
    const segs = pointerSegments(r.pointer);
    if (segs[0] === 'channels' && segs.length === 2 && this.channels.has(segs[1]!)) return segs[1];
    this.problem('error', pointer, 'operation channel must reference a channel under /channels');
    return undefined;
  }

  operations3(): void {
    const ops = this.root.operations;
    if (ops === undefined) return;
    if (!isObj(ops)) {
      this.problem('error', '/operations', 'operations must be an object');
      return;
    }
    for (const [key, raw] of Object.entries(ops)) {
      const at = `/operations/${esc(key)}`;
      const { value: op, pointer } = deref(this.root, raw, at);
      if (!isObj(op)) {
        this.problem('warning', at, 'operation is not an object: ignored');
        continue;
      }
      if (op.action !== 'send' && op.action !== 'receive') {
        this.problem('error', `${pointer}/action`, `operation action must be "send" or "receive", got ${JSON.stringify(op.action)?.slice(0, 40)}`);
        continue;
      }
      const ck = this.channelKeyOfRef(op.channel, `${pointer}/channel`);
      if (!ck) continue;
      const app = this.app(this.appIdOf(op), pointer);
      const types = op.messages === undefined ? 'all' : this.messageList(op.messages, `${pointer}/messages`);
      this.opExtras(app, op, pointer);
      if (op.action === 'send' && op.reply !== undefined && !isObj(this.x.applications)) {
        // the requester waits for the answer: a call, not a publish (the reply is its result)
        const replyTypes = this.replyTypes(op.reply, `${pointer}/reply`);
        const replyChannel = this.replyChannel(key, op.reply, `${pointer}/reply`);
        app.calls.push({ channel: ck, types, replyTypes, pointer, ...(replyChannel ? { replyChannel } : {}) });
        continue;
      }
      this.flow(app, op.action, ck, types, pointer);
      if (op.action === 'receive' && Array.isArray(op[X_OPERATION_CONDITIONS])) app.conditions.set(ck, op[X_OPERATION_CONDITIONS].filter(isObj).slice(0, 20));
      if (op.action === 'receive' && op[X_OPERATION_LOOP] === true) app.keepLoop.add(ck);
      if (op.reply !== undefined) this.reply(app, op.action, key, op.reply, `${pointer}/reply`);
    }
  }

  opExtras(app: AppInfo, op: Obj, pointer: string): void {
    const kafka = isObj(op.bindings) && isObj(op.bindings.kafka) ? op.bindings.kafka : undefined;
    if (kafka && kafka.groupId !== undefined) {
      const g = deref(this.root, kafka.groupId, `${pointer}/bindings/kafka/groupId`).value;
      const v = isObj(g) ? (Array.isArray(g.enum) ? g.enum[0] : g.const) : g;
      if (typeof v === 'string' && v.length <= 80) app.groupId = v;
    }
    app.group ??= this.groupOfTags(op.tags);
  }

  reply(app: AppInfo, action: 'send' | 'receive', opKey: string, raw: unknown, at: string): void {
    const { value: r, pointer } = deref(this.root, raw, at);
    if (!isObj(r)) return;
    const ck = this.replyChannel(opKey, raw, at);
    if (!ck) return;
    const types = r.messages === undefined ? 'all' : this.messageList(r.messages, `${pointer}/messages`);
    // a responder's reply is one outcome per request (outcomes.ts), sent where the requester asked
    this.flow(app, action === 'send' ? 'receive' : 'send', ck, types, pointer);
  }

  /** The channel a reply travels on: its `channel`, else (dynamic address) a reply queue made for it. */
  replyChannel(opKey: string, raw: unknown, at: string): string | undefined {
    const { value: r, pointer } = deref(this.root, raw, at);
    if (!isObj(r)) return undefined;
    let ck: string | undefined;
    if (r.channel !== undefined) ck = this.channelKeyOfRef(r.channel, `${pointer}/channel`);
    if (!ck) {
      // dynamic reply address (e.g. $message.header#/replyTo): model it as a reply queue
      ck = `${opKey}-reply`.slice(0, 60);
      if (!this.channels.has(ck)) {
        const tech = this.channels.values().next().value?.technology ?? 'generic';
        this.channels.set(ck, {
          key: ck, pointer, kind: 'queue', name: ck, address: ck, technology: tech, nodeId: this.uniqueId(ck),
          settings: this.validSettings('queue', { technology: tech }, pointer, {}), messages: new Map(), invented: true,
        });
        this.problem('warning', pointer, `reply has no channel: modelled as the queue "${ck}"`);
      }
    }
    return ck;
  }

  /** Messages of a requester's reply (the answer of the call). */
  replyTypes(raw: unknown, at: string): string[] | 'all' {
    const { value: r, pointer } = deref(this.root, raw, at);
    if (!isObj(r)) return [];
    if (r.messages !== undefined) return this.messageList(r.messages, `${pointer}/messages`);
    if (r.channel === undefined) return [];
    const ck = this.channelKeyOfRef(r.channel, `${pointer}/channel`);
    return ck ? [...new Set(this.channels.get(ck)?.messages.values() ?? [])] : [];
  }

  operations2(): void {
    for (const ch of this.channels.values()) {
      const c = deref(this.root, (this.root.channels as Obj)[ch.key], ch.pointer).value as Obj;
      for (const verb of ['publish', 'subscribe'] as const) {
        if (c[verb] === undefined) continue;
        const at = `${ch.pointer}/${verb}`;
        const { value: op, pointer } = deref(this.root, c[verb], at);
        if (!isObj(op)) continue;
        const app = this.app(this.appIdOf(op), pointer);
        const types = op.message === undefined ? 'all' : this.messageList(op.message, `${pointer}/message`);
        // 2.x: `publish` = others publish to this application, so it receives
        this.flow(app, verb === 'publish' ? 'receive' : 'send', ch.key, types, pointer);
        if (verb === 'publish' && op[X_OPERATION_LOOP] === true) app.keepLoop.add(ch.key);
        this.opExtras(app, op, pointer);
      }
    }
  }

  // ---- outcomes
  /**
   * An application that receives and sends the same messages on one channel consumes its own
   * output: a runaway loop. In a 2.x document this is a channel with both `publish` and
   * `subscribe` (others publish corrections, the application publishes its own): the application
   * sits on the sending side, the receive of those messages is not simulated. A receive marked
   * `x-eventflow-loop` (a loop drawn in the app, written by the kept export) is kept.
   */
  breakSelfLoops(app: AppInfo, channelTypes: (ck: string) => string[]): void {
    for (const [ck, recv] of [...app.receives]) {
      const sent = app.sends.get(ck);
      if (sent === undefined || app.keepLoop.has(ck)) continue;
      const rt = recv === 'all' ? channelTypes(ck) : [...recv];
      const st = new Set(sent === 'all' ? channelTypes(ck) : [...sent]);
      const both = rt.filter((t) => st.has(t));
      if (both.length === 0 && recv !== 'all' && sent !== 'all') continue;
      const rest = rt.filter((t) => !st.has(t));
      if (rest.length > 0) app.receives.set(ck, new Set(rest));
      else app.receives.delete(ck);
      const list = (both.length > 0 ? both : rt).map((t) => `"${t}"`).join(', ') || 'its messages';
      this.problem('warning', app.receiveAt.get(ck) ?? app.pointer, `"${app.id}" both receives and sends ${list} on "${ck}": consuming its own output would loop, so it is imported on the sending side only (${this.major === 2 ? '2.x publish = others send to the application, subscribe = it sends' : 'the receive is not simulated'}); messages other applications send here are not simulated`);
    }
  }

  outcomes(app: AppInfo, channelTypes: (ck: string) => string[]): OutcomePlan {
    const ops = app.sendOps.map((o) => ({ channel: o.channel, pointer: o.pointer, types: o.types === 'all' ? channelTypes(o.channel) : o.types }));
    const plan = planOutcomes(app.id, ops, (ck) => {
      const ch = this.channels.get(ck);
      return ch !== undefined && ch.kind !== 'bus' && isDeadLetterChannel(ck, ch.address, ch.name);
    });
    for (const n of plan.notes) this.problem('warning', n.pointer, n.message);
    return plan;
  }

  /** The requester calls a stand-in for the responder; its reply alternatives are the call's success / failure. */
  callResponder(nodes: TopologyNode[], addEdge: (s: string, t: string, types: string[]) => boolean, caller: TopologyNode, call: AppInfo['calls'][number], channelTypes: (ck: string) => string[]): void {
    const ch = this.channels.get(call.channel)!;
    const types = call.types === 'all' ? channelTypes(call.channel) : call.types;
    const replies = call.replyTypes === 'all' ? [] : call.replyTypes;
    if (caller.kind !== 'service') {
      this.problem('warning', call.pointer, `"${caller.id}" (${caller.kind}) cannot wait for a reply: the request to "${call.channel}" is imported as a plain send`);
      addEdge(caller.id, ch.nodeId, types);
      return;
    }
    const fails = replies.filter(isFailureOutcome);
    const ok = replies.find((r) => !isFailureOutcome(r));
    const id = this.uniqueId(`${ch.nodeId}-responder`);
    nodes.push({
      id, kind: 'service', name: `${ch.name} responder`.slice(0, 120), position: { x: 0, y: 0 },
      description: `Stand-in for the application answering "${ch.address}" (not described by the imported document).`,
      settings: this.validSettings('service', { consumes: types, ...(fails.length > 0 || replies.length > 1 ? outcomeDefaults() : {}) }, call.pointer, {}),
    } as TopologyNode);
    addEdge(caller.id, id, types);
    // the request channel is where the responder listens, the reply channel where it answers: both
    // stay connected to the call (no traffic of their own: the answer travels with the call)
    addEdge(ch.nodeId, id, types);
    const replyCh = call.replyChannel === undefined ? undefined : this.channels.get(call.replyChannel);
    if (replyCh) addEdge(id, replyCh.nodeId, replies);
    const answer = replies.length === 0 ? 'no reply messages' : `${ok ? `"${ok}" = the call succeeds` : ''}${ok && replies.length > 1 ? ', ' : ''}${replies.filter((r) => r !== ok).map((r) => `"${r}"`).join(' / ')}${replies.length > 1 ? ` = it fails (${DEFAULT_FAILURE_PCT} % by default)` : ''}`;
    this.problem('warning', call.pointer, `request/reply on "${call.channel}": imported as a synchronous call from "${caller.id}" to the stand-in "${id}"; the reply is the call's answer (${answer}); "${call.channel}" feeds the stand-in${replyCh ? ` and its answers go to "${replyCh.key}"` : ''} (no traffic of their own: the answer travels with the call)`);
  }

  /** Settings, names and descriptions edited in the app, carried by a kept-document export (kept.ts). */
  applyEdits(nodes: TopologyNode[]): void {
    const edits = this.root[X_NODES];
    if (edits === undefined) return;
    if (!isObj(edits)) {
      this.problem('warning', `/${X_NODES}`, `${X_NODES} is not an object: ignored`);
      return;
    }
    for (const [id, raw] of Object.entries(edits)) {
      const at = `/${X_NODES}/${esc(id)}`;
      const n = nodes.find((x) => x.id === id);
      if (!n || !isObj(raw)) {
        this.problem('warning', at, n ? 'not an object: ignored' : `no node "${id.slice(0, 64)}" comes from this document: its edits are ignored`);
        continue;
      }
      if (typeof raw.name === 'string' && raw.name.trim() !== '') n.name = raw.name.slice(0, 120);
      if (typeof raw.description === 'string') {
        if (raw.description) n.description = raw.description.slice(0, 2000);
        else delete n.description;
      }
      if (isObj(raw.settings)) {
        const edited = Object.fromEntries(Object.entries(raw.settings).filter(([, v]) => v !== null));
        const cleared = Object.entries(raw.settings).filter(([, v]) => v === null).map(([k]) => k);
        const base: Obj = { ...(n.settings as Obj), ...edited };
        for (const k of cleared) delete base[k];
        n.settings = this.validSettings(n.kind, base, `${at}/settings`, n.settings as Obj) as TopologyNode['settings'];
      }
    }
  }

  // ---- assemble
  build(): Topology | undefined {
    const techs = this.serverTech();
    const channels = this.root.channels;
    if (channels === undefined || !isObj(channels) || Object.keys(channels).length === 0) {
      this.problem('error', '/channels', 'the document has no channels: nothing to import');
      return undefined;
    }
    for (const [key, raw] of Object.entries(channels)) {
      const ch = this.channel(key, raw, techs);
      if (ch) this.channels.set(key, ch);
    }
    // component messages nobody references still become event types
    const comps = isObj(this.root.components) && isObj(this.root.components.messages) ? this.root.components.messages : {};
    for (const [k, v] of Object.entries(comps)) this.message(v, `/components/messages/${esc(k)}`, k);
    if (this.major === 3) this.operations3();
    else this.operations2();
    if (this.problems.some((p) => p.severity === 'error')) return undefined;

    const info = isObj(this.root.info) ? this.root.info : {};
    const xApps = isObj(this.x.applications) ? this.x.applications : {};
    const nodes: TopologyNode[] = [];
    const groupIds = new Map<string, string>();
    const xGroups = Array.isArray(this.x.groups) ? this.x.groups.filter(isObj) : [];
    for (const name of this.groupNames) {
      const xg = xGroups.find((g) => g.name === name);
      const id = this.uniqueId(typeof xg?.id === 'string' ? xg.id : `group-${slug(name)}`);
      groupIds.set(name, id);
      const settings = this.validSettings('group', isObj(xg?.settings) ? xg.settings : {}, `/${X_ROOT}/groups`, {});
      const g = { id, kind: 'group', name: name.slice(0, 120) || id, position: { x: 0, y: 0 }, settings } as TopologyNode;
      if (typeof xg?.description === 'string') g.description = xg.description.slice(0, 2000);
      nodes.push(g);
    }
    const channelNode = new Map<string, string>();
    for (const ch of this.channels.values()) {
      channelNode.set(ch.key, ch.nodeId);
      const n = { id: ch.nodeId, kind: ch.kind, name: ch.name, position: { x: 0, y: 0 }, settings: ch.settings } as TopologyNode;
      if (ch.description) n.description = ch.description;
      if (ch.group && groupIds.has(ch.group)) n.parentId = groupIds.get(ch.group);
      nodes.push(n);
    }
    const edges: TopologyEdge[] = [];
    const edgeIds = new Set<string>();
    const addEdge = (source: string, target: string, eventTypes: string[], extra: Partial<TopologyEdge> = {}): boolean => {
      const s = nodes.find((n) => n.id === source);
      const d = nodes.find((n) => n.id === target);
      if (!s || !d) return false;
      const v = connectionVerdict(s.kind, d.kind, s.id === d.id);
      if (!v.ok) return false;
      let id = `e-${source}-${target}`.slice(0, 60);
      for (let i = 2; edgeIds.has(id); i++) id = `e-${source}-${target}`.slice(0, 56) + `-${i}`;
      edgeIds.add(id);
      edges.push({ id, kind: v.edgeKind, source, target, eventTypes: eventTypes.slice(0, 50), conditions: [], ...extra });
      return true;
    };
    const typesOf = (_ck: string, t: Set<string> | 'all'): string[] => (t === 'all' ? [] : [...t]);
    const channelTypes = (ck: string): string[] => [...new Set(this.channels.get(ck)?.messages.values() ?? [])];
    const hasX = Object.keys(xApps).length > 0;
    /** node id -> the document's application it was made from */
    const appOfNode = new Map<string, string>();
    if (!hasX) for (const app of this.apps.values()) this.breakSelfLoops(app, channelTypes);

    for (const app of this.apps.values()) {
      const xa = isObj(xApps[app.id]) ? (xApps[app.id] as Obj) : {};
      const sent = [...app.sends].flatMap(([ck, t]) => (t === 'all' ? channelTypes(ck) : [...t]));
      const received = [...app.receives].flatMap(([ck, t]) => (t === 'all' ? channelTypes(ck) : [...t]));
      let kind: AppKind = X_APP_KINDS.includes(xa.kind as AppKind) ? (xa.kind as AppKind) : app.receives.size === 0 ? 'producer' : 'service';
      if (kind === 'producer' && app.receives.size > 0) {
        this.problem('warning', app.pointer, `application "${app.id}" is a producer but receives messages: imported as a service`);
        kind = 'service';
      }
      if (kind === 'sink' && app.sends.size > 0) kind = 'service';
      const plan = kind === 'service' && !hasX ? this.outcomes(app, channelTypes) : undefined;
      const derived: Obj = kind === 'producer'
        ? { emits: uniq(sent).slice(0, 50) }
        : kind === 'service'
          ? {
            consumes: uniq(received).slice(0, 50),
            emitsOnSuccess: (plan ? plan.emitsOnSuccess : uniq(sent)).slice(0, 50),
            emitsOnFailure: (plan?.emitsOnFailure ?? []).slice(0, 50),
            ...(app.groupId ? { consumerGroup: app.groupId } : {}),
            ...(plan?.emitsOnFailure.length || app.calls.length > 0 ? outcomeDefaults() : {}),
            ...(plan?.deadLetter ? { deadLetterTarget: channelNode.get(plan.deadLetter) } : {}),
          }
          : kind === 'operator' ? { op: 'filter' } : {};
      if (kind === 'producer' && (derived.emits as string[]).length === 0) delete derived.emits;
      const settings = isObj(xa.settings) ? this.validSettings(kind, xa.settings, `/${X_ROOT}/applications/${esc(app.id)}/settings`, derived) : this.validSettings(kind, derived, app.pointer, {});
      const id = this.uniqueId(app.id);
      appOfNode.set(id, app.id);
      const name = typeof xa.name === 'string' && xa.name ? xa.name.slice(0, 120) : app.id === this.defaultApp && typeof info.title === 'string' ? info.title.slice(0, 120) || id : app.id;
      const n = { id, kind, name, position: { x: 0, y: 0 }, settings } as TopologyNode;
      if (typeof xa.description === 'string') n.description = xa.description.slice(0, 2000);
      const group = typeof xa.group === 'string' && groupIds.has(xa.group) ? xa.group : app.group;
      if (group && groupIds.has(group)) n.parentId = groupIds.get(group);
      nodes.push(n);
      for (const [ck, t] of app.sends) {
        if (plan?.notPublished.has(ck)) continue;
        const types = hasX ? typesOf(ck, t) : t === 'all' ? channelTypes(ck) : [...t];
        if (!addEdge(id, channelNode.get(ck)!, types)) this.problem('warning', app.pointer, `"${app.id}" (${kind}) cannot publish to channel "${ck}": edge dropped`);
      }
      for (const [ck, t] of app.receives) {
        const types = hasX ? typesOf(ck, t) : t === 'all' ? channelTypes(ck) : [...t];
        const conditions = app.conditions.get(ck);
        if (!addEdge(channelNode.get(ck)!, id, types, conditions ? { conditions: conditions as TopologyEdge['conditions'] } : {})) this.problem('warning', app.pointer, `channel "${ck}" cannot deliver to "${app.id}" (${kind}): edge dropped`);
      }
      for (const call of app.calls) this.callResponder(nodes, addEdge, n, call, channelTypes);
      if (plan && plan.emitsOnFailure.length > 0) decideOnFirstReceive(nodes, edges, id);
    }
    // A document describes its own application: channels it consumes are fed by others. Give each
    // such channel a stand-in producer so the imported topology has traffic to simulate.
    if (!hasX) {
      for (const ch of this.channels.values()) {
        const consumed = [...this.apps.values()].filter((a) => a.receives.has(ch.key));
        if (consumed.length === 0) continue;
        // fed = every consumed message is sent here by an application of the document (a reply
        // on the request's own channel feeds nothing the application consumes)
        const sentHere = new Set([...this.apps.values()].flatMap((a) => {
          const t = a.sends.get(ch.key);
          return t === undefined ? [] : t === 'all' ? channelTypes(ch.key) : [...t];
        }));
        const types = uniq(consumed.flatMap((a) => {
          const t = a.receives.get(ch.key)!;
          return t === 'all' ? channelTypes(ch.key) : [...t];
        })).filter((t) => !sentHere.has(t)).slice(0, 50);
        if (types.length === 0) continue;
        const id = this.uniqueId(`${ch.nodeId}-source`);
        nodes.push({ id, kind: 'producer', name: `${ch.name} publishers`.slice(0, 120), description: 'Stand-in for the applications that publish to this channel (not described by the imported document).', position: { x: 0, y: 0 },
          settings: this.validSettings('producer', { emits: types }, ch.pointer, {}) } as TopologyNode);
        addEdge(id, ch.nodeId, types);
        this.problem('warning', ch.pointer, `nothing in the document sends to "${ch.key}": added the producer "${id}" as a stand-in for its publishers`);
      }
    }
    // sinks and other applications that only appear in the extension (no operations)
    for (const [id, raw] of Object.entries(xApps)) {
      if (this.apps.has(id) || !isObj(raw) || !X_APP_KINDS.includes(raw.kind as AppKind)) continue;
      const kind = raw.kind as AppKind;
      const n = {
        id: this.uniqueId(id), kind, name: typeof raw.name === 'string' && raw.name ? raw.name.slice(0, 120) : id, position: { x: 0, y: 0 },
        settings: this.validSettings(kind, isObj(raw.settings) ? raw.settings : {}, `/${X_ROOT}/applications/${esc(id)}/settings`, kind === 'operator' ? { op: 'filter' } : {}),
      } as TopologyNode;
      if (typeof raw.description === 'string') n.description = raw.description.slice(0, 2000);
      if (typeof raw.group === 'string' && groupIds.has(raw.group)) n.parentId = groupIds.get(raw.group);
      nodes.push(n);
    }
    const links = Array.isArray(this.x.links) ? this.x.links : [];
    links.forEach((l, i) => {
      if (!isObj(l) || typeof l.source !== 'string' || typeof l.target !== 'string') return;
      const types = Array.isArray(l.eventTypes) ? l.eventTypes.filter((t): t is string => typeof t === 'string' && EventTypeName.safeParse(t).success) : [];
      const extra: Partial<TopologyEdge> = {};
      if (typeof l.timeoutMs === 'number' && l.timeoutMs > 0 && l.timeoutMs <= 3_600_000) extra.timeoutMs = l.timeoutMs;
      if (Array.isArray(l.conditions)) extra.conditions = l.conditions.filter(isObj).slice(0, 20) as TopologyEdge['conditions'];
      if (!addEdge(l.source, l.target, types, extra)) this.problem('warning', `/${X_ROOT}/links/${i}`, `link ${l.source.slice(0, 64)} → ${l.target.slice(0, 64)} does not connect two compatible nodes: dropped`);
    });
    // dead-letter targets point at node ids; drop the ones this document does not contain
    for (const n of nodes) {
      if ((n.kind === 'queue' || n.kind === 'service' || n.kind === 'bus') && n.settings.deadLetterTarget) {
        const t = nodes.find((x) => x.id === n.settings.deadLetterTarget);
        if (!t || (t.kind !== 'queue' && t.kind !== 'topic') || t.id === n.id) {
          this.problem('warning', `/${X_ROOT}`, `dead-letter target "${n.settings.deadLetterTarget}" of "${n.id}" is not in the document: cleared`);
          n.settings.deadLetterTarget = '';
        }
      }
    }

    // what the document made of each node, before the app's edits (x-eventflow-nodes) apply again
    const made = new Map(nodes.map((n) => [n.id, { name: n.name, description: n.description, settings: JSON.parse(JSON.stringify(n.settings)) as Obj }]));
    if (!hasX) this.applyEdits(nodes);

    const xTypes = Array.isArray(this.x.eventTypes) ? this.x.eventTypes : [];
    const projectTypes = new Map<string, EventTypeDef>();
    xTypes.forEach((raw, i) => {
      const r = EventTypeDefSchema.safeParse(raw);
      if (r.success) projectTypes.set(r.data.name, r.data);
      else this.problem('warning', `/${X_ROOT}/eventTypes/${i}`, `event type ignored: ${r.error.issues[0]?.message ?? 'invalid'}`);
    });
    for (const [name, def] of this.eventTypes) {
      if (projectTypes.has(name)) continue;
      const builtin = COMMERCE_EVENTS.find((e) => e.name === name);
      if (builtin && sameFields(builtin, def)) continue;
      const r = EventTypeDefSchema.safeParse(def);
      if (r.success) projectTypes.set(name, r.data);
    }

    if (!hasX) for (const d of droppedParts(this.root, this.major)) this.problem('warning', d.pointer, d.message);
    // a document tag that no channel or operation carries groups nothing: no empty group box
    const used = new Set(nodes.map((n) => n.parentId).filter((p): p is string => p !== undefined));
    const kept = nodes.filter((n) => {
      if (n.kind !== 'group' || used.has(n.id)) return true;
      const xMade = xGroups.some((g) => g.name === n.name);
      if (!xMade) this.problem('warning', '/info/tags', `tag "${n.name}" is on no channel or operation: no group made for it (document tags are not kept by the model)`);
      return xMade;
    });
    const laidOut = layeredLayout(kept, edges);
    const title = typeof this.x.name === 'string' && this.x.name ? this.x.name : typeof info.title === 'string' && info.title ? info.title : 'Imported AsyncAPI';
    const description = typeof info.description === 'string' ? info.description.slice(0, 5000) : '';
    const candidate = {
      $schema: TOPOLOGY_SCHEMA_URL,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      name: title.slice(0, 200),
      description,
      eventTypes: [...projectTypes.values()].slice(0, 1000),
      nodes: laidOut,
      edges,
    };
    if (!hasX) {
      const channelOf = new Map([...this.channels.values()].filter((c) => !c.invented).map((c) => [c.nodeId, c.key]));
      const keptNodes: Record<string, ImportedNode> = {};
      for (const n of kept) {
        const m = made.get(n.id)!;
        keptNodes[n.id] = { name: m.name, settings: m.settings, ...(m.description !== undefined ? { description: m.description } : {}), ...(channelOf.has(n.id) ? { channel: channelOf.get(n.id) } : {}), ...(appOfNode.has(n.id) ? { application: appOfNode.get(n.id) } : {}) };
      }
      const document = JSON.parse(JSON.stringify(this.root)) as Obj;
      delete document[X_NODES];
      Object.assign(candidate, { imported: { format: 'asyncapi', version: String(this.root.asyncapi), document, nodes: keptNodes } });
    }
    const r = parseTopology(candidate);
    if (!r.ok) {
      for (const issue of r.issues) this.problem('error', '', `the imported topology is invalid at ${issue.path}: ${issue.message}`);
      return undefined;
    }
    return r.value;
  }
}

/**
 * A queue redelivers what its consumer failed (up to maxReceives), so a failure branch behind a
 * queue would fire only after the last redelivery: the outcome is decided on the first receive.
 */
function decideOnFirstReceive(nodes: TopologyNode[], edges: TopologyEdge[], serviceId: string): void {
  for (const e of edges) {
    if (e.target !== serviceId) continue;
    const q = nodes.find((n) => n.id === e.source);
    if (q?.kind === 'queue') q.settings.maxReceives = 1;
  }
}

/** A business outcome is decided once: the failure branch is not retried. */
function outcomeDefaults(): Obj {
  return { failurePct: DEFAULT_FAILURE_PCT, retry: { maxAttempts: 1, backoffMs: 200, multiplier: 2 } };
}

function sameFields(a: EventTypeDef, b: EventTypeDef): boolean {
  return a.fields.length === b.fields.length && a.fields.every((f, i) => f.name === b.fields[i]!.name && f.type === b.fields[i]!.type && f.required === b.fields[i]!.required);
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}

function esc(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A NodeId-safe slug: "Account Service" -> "account-service". */
export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56);
}

/** 3 or 2 for the AsyncAPI versions the importer reads (3.0–3.1, 2.0–2.6), else undefined */
export function asyncApiMajor(version: unknown): 2 | 3 | undefined {
  if (typeof version !== 'string') return undefined;
  return /^3\.[01]\.\d+$/.test(version) ? 3 : /^2\.[0-6]\.\d+$/.test(version) ? 2 : undefined;
}

/**
 * Whether a text is an AsyncAPI document rather than a topology file: an `asyncapi` key at the
 * top level (a topology that keeps its imported document has one further down).
 */
export function looksLikeAsyncApi(text: string): boolean {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) {
    const top = /^\{\s*"([^"]*)"/.exec(head);
    if (top?.[1] === 'asyncapi') return true;
    if (top?.[1] === '$schema' || top?.[1] === 'schemaVersion') return false;
    try {
      const v = JSON.parse(head) as unknown;
      return isObj(v) && 'asyncapi' in v;
    } catch {
      return /"asyncapi"\s*:/.test(head.slice(0, 20_000)) && !/"schemaVersion"\s*:/.test(head.slice(0, 20_000));
    }
  }
  // YAML: a top-level key starts its line
  return /(^|\n)["']?asyncapi["']?\s*:/.test(head.slice(0, 20_000));
}

export interface AsyncApiImportOptions {
  /** how to read files that `$ref`s point at (without it, such a reference is an error) */
  externalRefs?: ExternalRefs;
}

export function importAsyncApi(text: string, options: AsyncApiImportOptions = {}): AsyncApiImportResult {
  const src = readSource(text);
  if (!src.ok) return src;
  let root = src.doc.data;
  if (isObj(root) && options.externalRefs && hasExternalRefs(root)) {
    const b = bundleExternalRefs(root, options.externalRefs);
    if (b.problems.length > 0) return { ok: false, problems: b.problems.map((p) => ({ ...p, ...(src.doc.locate(p.pointer) ?? {}) })) };
    root = b.root;
  }
  if (!isObj(root)) return { ok: false, problems: [{ severity: 'error', message: 'an AsyncAPI document is an object (mapping) at the top level', pointer: '', line: 1, column: 1 }] };
  const version = root.asyncapi;
  const loc = src.doc.locate('/asyncapi');
  const at = loc ? { line: loc.line, column: loc.column } : {};
  if (typeof version !== 'string') {
    const message = version !== undefined && version !== null
      // `asyncapi: 3` in YAML is a number: the spec wants the full version as a string
      ? `"asyncapi" must be a version string such as "3.0.0", not the ${Array.isArray(version) ? 'list' : typeof version} ${JSON.stringify(version)?.slice(0, 40) ?? ''}`
      : root.openapi !== undefined || root.swagger !== undefined ? 'this is an OpenAPI document, not AsyncAPI' : 'missing "asyncapi" version field: is this an AsyncAPI document?';
    return { ok: false, problems: [{ severity: 'error', message, pointer: '/asyncapi', ...at }] };
  }
  const major = asyncApiMajor(version);
  if (major === undefined) {
    return { ok: false, problems: [{ severity: 'error', message: `AsyncAPI version "${version.slice(0, 40)}" is not supported (2.0–2.6 and 3.0–3.1 are)`, pointer: '/asyncapi', ...at }] };
  }
  const imp = new Importer(src.doc, root, major);
  let topology: Topology | undefined;
  try {
    topology = imp.build();
  } catch (e) {
    if (e instanceof RefError) imp.problem('error', e.pointer, e.message);
    else imp.problem('error', '', `cannot import: ${(e as Error).message}`);
  }
  if (!topology || imp.problems.some((p) => p.severity === 'error')) return { ok: false, problems: imp.problems.filter((p) => p.severity === 'error').concat(imp.problems.filter((p) => p.severity !== 'error')) };
  return { ok: true, topology, problems: imp.problems, version };
}

/** "file:12:5 /channels/orders: message" lines for CLI and UI lists. */
export function formatProblem(p: ImportProblem, file = ''): string {
  const where = p.line !== undefined ? `${file}${file ? ':' : 'line '}${p.line}:${p.column ?? 1}` : file;
  return `${where ? where + ' ' : ''}${p.pointer || '(document)'}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}
