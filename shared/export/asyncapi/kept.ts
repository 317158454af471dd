/**
 * Export of an imported topology: the imported document comes back as it was (servers, ids,
 * versions, summaries, bindings, full schemas, traits, parameters, replies, exchange names,
 * operation ids — everything the model does not use), with what was edited in the app written
 * over it:
 * - a broker node's address, name (3.x title), description and Kafka partitions / replicas /
 *   retention go into its channel and the channel's Kafka binding;
 * - every other setting edited in the app (and a renamed application) rides in
 *   `x-eventflow-nodes` (node id -> the changed settings), which the importer applies again;
 * - a broker node deleted in the app takes its channel and the operations on it along;
 * - nodes added in the app are written as the plain exporter writes them (3.x documents), with
 *   their messages and schemas; in a 2.x document as channels keyed by address with `publish` /
 *   `subscribe` from the application's point of view (addNew2).
 * - connections drawn in the app between a document application and a document channel become
 *   operations (3.x operations, 2.x publish/subscribe).
 * Every such change is listed in `notes` with its JSON pointer: the round-trip checker counts
 * them as explained (roundtrip.ts).
 */
import type { TopologyNode } from '../../model/nodes';
import type { ImportedSource, Topology } from '../../model/topology';
import { X_CHANNEL_NODE, X_NODES, X_OPERATION_LOOP, X_SERVER_TECH, componentKey, technologyOfProtocol } from './conventions';
import { atPointer, isObj } from './refs';
import type { Obj } from './refs';
import { importAsyncApi } from './import';

export interface KeptNote {
  pointer: string;
  message: string;
}

export interface KeptExport {
  document: Obj;
  notes: KeptNote[];
  /** what the export could not write as the app has it (the user must be told) */
  warnings: string[];
}

type BrokerNode = Extract<TopologyNode, { kind: 'topic' | 'queue' | 'bus' }>;

const esc = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function isBroker(n: TopologyNode): n is BrokerNode {
  return n.kind === 'topic' || n.kind === 'queue' || n.kind === 'bus';
}

/** The object a map entry stands for: itself, or the target of its local `$ref` (edited in place). */
function own(doc: Obj, v: unknown): Obj | undefined {
  if (isObj(v) && typeof v.$ref === 'string' && v.$ref.startsWith('#')) {
    const t = atPointer(doc, decodeURIComponent(v.$ref.slice(1)));
    return isObj(t) ? t : undefined;
  }
  return isObj(v) ? v : undefined;
}

function child(o: Obj, key: string): Obj {
  const c = o[key];
  if (isObj(c)) return c;
  const made: Obj = {};
  o[key] = made;
  return made;
}

/**
 * @param plain the plain exporter's document for the same topology (only read for nodes added in
 *   the app); lazily made because most exports have none.
 */
export function exportKept(t: Topology, kept: ImportedSource, plain: () => Obj): KeptExport {
  const doc = clone(kept.document);
  const notes: KeptNote[] = [];
  const warnings: string[] = [];
  const major = kept.version.startsWith('2.') ? 2 : 3;
  const channels = isObj(doc.channels) ? doc.channels : {};
  const overrides: Obj = {};
  const present = new Set(t.nodes.map((n) => n.id));
  const added: TopologyNode[] = [];

  for (const n of t.nodes) {
    const k = kept.nodes[n.id];
    if (!k) {
      added.push(n);
      continue;
    }
    const now = n.settings as Obj;
    const changed: Obj = {};
    for (const key of new Set([...Object.keys(now), ...Object.keys(k.settings)])) if (!same(now[key], k.settings[key])) changed[key] = now[key] ?? null;
    const nameChanged = n.name !== k.name;
    const descriptionChanged = (n.description ?? '') !== (k.description ?? '');
    if (isBroker(n) && k.channel !== undefined && channels[k.channel] !== undefined) {
      const at = `/channels/${esc(k.channel)}`;
      const ch = own(doc, channels[k.channel]);
      if (ch) {
        if (nameChanged && major === 3) {
          ch.title = n.name;
          notes.push({ pointer: `${at}/title`, message: `renamed in the app: "${k.name}" → "${n.name}"` });
        }
        if (descriptionChanged) {
          if (n.description) ch.description = n.description;
          else delete ch.description;
          notes.push({ pointer: `${at}/description`, message: 'description edited in the app' });
        }
        if ('address' in changed && typeof n.settings.address === 'string' && n.settings.address !== '') {
          if (major === 3) {
            ch.address = n.settings.address;
            notes.push({ pointer: `${at}/address`, message: `address edited in the app: "${String(k.settings.address ?? k.channel)}" → "${n.settings.address}"` });
          } else if (channels[n.settings.address] === undefined) {
            // a 2.x channel is named by its address
            channels[n.settings.address] = channels[k.channel];
            delete channels[k.channel];
            notes.push({ pointer: at, message: `address edited in the app: the channel is now "${n.settings.address}"` });
          }
        }
        if (n.kind === 'topic' && n.settings.technology === 'kafka' && ('partitions' in changed || 'replication' in changed || 'retentionHours' in changed)) {
          const kafka = child(child(ch, 'bindings'), 'kafka');
          if ('partitions' in changed) kafka.partitions = n.settings.partitions;
          if ('replication' in changed) kafka.replicas = n.settings.replication;
          if ('retentionHours' in changed) child(kafka, 'topicConfiguration')['retention.ms'] = Math.round(n.settings.retentionHours * 3_600_000);
          notes.push({ pointer: `${at}/bindings/kafka`, message: 'Kafka topic settings edited in the app' });
        }
      }
    }
    const o: Obj = {};
    if (Object.keys(changed).length > 0) o.settings = changed;
    if (nameChanged) o.name = n.name;
    if (descriptionChanged) o.description = n.description ?? '';
    if (Object.keys(o).length > 0) overrides[n.id] = o;
  }

  // broker nodes deleted in the app: their channel and the operations on it go too
  for (const [id, k] of Object.entries(kept.nodes)) {
    if (present.has(id) || k.channel === undefined || channels[k.channel] === undefined) continue;
    delete channels[k.channel];
    notes.push({ pointer: `/channels/${esc(k.channel)}`, message: `"${k.name}" was deleted in the app: its channel is not exported` });
    if (major === 3 && isObj(doc.operations)) {
      for (const [ok, op] of Object.entries(doc.operations)) {
        const o = own(doc, op);
        if (o && isObj(o.channel) && o.channel.$ref === `#/channels/${esc(k.channel)}`) {
          delete doc.operations[ok];
          notes.push({ pointer: `/operations/${esc(ok)}`, message: `its channel "${k.channel}" was deleted in the app: the operation is not exported` });
        }
      }
    }
  }

  removeDeletedConnections(doc, t, kept, major, notes, warnings);
  if (major === 2) addNew2(doc, kept, added, plain(), overrides, notes, warnings);
  else {
    if (added.length > 0) addNew(doc, kept, added, plain(), overrides, notes);
    addEdgeOperations(doc, kept, added, plain(), notes);
  }
  markLoops(doc, t, kept, major, notes);
  if (Object.keys(overrides).length > 0) doc[X_NODES] = overrides;
  return { document: doc, notes, warnings };
}

