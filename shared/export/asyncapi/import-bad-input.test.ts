import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseTopologyText } from '../../model/validate';
import { checkout } from '../test-support/topologies';
import { topologyJson } from '../topology-json';
import { exportAsyncApi } from './export';
import { importAsyncApi } from './import';
import type { AsyncApiImportResult } from './import';

const fixtures = path.resolve(__dirname, '../../../tests/fixtures/asyncapi');
const kafka = readFileSync(path.join(fixtures, 'kafka-orders.asyncapi.yaml'), 'utf8');
const reqReply = readFileSync(path.join(fixtures, 'request-reply.asyncapi.json'), 'utf8');

function errors(r: AsyncApiImportResult): { message: string; pointer: string; line?: number }[] {
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems.filter((p) => p.severity === 'error');
}

describe('AsyncAPI import refuses bad input with a clear error and its place', () => {
  it('malformed YAML names the line', () => {
    const [e] = errors(importAsyncApi('asyncapi: 3.0.0\ninfo:\n  title: [unclosed\n  version: 1\n'));
    expect(e!.message).toMatch(/malformed YAML/);
    expect(e!.line).toBeGreaterThanOrEqual(3);
  });

  it('malformed JSON names the line', () => {
    const [e] = errors(importAsyncApi('{\n  "asyncapi": "3.0.0",\n  "info": {,}\n}'));
    expect(e!.message).toMatch(/malformed JSON/);
    expect(e!.line).toBe(3);
  });

  it('unknown or missing versions', () => {
    expect(errors(importAsyncApi('asyncapi: 4.0.0\nchannels: {}\n'))[0]).toMatchObject({ pointer: '/asyncapi', line: 1, message: expect.stringMatching(/version "4.0.0" is not supported/) });
    expect(errors(importAsyncApi('openapi: 3.1.0\n'))[0]!.message).toMatch(/OpenAPI/);
    expect(errors(importAsyncApi('- a\n- b\n'))[0]!.message).toMatch(/object/);
    expect(errors(importAsyncApi('   '))[0]!.message).toMatch(/empty/);
  });

  it('unresolved, circular and external $refs name the $ref', () => {
    const unresolved = kafka.replace("$ref: '#/components/schemas/OrderPlaced'", "$ref: '#/components/schemas/Nope'");
    const [u] = errors(importAsyncApi(unresolved));
    expect(u).toMatchObject({ pointer: '/components/messages/OrderPlaced/payload/$ref', message: expect.stringMatching(/unresolved reference "#\/components\/schemas\/Nope"/) });
    expect(u!.line).toBeGreaterThan(60);

    const circular = kafka.replace("$ref: '#/components/messages/OrderPlaced'", "$ref: '#/channels/orders/messages/OrderPlaced'");
    expect(errors(importAsyncApi(circular))[0]!.message).toMatch(/circular reference/);

    const external = kafka.replace("$ref: '#/components/schemas/OrderPlaced'", "$ref: '../../etc/passwd#/x'");
    expect(errors(importAsyncApi(external))[0]).toMatchObject({ message: expect.stringMatching(/external reference .* not supported/), pointer: '/components/messages/OrderPlaced/payload/$ref' });
  });

  it('recursive payload schemas are fine (refs are followed lazily)', () => {
    const r = importAsyncApi(kafka);
    expect(r.ok).toBe(true);
  });

  it('gigantic, deeply nested and alias-bomb documents are refused', () => {
    expect(errors(importAsyncApi('asyncapi: 3.0.0\n#' + 'x'.repeat(6 * 1024 * 1024)))[0]!.message).toMatch(/limit is 2 MB for YAML/);
    expect(errors(importAsyncApi('{"asyncapi":"3.0.0","x":' + '['.repeat(5000) + ']'.repeat(5000) + '}'))[0]!.message).toMatch(/nests deeper than 64/);
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    expect(errors(importAsyncApi('asyncapi: 3.0.0\n' + bomb.join('\n') + '\n'))[0]!.message).toMatch(/alias|values/i);
    const wide = { asyncapi: '3.0.0', info: { title: 'x', version: '1' }, channels: Object.fromEntries(Array.from({ length: 70_000 }, (_, i) => [`c${i}`, { address: `c${i}`, title: 'x' }])) };
    expect(errors(importAsyncApi(JSON.stringify(wide)))[0]!.message).toMatch(/more than 200000 values/);
  });

  it('a document without channels, or with an operation on a non-channel, is refused with the place', () => {
    expect(errors(importAsyncApi('asyncapi: 3.0.0\ninfo: {title: x, version: "1"}\n'))[0]).toMatchObject({ pointer: '/channels' });
    const doc = JSON.parse(reqReply) as { operations: { authorize: { channel: unknown } } };
    doc.operations.authorize.channel = { $ref: '#/components/messages/AuthorizePayment' };
    expect(errors(importAsyncApi(JSON.stringify(doc, null, 2)))[0]).toMatchObject({ pointer: '/operations/authorize/channel', line: expect.any(Number) });
  });

  it('hostile names stay data: ids are sanitized, names kept as text', () => {
    const doc = JSON.parse(reqReply) as { info: { title: string }; channels: Record<string, unknown> };
    doc.info.title = '<script>alert(1)</script> ../../etc';
    doc.channels['../../evil <img src=x onerror=alert(1)>'] = { address: '<b>x</b>', messages: {} };
    const r = importAsyncApi(JSON.stringify(doc));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.topology.nodes.every((n) => /^[A-Za-z0-9_.:-]+$/.test(n.id))).toBe(true);
    expect(r.topology.nodes.map((n) => n.name)).toContain('<b>x</b>');
    expect(r.topology.name).toBe('<script>alert(1)</script> ../../etc');
  });
});

