/**
 * The round-trip checker (roundtrip.ts) finds what an export loses, names it by JSON pointer and
 * construct, tells explained changes (edits made in the app) from unexplained losses, and does
 * not count a moved or inlined $ref or map order as a difference.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource } from '../source-doc';
import { exportAsyncApi } from './export';
import { importAsyncApi } from './import';
import type { Obj } from './refs';
import { compareAsyncApi, formatRoundtrip, roundtripAsyncApi } from './roundtrip';

const fixtures = path.resolve(__dirname, '../../../tests/fixtures/asyncapi');
const text = (f: string): string => readFileSync(path.join(fixtures, f), 'utf8');
const data = (f: string): Obj => {
  const r = readSource(text(f));
  if (!r.ok) throw new Error('unreadable');
  return r.doc.data as Obj;
};

describe('compareAsyncApi', () => {
  it('the plain export (without the kept document) loses servers, ids, summaries, parameters: each an unexplained loss with its pointer', () => {
    const r = importAsyncApi(text('payments-sns-sqs-3.0.asyncapi.json'));
    if (!r.ok) throw new Error(r.problems[0]?.message);
    const { imported: _kept, ...plain } = r.topology;
    const report = compareAsyncApi(data('payments-sns-sqs-3.0.asyncapi.json'), exportAsyncApi(plain).documents[0]!.document);
    expect(report.ok).toBe(false);
    const lost = report.differences.filter((d) => d.change !== 'added' && d.explanation === undefined).map((d) => d.pointer);
    expect(lost).toEqual(expect.arrayContaining(['/id', '/operations/handlePaymentRequested', '/channels/paymentRequested/parameters']));
    expect(report.unexplainedLosses).toBe(lost.length);
    expect(report.kept).toBeLessThan(report.constructs);
    // the plain export writes its own made-up host for SQS
    const server = report.differences.find((d) => d.construct === '/servers/sqs');
    expect(server).toMatchObject({ kind: 'server', change: 'changed' });
    expect(formatRoundtrip(report).some((l) => l.startsWith(`${server!.pointer} (server): changed`) && l.endsWith('UNEXPLAINED'))).toBe(true);
  });

  it('a $ref inlined or moved, and map order, are no difference; a changed enum is, at its pointer', () => {
    const a = { asyncapi: '3.0.0', info: { title: 'x', version: '1' }, channels: { c: { address: 'c', messages: { M: { $ref: '#/components/messages/M' } } } }, components: { messages: { M: { payload: { $ref: '#/components/schemas/P' } } }, schemas: { P: { type: 'object', properties: { s: { type: 'string', enum: ['a', 'b'] } } } } } };
    const inlined = { info: { version: '1', title: 'x' }, asyncapi: '3.0.0', channels: { c: { messages: { M: { payload: { properties: { s: { enum: ['a', 'b'], type: 'string' } }, type: 'object' } } }, address: 'c' } }, components: { messages: { M: { payload: { type: 'object', properties: { s: { type: 'string', enum: ['a', 'b'] } } } } }, schemas: { P: { type: 'object', properties: { s: { type: 'string', enum: ['a', 'b'] } } } } } };
    const same = compareAsyncApi(a, inlined);
    expect(same.differences).toEqual([]);
    expect(same.kept).toBe(same.constructs);
    const changed = JSON.parse(JSON.stringify(inlined)) as typeof inlined;
    changed.components.schemas.P.properties.s.enum = ['a'];
    const r = compareAsyncApi(a, changed);
    expect(r.differences.map((d) => [d.pointer, d.kind, d.change])).toEqual([['/components/schemas/P/properties/s/enum/1', 'schema', 'lost']]);
    expect(r.ok).toBe(false);
  });

  it('a circular schema compares without recursing forever', () => {
    const doc = { asyncapi: '3.0.0', info: { title: 'x', version: '1' }, channels: {}, components: { schemas: { Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } } } };
    expect(compareAsyncApi(doc, JSON.parse(JSON.stringify(doc))).ok).toBe(true);
  });

  it('an edit made in the app is an explained difference, not a loss', () => {
    const r = importAsyncApi(text('inventory-kafka-2.6.asyncapi.yaml'));
    if (!r.ok) throw new Error(r.problems[0]?.message);
    const t = { ...r.topology, nodes: r.topology.nodes.map((n) => (n.id === 'acme.orders.placed.v1' && n.kind === 'topic' ? { ...n, settings: { ...n.settings, partitions: 12 } } : n)) };
    const exp = exportAsyncApi(t);
    const report = compareAsyncApi(data('inventory-kafka-2.6.asyncapi.yaml'), exp.documents[0]!.document, exp.notes);
    expect(report.ok).toBe(true);
    expect(report.explainedLosses).toBe(1);
    expect(report.differences[0]).toMatchObject({ pointer: '/channels/acme.orders.placed.v1/bindings/kafka/partitions', kind: 'binding', before: '24', after: '12' });
    expect(report.differences[0]?.explanation).toContain('edited in the app');
  });
});

describe('roundtripAsyncApi', () => {
  it('each fixture: everything kept', () => {
    for (const f of ['amqp-shipping.asyncapi.yaml', 'inventory-kafka-2.6.asyncapi.yaml', 'kafka-orders.asyncapi.yaml', 'payments-amqp-3.0.asyncapi.yaml', 'payments-sns-sqs-3.0.asyncapi.json', 'request-reply.asyncapi.json']) {
      const r = roundtripAsyncApi(text(f));
      if (!r.ok) throw new Error(`${f}: ${r.problems[0]?.message}`);
      expect(r.report.differences, f).toEqual([]);
      expect(r.report.constructs, f).toBeGreaterThan(10);
    }
  });

  it('an export of this app (x-eventflow) is refused: it is not a contract', () => {
    const r = importAsyncApi(text('kafka-orders.asyncapi.yaml'));
    if (!r.ok) throw new Error('x');
    const { imported: _k, ...plain } = r.topology;
    const ours = JSON.stringify(exportAsyncApi(plain).documents[0]!.document);
    const rt = roundtripAsyncApi(ours);
    expect(rt.ok).toBe(false);
    if (!rt.ok) expect(rt.problems.find((p) => p.severity === 'error')?.pointer).toBe('/x-eventflow');
  });
});
