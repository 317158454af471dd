/**
 * Parts of an AsyncAPI document the topology model has no field for. The topology keeps the
 * document (Topology.imported) and export writes them back (kept.ts), but the simulation does
 * not use them: the import names each one with its JSON pointer so nobody expects it to.
 */
import { isObj } from './refs';
import type { Obj } from './refs';

export interface Dropped {
  pointer: string;
  message: string;
}

const esc = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');

export function droppedParts(root: Obj, major: 2 | 3): Dropped[] {
  const out: Dropped[] = [];
  const drop = (pointer: string, what: string): void => { out.push({ pointer, message: `kept for export, not used by the simulation: ${what}` }); };
  if (typeof root.id === 'string') drop('/id', `id "${root.id.slice(0, 80)}"`);
  const info = isObj(root.info) ? root.info : {};
  if (typeof info.version === 'string') drop('/info/version', `info.version "${info.version.slice(0, 40)}"`);
  for (const [k, s] of Object.entries(isObj(root.servers) ? root.servers : {})) {
    if (!isObj(s)) continue;
    const at = `/servers/${esc(k)}`;
    const where = typeof s.url === 'string' ? s.url : typeof s.host === 'string' ? `${s.host}${typeof s.pathname === 'string' ? s.pathname : ''}` : '';
    drop(at, `server "${k}" (${String(s.protocol ?? '?')}${where ? ` at ${where.slice(0, 120)}` : ''}); only its broker technology is used`);
    if (s.protocolVersion !== undefined) drop(`${at}/protocolVersion`, `protocolVersion ${JSON.stringify(s.protocolVersion)}`);
  }
  for (const [k, c] of Object.entries(isObj(root.channels) ? root.channels : {})) {
    if (!isObj(c)) continue;
    const at = `/channels/${esc(k)}`;
    if (isObj(c.parameters)) for (const p of Object.keys(c.parameters)) drop(`${at}/parameters/${esc(p)}`, `channel parameter "${p}" (the address keeps "{${p}}" as text)`);
    if (major === 3 && c.address === null) drop(`${at}/address`, 'a dynamic (null) address: the channel is named by its key');
    const amqp = isObj(c.bindings) && isObj(c.bindings.amqp) ? c.bindings.amqp : undefined;
    if (amqp && isObj(amqp.exchange) && typeof amqp.exchange.name === 'string') drop(`${at}/bindings/amqp/exchange`, `AMQP exchange "${amqp.exchange.name.slice(0, 80)}" (${String(amqp.exchange.type ?? '')})`);
    if (major === 2) for (const verb of ['publish', 'subscribe']) if (isObj(c[verb])) operation(`${at}/${verb}`, c[verb] as Obj, (c[verb] as Obj).operationId);
  }
  if (major === 3) for (const [k, op] of Object.entries(isObj(root.operations) ? root.operations : {})) if (isObj(op)) operation(`/operations/${esc(k)}`, op, k);
  for (const [k, m] of Object.entries(isObj(root.components) && isObj(root.components.messages) ? root.components.messages : {})) {
    if (!isObj(m)) continue;
    const at = `/components/messages/${esc(k)}`;
    if (m.headers !== undefined) drop(`${at}/headers`, `headers schema of "${k}"`);
    if (Array.isArray(m.traits)) drop(`${at}/traits`, `message traits of "${k}" (their headers)`);
    if (isObj(m.bindings) && isObj(m.bindings.kafka) && m.bindings.kafka.key !== undefined) drop(`${at}/bindings/kafka/key`, `Kafka message key schema of "${k}"`);
    if (m.payload !== undefined) drop(`${at}/payload`, `payload schema of "${k}" beyond its top-level field names and types ($ref, nested objects, array items, enum, format, pattern)`);
  }
  return out;

  function operation(at: string, op: Obj, id: unknown): void {
    if (typeof id === 'string') drop(at, `operation id "${id.slice(0, 80)}"`);
    if (typeof op.summary === 'string') drop(`${at}/summary`, 'operation summary');
    if (isObj(op.reply) && op.reply.address !== undefined) drop(`${at}/reply/address`, 'reply address (e.g. the replyTo header)');
  }
}
