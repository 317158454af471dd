/**
 * Property: random valid AsyncAPI documents (2.x and 3.0; servers, channels with parameters and
 * bindings, send/receive operations with alternatives, replies, messages with nested payload
 * schemas, enums, formats, traits) import without an error and round-trip without an
 * unexplained loss.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Obj } from './refs';
import { roundtripAsyncApi } from './roundtrip';

const ident = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/);
const leaf: fc.Arbitrary<Obj> = fc.oneof(
  fc.constant({ type: 'string' }),
  fc.record({ type: fc.constant('string'), format: fc.constantFrom('uuid', 'date-time', 'email', 'uri') }),
  fc.record({ type: fc.constant('string'), enum: fc.uniqueArray(ident, { minLength: 1, maxLength: 4 }) }),
  fc.record({ type: fc.constant('string'), pattern: fc.constantFrom('^[A-Z]{3}$', '^[0-9]+$') }),
  fc.record({ type: fc.constantFrom('integer', 'number'), minimum: fc.integer({ min: 0, max: 10 }) }),
  fc.constant({ type: 'boolean' }),
);
const schema: fc.Arbitrary<Obj> = fc.oneof(
  leaf,
  fc.dictionary(ident, leaf, { minKeys: 1, maxKeys: 4 }).map((properties) => ({ type: 'object', properties })),
  leaf.map((items) => ({ type: 'array', items })),
);
const payload = fc.dictionary(ident, schema, { minKeys: 0, maxKeys: 5 }).map((properties) => ({ type: 'object', properties }));

interface Shape {
  major: 2 | 3;
  yaml: boolean;
  protocol: string;
  channels: { key: string; params: boolean; partitions: number | null; messages: { name: string; payload: Obj; trait: boolean }[]; action: 'send' | 'receive'; reply: boolean; summary: string | null }[];
}

const shape: fc.Arbitrary<Shape> = fc.record({
  major: fc.constantFrom(2 as const, 3 as const),
  yaml: fc.boolean(),
  protocol: fc.constantFrom('kafka', 'amqp', 'mqtt', 'ws', 'https', 'sqs', 'sns'),
  channels: fc.uniqueArray(fc.record({
    key: ident,
    params: fc.boolean(),
    partitions: fc.option(fc.integer({ min: 1, max: 64 })),
    messages: fc.uniqueArray(fc.record({ name: ident.map((s) => `M${s}`), payload, trait: fc.boolean() }), { minLength: 1, maxLength: 3, selector: (m) => m.name }),
    action: fc.constantFrom('send' as const, 'receive' as const),
    reply: fc.boolean(),
    summary: fc.option(fc.string({ maxLength: 30 })),
  }), { minLength: 1, maxLength: 6, selector: (c) => c.key }),
});

function documentOf(s: Shape): Obj {
  // message names are unique across the document (one event type per name)
  const seen = new Set<string>();
  const messages: Obj = {};
  const channels: Obj = {};
  const operations: Obj = {};
  for (const c of s.channels) {
    const own = c.messages.filter((m) => !seen.has(m.name));
    if (own.length === 0) continue;
    for (const m of own) {
      seen.add(m.name);
      messages[m.name] = { name: m.name, payload: m.payload, ...(m.trait ? { traits: [{ $ref: '#/components/messageTraits/Common' }] } : {}) };
    }
    const address = c.params ? `${c.key}/{region}` : c.key;
    const bindings = c.partitions !== null && s.protocol === 'kafka' ? { kafka: { partitions: c.partitions, bindingVersion: '0.4.0' } } : undefined;
    const parameters = c.params ? { region: s.major === 3 ? { description: 'region' } : { schema: { type: 'string' } } } : undefined;
    if (s.major === 3) {
      channels[c.key] = { address, messages: Object.fromEntries(own.map((m) => [m.name, { $ref: `#/components/messages/${m.name}` }])), ...(parameters ? { parameters } : {}), ...(bindings ? { bindings } : {}) };
      operations[`${c.action}${c.key}`] = {
        action: c.action, channel: { $ref: `#/channels/${c.key}` },
        ...(c.summary !== null ? { summary: c.summary } : {}),
        ...(c.reply && c.action === 'receive' ? { reply: { address: { location: '$message.header#/replyTo' } } } : {}),
      };
    } else {
      const verb = c.action === 'send' ? 'subscribe' : 'publish';
      const message = own.length === 1 ? { $ref: `#/components/messages/${own[0]!.name}` } : { oneOf: own.map((m) => ({ $ref: `#/components/messages/${m.name}` })) };
      channels[address] = { ...(parameters ? { parameters } : {}), ...(bindings ? { bindings } : {}), [verb]: { operationId: `${c.action}${c.key}`, ...(c.summary !== null ? { summary: c.summary } : {}), message } };
    }
  }
  const server = s.major === 3 ? { host: `${s.protocol}.example:1234`, protocol: s.protocol } : { url: `${s.protocol}://broker.example:1234`, protocol: s.protocol };
  return {
    asyncapi: s.major === 3 ? '3.0.0' : '2.6.0',
    id: 'urn:example:random',
    info: { title: 'Random App', version: '1.0.0' },
    servers: { main: server },
    channels,
    ...(s.major === 3 ? { operations } : {}),
    components: { messages, messageTraits: { Common: { headers: { type: 'object', properties: { tenant: { type: 'string' } } } } } },
  };
}

describe('property: random valid documents round-trip', () => {
  it('import has no error and the round trip no unexplained loss', () => {
    fc.assert(fc.property(shape, (s) => {
      const doc = documentOf(s);
      const text = s.yaml ? stringify(doc) : JSON.stringify(doc, null, 2);
      const r = roundtripAsyncApi(text);
      if (!r.ok) throw new Error(r.problems.filter((p) => p.severity === 'error').map((p) => `${p.pointer}: ${p.message}`).join('\n'));
      expect(r.report.differences.filter((d) => d.change !== 'added' && !d.explanation)).toEqual([]);
      expect(r.report.kept).toBe(r.report.constructs);
      expect(r.report.added).toBe(0);
    }), { numRuns: 80, seed: 13 });
  });
});