describe('property: mutated documents never crash or hang the importer', () => {
  const seeds = [kafka, reqReply, stringify(exportAsyncApi(checkout()).documents[0]!.document), readFileSync(path.join(fixtures, 'amqp-shipping.asyncapi.yaml'), 'utf8')];
  const mutation = fc.record({
    seed: fc.nat({ max: seeds.length - 1 }),
    at: fc.nat(),
    len: fc.nat({ max: 40 }),
    insert: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('$ref: "#/x"', '{', '[', ']', '}', ':', '\n  - ', '&a', '*a', '"', "'", '\t', '#/components', '3.0.0', '2.6.0', 'null', '~')),
  });

  it('text mutations: a result with problems, never an exception', () => {
    fc.assert(fc.property(mutation, ({ seed, at, len, insert }) => {
      const text = seeds[seed]!;
      const i = at % (text.length + 1);
      const mutated = text.slice(0, i) + insert + text.slice(i + len);
      const r = importAsyncApi(mutated);
      if (!r.ok) {
        expect(r.problems.length).toBeGreaterThan(0);
        for (const p of r.problems) expect(typeof p.message === 'string' && p.message.length > 0).toBe(true);
      } else {
        expect(r.topology.nodes.length).toBeGreaterThan(0);
      }
    }), { numRuns: 300 });
  });

  it('structural mutations (values replaced by anything JSON): never an exception', () => {
    const base = JSON.parse(JSON.stringify(exportAsyncApi(checkout()).documents[0]!.document)) as Record<string, unknown>;
    const paths: string[][] = [];
    const walk = (v: unknown, p: string[]): void => {
      if (p.length > 0) paths.push(p);
      if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...p, k]);
    };
    walk(base, []);
    fc.assert(fc.property(fc.nat({ max: paths.length - 1 }), fc.jsonValue({ maxDepth: 3 }), (pi, value) => {
      const doc = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
      const p = paths[pi]!;
      let cur = doc as Record<string, unknown>;
      for (const k of p.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
      cur[p[p.length - 1]!] = value;
      const r = importAsyncApi(JSON.stringify(doc));
      if (!r.ok) expect(r.problems.every((x) => x.message.length > 0)).toBe(true);
    }), { numRuns: 300 });
  });

  it('the other importer (.eventflow.json): text mutations give issues with a path, never an exception', () => {
    const base = topologyJson(checkout());
    fc.assert(fc.property(mutation, ({ at, len, insert }) => {
      const i = at % (base.length + 1);
      const r = parseTopologyText(base.slice(0, i) + insert + base.slice(i + len));
      if (!r.ok) for (const issue of r.issues) expect(issue.path.length > 0 && issue.message.length > 0).toBe(true);
    }), { numRuns: 300 });
  });
});