/**
 * Connections the import made from the document's operations that are no longer in the
 * topology (removed in the app, or their application deleted): the operation goes too, so a
 * re-import does not bring the connection back. A removed connection no operation of its own
 * stands for (a stand-in's, a call's, a reply's) is kept and said in a warning.
 */
function removeDeletedConnections(doc: Obj, t: Topology, kept: ImportedSource, major: 2 | 3, notes: KeptNote[], warnings: string[]): void {
  const original = importAsyncApi(JSON.stringify(kept.document));
  if (!original.ok) return;
  const now = new Set(t.edges.map((e) => `${e.source}|${e.target}`));
  const present = new Set(t.nodes.map((n) => n.id));
  const channels = isObj(doc.channels) ? doc.channels : {};
  const info = isObj(doc.info) ? doc.info : {};
  const defaultApp = slug(typeof info.title === 'string' ? info.title : 'application') || 'application';
  const appOf = (op: Obj): string => (typeof op['x-eventflow-application'] === 'string' && op['x-eventflow-application'] !== '' ? op['x-eventflow-application'].slice(0, 64) : defaultApp);
  const nameOf = (id: string): string => t.nodes.find((n) => n.id === id)?.name ?? kept.nodes[id]?.name ?? id;
  for (const e of original.topology.edges) {
    if (now.has(`${e.source}|${e.target}`)) continue;
    const s = kept.nodes[e.source];
    const d = kept.nodes[e.target];
    // a deleted channel took its operations along already
    let chNode = s?.channel !== undefined ? e.source : d?.channel !== undefined ? e.target : undefined;
    let action: 'send' | 'receive' = chNode === e.target ? 'send' : 'receive';
    let appNode = chNode === e.source ? e.target : e.source;
    if (chNode === undefined && e.kind === 'call') {
      // a call to the stand-in of the responder: the request operation on the channel feeding it
      chNode = original.topology.edges.find((x) => x.target === e.target && kept.nodes[x.source]?.channel !== undefined)?.source;
      action = 'send';
      appNode = e.source;
    }
    if (chNode === undefined || !present.has(chNode)) continue;
    const ck = kept.nodes[chNode]!.channel!;
    const app = kept.nodes[appNode]?.application;
    const what = `the connection "${nameOf(e.source)}" → "${nameOf(e.target)}" was removed in the app`;
    if (channels[ck] === undefined) continue;
    let removed = 0;
    if (app !== undefined && major === 3 && isObj(doc.operations)) {
      for (const [ok, raw] of Object.entries(doc.operations)) {
        const op = own(doc, raw);
        if (!op || op.action !== action || appOf(op) !== app || !isObj(op.channel) || op.channel.$ref !== `#/channels/${esc(ck)}`) continue;
        delete doc.operations[ok];
        removed++;
        notes.push({ pointer: `/operations/${esc(ok)}`, message: `${what}: the operation is not exported` });
      }
    } else if (app !== undefined && major === 2) {
      const ch = own(doc, channels[ck]);
      const verb = action === 'send' ? 'subscribe' : 'publish';
      const op = ch ? own(doc, ch[verb]) : undefined;
      if (ch && op && appOf(op) === app) {
        delete ch[verb];
        removed++;
        notes.push({ pointer: `/channels/${esc(ck)}/${verb}`, message: `${what}: the operation is not exported` });
      }
    }
    if (removed === 0) {
      const why = app === undefined
        ? `"${nameOf(appNode)}" is not an application of the document (the import made it), so no operation of the document can be taken out`
        : `no ${action} operation of "${app}" on "${ck}" stands for it alone (it comes from a request/reply or another operation)`;
      warnings.push(`${what}, but the exported document keeps it: ${why}; a re-import brings it back`);
    }
  }
  // an application deleted in the app: whatever of its operations is left (a dead-letter send, …)
  for (const [id, k] of Object.entries(kept.nodes)) {
    if (present.has(id) || k.application === undefined) continue;
    const why = `"${k.name}" was deleted in the app: its operation is not exported`;
    if (major === 3 && isObj(doc.operations)) {
      for (const [ok, raw] of Object.entries(doc.operations)) {
        const op = own(doc, raw);
        if (op && appOf(op) === k.application) {
          delete doc.operations[ok];
          notes.push({ pointer: `/operations/${esc(ok)}`, message: why });
        }
      }
    } else if (major === 2) {
      for (const [ck, raw] of Object.entries(channels)) {
        const ch = own(doc, raw);
        for (const verb of ['publish', 'subscribe'] as const) {
          const op = ch ? own(doc, ch[verb]) : undefined;
          if (ch && op && appOf(op) === k.application) {
            delete ch[verb];
            notes.push({ pointer: `/channels/${esc(ck)}/${verb}`, message: why });
          }
        }
      }
    }
  }
}

/** Nodes added in the app, written as the plain exporter writes them. */
function addNew(doc: Obj, kept: ImportedSource, added: TopologyNode[], plain: Obj, overrides: Obj, notes: KeptNote[]): void {
  const addedIds = new Set(added.map((n) => n.id));
  const channels = child(doc, 'channels');
  const operations = child(doc, 'operations');
  const pChannels = isObj(plain.channels) ? plain.channels : {};
  // plain channel key -> key in this document
  const keyOf = new Map<string, string>();
  const addedKeys = new Set<string>();
  for (const [pk, pc] of Object.entries(pChannels)) {
    const id = isObj(pc) && isObj(pc[X_CHANNEL_NODE]) ? pc[X_CHANNEL_NODE].id : undefined;
    if (typeof id !== 'string') continue;
    const k = kept.nodes[id]?.channel;
    if (k !== undefined && !addedIds.has(id)) keyOf.set(pk, k);
    else if (addedIds.has(id)) {
      let key = pk;
      for (let i = 2; channels[key] !== undefined; i++) key = `${pk}_${i}`;
      keyOf.set(pk, key);
      addedKeys.add(key);
      channels[key] = rewrite(pc, keyOf);
      notes.push({ pointer: `/channels/${esc(key)}`, message: `channel of "${String(id)}", added in the app` });
    }
  }
  const pOps = isObj(plain.operations) ? plain.operations : {};
  for (const [ok, op] of Object.entries(pOps)) {
    if (!isObj(op)) continue;
    const app = op['x-eventflow-application'];
    const ref = isObj(op.channel) && typeof op.channel.$ref === 'string' ? op.channel.$ref : '';
    const pk = ref.replace(/^#\/channels\//, '');
    if (!(typeof app === 'string' && addedIds.has(app)) && !addedKeys.has(keyOf.get(pk) ?? '')) continue;
    let key = ok;
    for (let i = 2; operations[key] !== undefined; i++) key = `${ok}_${i}`;
    operations[key] = rewrite(op, keyOf);
    notes.push({ pointer: `/operations/${esc(key)}`, message: 'operation of a node added in the app' });
  }
  copyComponents(doc, plain);
  const servers = child(doc, 'servers');
  for (const [k, v] of Object.entries(isObj(plain.servers) ? plain.servers : {})) if (servers[k] === undefined && JSON.stringify(doc).includes(`#/servers/${k}"`)) servers[k] = v;
  overrideAdded(added, overrides);
}

/**
 * The 2.x server of a channel added in the app: none (every server) when the document's servers are
 * of its technology, else a server of that technology as the plain exporter makes it (its local
 * default host, noted), named by the channel's `servers` (2.2+; older 2.x cannot say it: a warning).
 */
function serverFor2(doc: Obj, version: string, plain: Obj, pc: Obj, notes: KeptNote[], warnings: string[], id: string): string | undefined {
  const refs = Array.isArray(pc.servers) ? pc.servers : [];
  const first: unknown = refs[0];
  const pk = isObj(first) && typeof first.$ref === 'string' ? first.$ref.replace(/^#\/servers\//, '') : undefined;
  const ps = pk !== undefined && isObj(plain.servers) ? own(plain, plain.servers[pk]) : undefined;
  const tech = ps ? ps[X_SERVER_TECH] : undefined;
  if (!ps || typeof tech !== 'string') return undefined;
  const servers = isObj(doc.servers) ? doc.servers : {};
  const techOf = (s: Obj): string => (typeof s[X_SERVER_TECH] === 'string' ? s[X_SERVER_TECH] : technologyOfProtocol(typeof s.protocol === 'string' ? s.protocol : ''));
  const same = Object.entries(servers).filter(([, v]) => { const s = own(doc, v); return s !== undefined && techOf(s) === tech; }).map(([k]) => k);
  const all = Object.keys(servers).length;
  if (same.length === all && all > 0) return undefined;
  const minor = Number(/^2\.(\d+)/.exec(version)?.[1] ?? 0);
  if (minor >= 2 && same.length > 0) return same[0];
  if (minor < 2) {
    warnings.push(`"${id}" (${tech}) was added in the app, but AsyncAPI ${version} cannot name a channel's server: the document says it is on its ${all} server(s); the re-import keeps its technology (x-eventflow-node)`);
    return undefined;
  }
  let key = pk!;
  for (let i = 2; servers[key] !== undefined; i++) key = `${pk!}_${i}`;
  const server: Obj = { url: String(ps.host ?? 'localhost'), protocol: String(ps.protocol ?? 'http') };
  if (typeof ps.description === 'string') server.description = ps.description;
  server[X_SERVER_TECH] = tech;
  child(doc, 'servers')[key] = server;
  notes.push({ pointer: `/servers/${esc(key)}`, message: `server for "${id}" (${tech}), added in the app: the default host "${String(ps.host)}", set the real one` });
  // the document's other channels stay on the servers they were on
  for (const [ck, raw] of Object.entries(isObj(doc.channels) ? doc.channels : {})) {
    const c = own(doc, raw);
    if (c && c.servers === undefined && all > 0) {
      c.servers = Object.keys(servers).filter((k) => k !== key);
      notes.push({ pointer: `/channels/${esc(ck)}/servers`, message: `the server "${key}" was added for a channel added in the app: this channel stays on the document's servers` });
    }
  }
  return key;
}

/** The app's settings, name and description of every node added in the app (the importer applies them again). */
function overrideAdded(added: TopologyNode[], overrides: Obj): void {
  for (const n of added) {
    if (n.kind === 'group') continue;
    overrides[n.id] = { settings: clone(n.settings) as Obj, name: n.name, ...(n.description ? { description: n.description } : {}) };
  }
}

/**
 * AsyncAPI 2.x: nodes added in the app and connections drawn in the app, written the 2.x way. A
 * channel is keyed by its address; an operation sits on its channel as `subscribe` (the
 * application sends) or `publish` (it receives), from the application's point of view, with
 * `x-eventflow-application` naming the application and `message` the document's own message of
 * that name (else the plain export's, copied into components). A 2.x channel has one `publish`
 * and one `subscribe`: an operation whose place is taken by another application's is not written,
 * and a warning names it.
 */
function addNew2(doc: Obj, kept: ImportedSource, added: TopologyNode[], plain: Obj, overrides: Obj, notes: KeptNote[], warnings: string[]): void {
  const addedIds = new Set(added.map((n) => n.id));
  const channels = child(doc, 'channels');
  const pChannels = isObj(plain.channels) ? plain.channels : {};
  const info = isObj(doc.info) ? doc.info : {};
  const defaultApp = slug(typeof info.title === 'string' ? info.title : 'application') || 'application';
  const appOf = (op: Obj): string => (typeof op['x-eventflow-application'] === 'string' && op['x-eventflow-application'] !== '' ? op['x-eventflow-application'].slice(0, 64) : defaultApp);
  // plain channel key -> key in this document (a 2.x channel is named by its address)
  const keyOf = new Map<string, string>();
  for (const [pk, pc] of Object.entries(pChannels)) {
    const id = isObj(pc) && isObj(pc[X_CHANNEL_NODE]) ? pc[X_CHANNEL_NODE].id : undefined;
    if (typeof id !== 'string' || !isObj(pc)) continue;
    const k = kept.nodes[id]?.channel;
    if (k !== undefined && !addedIds.has(id)) {
      if (channels[k] !== undefined) keyOf.set(pk, k);
      continue;
    }
    if (!addedIds.has(id)) continue;
    const address = typeof pc.address === 'string' && pc.address !== '' ? pc.address : pk;
    let key = address;
    for (let i = 2; channels[key] !== undefined; i++) key = `${address}_${i}`;
    keyOf.set(pk, key);
    const ch: Obj = {};
    if (typeof pc.description === 'string') ch.description = pc.description;
    const server = serverFor2(doc, kept.version, plain, pc, notes, warnings, id);
    if (server !== undefined) ch.servers = [server];
    if (isObj(pc.bindings)) ch.bindings = clone(pc.bindings);
    ch[X_CHANNEL_NODE] = clone(pc[X_CHANNEL_NODE]);
    channels[key] = ch;
    notes.push({ pointer: `/channels/${esc(key)}`, message: `channel of "${id}", added in the app` });
  }
  // the document's message of an event type: its components.messages entry of that name
  const comps = isObj(doc.components) && isObj(doc.components.messages) ? doc.components.messages : {};
  const messageRef = (type: string): Obj => {
    for (const [k, v] of Object.entries(comps)) {
      const m = own(doc, v);
      if (m && (m.name === type || (m.name === undefined && k === type))) return { $ref: `#/components/messages/${esc(k)}` };
    }
    return { $ref: `#/components/messages/${componentKey(type)}` };
  };
  const keyOfRef = (v: unknown): string | undefined => {
    const ref = isObj(v) && typeof v.$ref === 'string' ? v.$ref : undefined;
    const m = ref === undefined ? null : /^#\/channels\/([^/]+)/.exec(ref);
    return m ? m[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
  };
  let wrote = false;
  for (const [ok, op] of Object.entries(isObj(plain.operations) ? plain.operations : {})) {
    if (!isObj(op)) continue;
    const nodeId = op['x-eventflow-application'];
    const pk = keyOfRef(op.channel);
    const ck = pk === undefined ? undefined : keyOf.get(pk);
    if (typeof nodeId !== 'string' || ck === undefined) continue;
    // an application of the document or one added in the app (stand-ins the import made add nothing)
    const app = addedIds.has(nodeId) ? nodeId : kept.nodes[nodeId]?.application;
    if (app === undefined) continue;
    const ch = own(doc, channels[ck]);
    if (!ch) continue;
    const verb = op.action === 'send' ? 'subscribe' : 'publish';
    const there = own(doc, ch[verb]);
    if (there) {
      if (appOf(there) !== app) warnings.push(`"${nodeId}" ${String(op.action)}s on "${ck}", but the channel's ${verb} belongs to "${appOf(there)}" and an AsyncAPI 2.x channel has one ${verb}: the connection is not written to the document (a re-import does not have it)`);
      continue;
    }
    const pChannel = pk === undefined ? undefined : own(plain, pChannels[pk]);
    const types = Array.isArray(op.messages)
      ? op.messages.map((m) => (isObj(m) && typeof m.$ref === 'string' ? m.$ref.split('/').pop() : undefined)).filter((x): x is string => x !== undefined)
      : Object.keys(isObj(pChannel?.messages) ? pChannel.messages : {});
    const names = types.map((k) => {
      const m = isObj(plain.components) && isObj(plain.components.messages) ? own(plain, plain.components.messages[k]) : undefined;
      return m && typeof m.name === 'string' ? m.name : k;
    });
    const o: Obj = { operationId: ok };
    if (typeof op.title === 'string') o.summary = op.title;
    if (names.length === 1) o.message = messageRef(names[0]!);
    else if (names.length > 1) o.message = { oneOf: names.map(messageRef) };
    if (isObj(op.bindings)) o.bindings = clone(op.bindings);
    o['x-eventflow-application'] = app;
    if (Array.isArray(op['x-eventflow-conditions'])) o['x-eventflow-conditions'] = clone(op['x-eventflow-conditions']);
    ch[verb] = o;
    wrote = true;
    notes.push({ pointer: `/channels/${esc(ck)}/${verb}`, message: `"${app}" ${String(op.action)}s on "${ck}": ${addedIds.has(nodeId) ? 'added' : 'connection drawn'} in the app` });
  }
  if (wrote) copyComponents(doc, plain);
  overrideAdded(added, overrides);
}

/**
 * Connections drawn in the app between a document application and a document channel: a send or
 * receive the document does not have yet becomes an operation (as the plain exporter writes it).
 * What the document has already (its operations, and their replies in the other direction) is not
 * touched; stand-ins made by the import are not the document's applications and add nothing.
 */
function addEdgeOperations(doc: Obj, kept: ImportedSource, added: TopologyNode[], plain: Obj, notes: KeptNote[]): void {
  const addedIds = new Set(added.map((n) => n.id));
  const nodeOfApp = new Map(Object.entries(kept.nodes).filter(([, k]) => k.application !== undefined).map(([id, k]) => [k.application!, id]));
  if (nodeOfApp.size === 0) return;
  const info = isObj(doc.info) ? doc.info : {};
  const defaultApp = slug(typeof info.title === 'string' ? info.title : 'application') || 'application';
  const keyOfRef = (v: unknown): string | undefined => {
    const ref = isObj(v) && typeof v.$ref === 'string' ? v.$ref : undefined;
    const m = ref === undefined ? null : /^#\/channels\/([^/]+)$/.exec(ref);
    return m ? m[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
  };
  const operations = child(doc, 'operations');
  const have = new Set<string>();
  for (const raw of Object.values(operations)) {
    const op = own(doc, raw);
    if (!op) continue;
    const app = typeof op['x-eventflow-application'] === 'string' ? op['x-eventflow-application'] : defaultApp;
    const node = nodeOfApp.get(app);
    const ck = keyOfRef(op.channel);
    if (node === undefined || ck === undefined) continue;
    have.add(`${node}|${String(op.action)}|${ck}`);
    const reply = own(doc, op.reply);
    const rk = reply ? keyOfRef(reply.channel) : undefined;
    if (rk !== undefined) have.add(`${node}|${op.action === 'send' ? 'receive' : 'send'}|${rk}`);
  }
  // plain channel key -> document channel key, for channels the document has
  const keyOf = new Map<string, string>();
  for (const [pk, pc] of Object.entries(isObj(plain.channels) ? plain.channels : {})) {
    const id = isObj(pc) && isObj(pc[X_CHANNEL_NODE]) ? pc[X_CHANNEL_NODE].id : undefined;
    const k = typeof id === 'string' && !addedIds.has(id) ? kept.nodes[id]?.channel : undefined;
    if (k !== undefined && isObj(doc.channels) && doc.channels[k] !== undefined) keyOf.set(pk, k);
  }
  for (const [ok, op] of Object.entries(isObj(plain.operations) ? plain.operations : {})) {
    if (!isObj(op)) continue;
    const app = op['x-eventflow-application'];
    const pk = keyOfRef(op.channel);
    const ck = pk === undefined ? undefined : keyOf.get(pk);
    if (typeof app !== 'string' || addedIds.has(app) || kept.nodes[app]?.application === undefined || ck === undefined) continue;
    const pair = `${app}|${String(op.action)}|${ck}`;
    if (have.has(pair)) continue;
    have.add(pair);
    let key = ok;
    for (let i = 2; operations[key] !== undefined; i++) key = `${ok}_${i}`;
    const copy = rewrite(op, keyOf) as Obj;
    operations[key] = copy;
    notes.push({ pointer: `/operations/${esc(key)}`, message: `"${app}" ${String(op.action)}s on "${ck}": connection drawn in the app` });
    // the messages it names must be on the document's channel
    const channel = own(doc, (doc.channels as Obj)[ck]);
    const pChannel = isObj(plain.channels) ? own(plain, plain.channels[pk!]) : undefined;
    for (const m of Array.isArray(copy.messages) ? copy.messages : []) {
      const name = isObj(m) && typeof m.$ref === 'string' ? m.$ref.split('/').pop() : undefined;
      if (!channel || name === undefined) continue;
      const msgs = child(channel, 'messages');
      if (msgs[name] === undefined && isObj(pChannel?.messages)) {
        msgs[name] = pChannel.messages[name];
        notes.push({ pointer: `/channels/${esc(ck)}/messages/${esc(name)}`, message: 'message of a connection drawn in the app' });
      }
    }
    copyComponents(doc, plain);
  }
}

/**
 * A receive the topology has on a channel where the same application also sends (a loop drawn in
 * the app): the import would break it as a self-loop (import.ts breakSelfLoops), so the receive
 * operation (2.x `publish`) is marked `x-eventflow-loop` and the import keeps it.
 */
function markLoops(doc: Obj, t: Topology, kept: ImportedSource, major: 2 | 3, notes: KeptNote[]): void {
  const typesOf = new Map<string, readonly string[]>();
  for (const e of t.edges) typesOf.set(`${e.kind === 'route' ? 'subscribe' : e.kind}|${e.source}|${e.target}`, e.eventTypes);
  // the import breaks a receive and a send of the same application on one channel when they share
  // a message (an empty list is every message)
  const overlap = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
    a !== undefined && b !== undefined && (a.length === 0 || b.length === 0 || a.some((x) => b.includes(x)));
  const info = isObj(doc.info) ? doc.info : {};
  const defaultApp = slug(typeof info.title === 'string' ? info.title : 'application') || 'application';
  const appOf = (op: Obj): string => (typeof op['x-eventflow-application'] === 'string' && op['x-eventflow-application'] !== '' ? op['x-eventflow-application'].slice(0, 64) : defaultApp);
  const present = new Set(t.nodes.map((n) => n.id));
  // the document's application -> node id (nodes added in the app are their own application)
  const nodeOfApp = new Map<string, string>();
  for (const [id, k] of Object.entries(kept.nodes)) if (k.application !== undefined) nodeOfApp.set(k.application, id);
  for (const id of present) if (kept.nodes[id] === undefined) nodeOfApp.set(id, id);
  const channels = isObj(doc.channels) ? doc.channels : {};
  const nodeOfChannel = (ck: string): string | undefined => {
    for (const [id, k] of Object.entries(kept.nodes)) if (k.channel === ck) return id;
    const ch = own(doc, channels[ck]);
    const x = ch && isObj(ch[X_CHANNEL_NODE]) ? ch[X_CHANNEL_NODE].id : undefined;
    return typeof x === 'string' ? x : undefined;
  };
  const loop = (app: string, ck: string): boolean => {
    const a = nodeOfApp.get(app);
    const c = nodeOfChannel(ck);
    return a !== undefined && c !== undefined && present.has(a) && present.has(c) && overlap(typesOf.get(`publish|${a}|${c}`), typesOf.get(`subscribe|${c}|${a}`));
  };
  const mark = (op: Obj, pointer: string, app: string, ck: string): void => {
    if (op[X_OPERATION_LOOP] === true) return;
    op[X_OPERATION_LOOP] = true;
    notes.push({ pointer: `${pointer}/${X_OPERATION_LOOP}`, message: `"${app}" receives on "${ck}" where it also sends: a loop drawn in the app, marked so the import keeps it` });
  };
  if (major === 3) {
    for (const [ok, raw] of Object.entries(isObj(doc.operations) ? doc.operations : {})) {
      const op = own(doc, raw);
      const ref = op && isObj(op.channel) && typeof op.channel.$ref === 'string' ? /^#\/channels\/([^/]+)$/.exec(op.channel.$ref) : null;
      const ck = ref ? ref[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
      if (op && op.action === 'receive' && ck !== undefined && loop(appOf(op), ck)) mark(op, `/operations/${esc(ok)}`, appOf(op), ck);
    }
  } else {
    for (const [ck, raw] of Object.entries(channels)) {
      const ch = own(doc, raw);
      const pub = ch ? own(doc, ch.publish) : undefined;
      const sub = ch ? own(doc, ch.subscribe) : undefined;
      if (pub && sub && appOf(pub) === appOf(sub) && loop(appOf(pub), ck)) mark(pub, `/channels/${esc(ck)}/publish`, appOf(pub), ck);
    }
  }
}

/** Messages, schemas, correlation ids and servers of the plain export that the document now refers to but lacks. */
function copyComponents(doc: Obj, plain: Obj): void {
  const components = child(doc, 'components');
  const pComp = isObj(plain.components) ? plain.components : {};
  // twice: a message just copied refers to its payload schema
  for (let pass = 0; pass < 2; pass++) {
    const text = JSON.stringify(doc);
    for (const section of ['messages', 'schemas', 'correlationIds']) {
      const from = isObj(pComp[section]) ? pComp[section] : {};
      for (const [k, v] of Object.entries(from)) {
        if (!text.includes(`#/components/${section}/${k}"`)) continue;
        const cur = components[section];
        if (isObj(cur) && cur[k] !== undefined) continue;
        child(components, section)[k] = v;
      }
    }
  }
}

/** the importer's application id rule (import.ts slug) */
function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56);
}

/** A copy of a plain-export part with its `#/channels/KEY…` references pointing at this document's keys. */
function rewrite(v: unknown, keyOf: Map<string, string>): unknown {
  return JSON.parse(JSON.stringify(v), (k, x: unknown) => {
    if (k !== '$ref' || typeof x !== 'string') return x;
    const m = /^#\/channels\/([^/]+)(.*)$/.exec(x);
    if (!m) return x;
    const to = keyOf.get(m[1]!);
    return to === undefined ? x : `#/channels/${esc(to)}${m[2]}`;
  }) as unknown;
}

export interface ServiceDocuments {
  /** node id -> that application's part of the kept document */
  documents: Map<string, Obj>;
  warnings: string[];
}

/** sections of components kept by reference; the rest (2.x securitySchemes are named, not `$ref`'d) stays whole */
const PRUNED_SECTIONS = new Set(['messages', 'schemas', 'parameters', 'channels', 'operations', 'replies', 'replyAddresses', 'messageTraits', 'operationTraits', 'correlationIds',
  'serverBindings', 'channelBindings', 'operationBindings', 'messageBindings', 'serverVariables', 'tags', 'externalDocs', 'servers']);

/** `#/components/SECTION/KEY` entries reachable from `start` (JSON text), following the components' own references. */
function reachableComponents(doc: Obj, start: string): Set<string> {
  const components = isObj(doc.components) ? doc.components : {};
  const seen = new Set<string>();
  let todo = [start];
  while (todo.length > 0) {
    const next: string[] = [];
    for (const text of todo) {
      for (const m of text.matchAll(/"#\/components\/([^/"]+)\/([^/"]+)/g)) {
        const id = `${m[1]!}/${m[2]!}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const section = components[m[1]!];
        const key = m[2]!.replace(/~1/g, '/').replace(/~0/g, '~');
        if (isObj(section) && section[key] !== undefined) next.push(JSON.stringify(section[key]));
      }
    }
    todo = next;
  }
  return seen;
}

/**
 * `--per-service` export of an imported topology: each application's document is the kept
 * document (with the app's edits) cut down to what belongs to that application — its
 * operations (3.x) or publish/subscribe (2.x), the channels they are on (replies included), the
 * servers of those channels, and the components they reference. `info`, `id`, tags and the
 * other document-wide parts go into each. Parts that belong to no exported application are named
 * in a warning. Applications with no operation in the document (stand-ins the import made) get
 * no kept part: the caller writes them as the plain exporter does.
 */
export function perServiceKept(whole: Obj, kept: ImportedSource, apps: readonly TopologyNode[]): ServiceDocuments {
  const major = kept.version.startsWith('2.') ? 2 : 3;
  const info = isObj(whole.info) ? whole.info : {};
  const defaultApp = slug(typeof info.title === 'string' ? info.title : 'application') || 'application';
  const appOf = (op: Obj): string => (typeof op['x-eventflow-application'] === 'string' && op['x-eventflow-application'] !== '' ? op['x-eventflow-application'].slice(0, 64) : defaultApp);
  const channels = isObj(whole.channels) ? whole.channels : {};
  const operations = isObj(whole.operations) ? whole.operations : {};
  const documents = new Map<string, Obj>();
  const usedChannels = new Set<string>();
  const usedOps = new Set<string>();
  const usedVerbs = new Set<string>();
  const everywhere = reachableComponents(whole, JSON.stringify({ ...whole, components: undefined }));
  for (const n of apps) {
    const app = kept.nodes[n.id]?.application ?? n.id;
    const doc = clone(whole);
    const dChannels = isObj(doc.channels) ? doc.channels : {};
    let mine = 0;
    if (major === 3) {
      const dOps = isObj(doc.operations) ? doc.operations : {};
      for (const [ok, raw] of Object.entries(operations)) {
        const op = own(whole, raw);
        if (op && appOf(op) === app) {
          mine++;
          usedOps.add(ok);
        } else delete dOps[ok];
      }
      const text = JSON.stringify(dOps);
      for (const ck of Object.keys(channels)) {
        if (text.includes(`"#/channels/${esc(ck)}"`) || text.includes(`"#/channels/${esc(ck)}/`)) usedChannels.add(ck);
        else delete dChannels[ck];
      }
    } else {
      for (const [ck, raw] of Object.entries(channels)) {
        const ch = own(whole, raw);
        const dch = own(doc, dChannels[ck]);
        let here = 0;
        for (const verb of ['publish', 'subscribe'] as const) {
          const op = ch ? own(whole, ch[verb]) : undefined;
          if (!op) continue;
          if (appOf(op) === app) {
            here++;
            usedVerbs.add(`${ck}|${verb}`);
          } else if (dch) delete dch[verb];
        }
        if (here > 0) {
          mine += here;
          usedChannels.add(ck);
        } else delete dChannels[ck];
      }
    }
    if (mine === 0) continue;
    // servers: those the kept channels name (a channel that names none is on every server)
    if (isObj(doc.servers)) {
      const named = Object.values(dChannels).map((c) => own(doc, c)).map((c) => (c && Array.isArray(c.servers) ? c.servers : undefined));
      if (!named.some((s) => s === undefined)) {
        const text = JSON.stringify(named);
        for (const sk of Object.keys(doc.servers)) if (!text.includes(`"#/servers/${esc(sk)}"`) && !text.includes(`"${sk}"`)) delete doc.servers[sk];
      }
    }
    // components: what the application's parts reference; what nothing references stays
    if (isObj(doc.components)) {
      const reached = reachableComponents(doc, JSON.stringify({ ...doc, components: undefined }));
      for (const [section, entries] of Object.entries(doc.components)) {
        if (!PRUNED_SECTIONS.has(section) || !isObj(entries)) continue;
        for (const key of Object.keys(entries)) {
          const id = `${section}/${esc(key)}`;
          if (!reached.has(id) && everywhere.has(id)) delete entries[key];
        }
        if (Object.keys(entries).length === 0) delete doc.components[section];
      }
    }
    // edits of nodes that are not in this document
    const edits = doc[X_NODES];
    if (isObj(edits)) {
      const channelIds = new Set(Object.values(dChannels).map((c) => own(doc, c)).map((c) => (c && isObj(c[X_CHANNEL_NODE]) ? c[X_CHANNEL_NODE].id : undefined)));
      for (const id of Object.keys(edits)) {
        const k = kept.nodes[id];
        if (id !== n.id && !(k?.channel !== undefined && dChannels[k.channel] !== undefined) && !channelIds.has(id)) delete edits[id];
      }
      if (Object.keys(edits).length === 0) delete doc[X_NODES];
    }
    documents.set(n.id, doc);
  }
  const warnings: string[] = [];
  const leftChannels = Object.keys(channels).filter((ck) => !usedChannels.has(ck));
  const leftOps = major === 3
    ? Object.keys(operations).filter((ok) => !usedOps.has(ok)).map((ok) => `/operations/${esc(ok)}`)
    : Object.entries(channels).flatMap(([ck, raw]) => (['publish', 'subscribe'] as const).filter((v) => { const ch = own(whole, raw); return ch !== undefined && ch[v] !== undefined && !usedVerbs.has(`${ck}|${v}`); }).map((v) => `/channels/${esc(ck)}/${v}`));
  if (documents.size > 0) {
    if (leftChannels.length > 0) warnings.push(`per-service export: ${leftChannels.length} channel(s) of the imported document have no operation of an exported application and are in no document: ${leftChannels.slice(0, 20).map((c) => `/channels/${esc(c)}`).join(', ')}${leftChannels.length > 20 ? ` and ${leftChannels.length - 20} more` : ''}`);
    if (leftOps.length > 0) warnings.push(`per-service export: ${leftOps.length} operation(s) of the imported document belong to no exported application and are in no document: ${leftOps.slice(0, 20).join(', ')}${leftOps.length > 20 ? ` and ${leftOps.length - 20} more` : ''}`);
  }
  return { documents, warnings };
}
