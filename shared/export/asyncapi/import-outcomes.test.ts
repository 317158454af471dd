/**
 * Imports of real-shaped contracts (tests/fixtures/asyncapi) must simulate what the document
 * means: no self-loops from 2.x publish+subscribe channels, and sends mapped to outcomes
 * (alternatives -> success/failure branch, dead-letter channel -> deadLetterTarget, request/reply
 * -> call) instead of every send firing on every message.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTopology } from '../../model/lint';
import type { NodeOfKind } from '../../model/nodes';
import type { Topology } from '../../model/topology';
import { createSimulation } from '../../runtime';
import type { SimEvent } from '../../runtime';
import { importAsyncApi } from './import';
import type { ImportProblem } from './import';
import { DEFAULT_FAILURE_PCT, isDeadLetterChannel, isFailureOutcome, planOutcomes } from './outcomes';

const fixtures = path.resolve(__dirname, '../../../tests/fixtures/asyncapi');
const load = (name: string): { topology: Topology; problems: ImportProblem[] } => {
  const r = importAsyncApi(readFileSync(path.join(fixtures, name), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.column} ${p.pointer} ${p.message}`).join('\n'));
  return r;
};
const service = (t: Topology, id: string): NodeOfKind<'service'> => {
  const n = t.nodes.find((x) => x.id === id);
  if (n?.kind !== 'service') throw new Error(`no service ${id} in ${t.nodes.map((x) => x.id).join(', ')}`);
  return n;
};
const edges = (t: Topology) => t.edges.map((e) => `${e.kind} ${e.source}->${e.target} [${e.eventTypes.join(',')}]`).sort();

/** Per service: how often each type was emitted, and how many messages it handled. */
function emissions(t: Topology, minutes: number): Map<string, { handled: number; types: Map<string, number> }> {
  const out = new Map<string, { handled: number; types: Map<string, number> }>();
  const services = new Set(t.nodes.filter((n) => n.kind === 'service').map((n) => n.id));
  const at = (id: string) => out.get(id) ?? out.set(id, { handled: 0, types: new Map() }).get(id)!;
  createSimulation(t, { durationSec: minutes * 60, seed: 7, eventLog: 'all' }, {
    onEvent: (e: SimEvent) => {
      if (!services.has(e.source)) return;
      const s = at(e.source);
      if (e.status === 'emitted') s.types.set(e.type, (s.types.get(e.type) ?? 0) + 1);
    },
  }).runToEnd();
  return out;
}

describe('outcome rules (outcomes.ts)', () => {
  it('names tell failure outcomes and dead-letter channels apart', () => {
    for (const n of ['OutOfStock', 'PaymentFailed', 'PaymentDeclined', 'InvoiceRejected', 'OrderCancelled', 'FraudCheckFailed']) expect(isFailureOutcome(n), n).toBe(true);
    for (const n of ['StockReserved', 'PaymentAuthorized', 'InvoiceIssued', 'OrderConfirmed', 'FraudCheckPassed', 'StockLevelChanged']) expect(isFailureOutcome(n), n).toBe(false);
    for (const n of ['orders.dlq', 'payments.authorize.dead-letter', 'invoice-service-dlq', 'orders-DLT', 'deadLetter']) expect(isDeadLetterChannel(n), n).toBe(true);
    for (const n of ['orders', 'payments.authorize', 'deadline-reminders']) expect(isDeadLetterChannel(n), n).toBe(false);
  });

  it('alternatives of one operation give one success and one failure pick, never all of them; the unclear case warns at the operation', () => {
    const plan = planOutcomes('shipping', [
      { channel: 'shipments', types: ['ShipmentDispatched', 'ShipmentDelayed', 'ShipmentSplit'], pointer: '/operations/publishShipment' },
      { channel: 'audit', types: ['AuditRecorded'], pointer: '/operations/audit' },
    ], () => false);
    expect(plan.emitsOnSuccess).toEqual(['ShipmentDispatched', 'AuditRecorded']);
    expect(plan.emitsOnFailure).toEqual(['ShipmentDelayed']);
    expect(plan.notes.map((n) => n.pointer)).toEqual(['/operations/publishShipment', '/operations/publishShipment']);
    expect(plan.notes[0]!.message).toContain('does not say when');
    expect(plan.notes[1]!.message).toContain('"ShipmentSplit"');
  });
});

describe('AsyncAPI 2.6 Kafka with traits, publish+subscribe on one channel', () => {
  const { topology: t, problems } = load('inventory-kafka-2.6.asyncapi.yaml');

  it('a channel the document both publishes and subscribes puts the service on the sending side: no self-loop, lint has no runaway loop', () => {
    expect(edges(t)).not.toContain('subscribe acme.inventory.stock-levels.v1->inventory-service [StockLevelChanged]');
    expect(edges(t)).toContain('publish inventory-service->acme.inventory.stock-levels.v1 [StockLevelChanged]');
    expect(lintTopology(t).filter((p) => p.severity === 'error')).toEqual([]);
    const w = problems.find((p) => p.pointer === '/channels/acme.inventory.stock-levels.v1/publish');
    expect(w?.message).toContain('both receives and sends "StockLevelChanged"');
    expect(w?.line).toBe(72);
  });

  it('oneOf StockReserved / OutOfStock becomes success / failure, the DLQ send becomes the dead-letter target', () => {
    const s = service(t, 'inventory-service').settings;
    expect(s.consumes).toEqual(['OrderPlaced']);
    expect(s.emitsOnSuccess).toEqual(['StockReserved', 'StockLevelChanged']);
    expect(s.emitsOnFailure).toEqual(['OutOfStock']);
    expect(s.failurePct).toBe(DEFAULT_FAILURE_PCT);
    expect(s.retry.maxAttempts).toBe(1);
    expect(s.deadLetterTarget).toBe('acme.inventory.reservations.dlq');
    expect(edges(t).filter((e) => e.includes('->acme.inventory.reservations.dlq'))).toEqual([]);
  });

  it('simulated 10 minutes: each order gets exactly one reservation outcome, OutOfStock in about the default share', () => {
    const e = emissions(t, 10).get('inventory-service')!;
    const ok = e.types.get('StockReserved') ?? 0;
    const ko = e.types.get('OutOfStock') ?? 0;
    expect([...e.types.keys()].sort()).toEqual(['OutOfStock', 'StockLevelChanged', 'StockReserved']);
    expect(e.types.get('StockLevelChanged')).toBe(ok); // a success publishes the new level once
    expect(ko / (ok + ko)).toBeGreaterThan(0.07);
    expect(ko / (ok + ko)).toBeLessThan(0.13);
  });
});

describe('AsyncAPI 3.0 AMQP with request/reply and a dead-letter queue', () => {
  const { topology: t, problems } = load('payments-amqp-3.0.asyncapi.yaml');

  it('the responder replies once per request: PaymentAuthorized on success, PaymentDeclined on failure', () => {
    const s = service(t, 'payment-service').settings;
    expect(s.emitsOnSuccess).toEqual(['PaymentAuthorized', 'PaymentCaptured']);
    expect(s.emitsOnFailure).toEqual(['PaymentDeclined']);
    expect(s.deadLetterTarget).toBe('deadLetter');
    expect(edges(t).filter((e) => e.includes('->deadLetter'))).toEqual([]);
  });

  it('the requester side (send + reply) is a call to a stand-in responder whose failure is FraudCheckFailed', () => {
    expect(edges(t)).toContain('call payment-service->fraudCheck-responder [FraudCheckRequested]');
    expect(edges(t).filter((e) => e.startsWith('publish payment-service->fraudCheck'))).toEqual([]);
    const r = service(t, 'fraudCheck-responder').settings;
    expect(r.consumes).toEqual(['FraudCheckRequested']);
    expect(r.emitsOnSuccess).toEqual([]);
    expect(r.failurePct).toBe(DEFAULT_FAILURE_PCT);
    const w = problems.find((p) => p.pointer === '/operations/requestFraudCheck');
    expect(w?.message).toContain('synchronous call');
    expect(w?.line).toBe(127);
  });

  it('the requester\'s request and reply channels are connected to the stand-in responder, not left dangling', () => {
    expect(edges(t)).toContain('subscribe fraudCheck->fraudCheck-responder [FraudCheckRequested]');
    expect(edges(t)).toContain('publish fraudCheck-responder->fraudVerdicts [FraudCheckPassed,FraudCheckFailed]');
    const dangling = t.nodes.filter((n) => ['topic', 'queue', 'bus'].includes(n.kind) && !t.edges.some((e) => e.source === n.id || e.target === n.id) && !t.nodes.some((s) => s.kind === 'service' && s.settings.deadLetterTarget === n.id));
    expect(dangling.map((n) => n.id)).toEqual([]);
  });

  it('simulated 10 minutes: replies equal requests handled, no service emits what its operations do not allow', () => {
    const lint = lintTopology(t).filter((p) => p.severity === 'error');
    expect(lint).toEqual([]);
    const e = emissions(t, 10);
    const pay = e.get('payment-service')!;
    expect([...pay.types.keys()].sort()).toEqual(['PaymentAuthorized', 'PaymentCaptured', 'PaymentDeclined']);
    const replies = (pay.types.get('PaymentAuthorized') ?? 0) + (pay.types.get('PaymentDeclined') ?? 0);
    expect(pay.types.get('PaymentCaptured')).toBe(pay.types.get('PaymentAuthorized'));
    // own 10 % and the fraud call's 10 %: about 19 % declined
    const declined = (pay.types.get('PaymentDeclined') ?? 0) / replies;
    expect(declined).toBeGreaterThan(0.14);
    expect(declined).toBeLessThan(0.25);
    expect(e.get('fraudCheck-responder')?.types.size ?? 0).toBe(0);
  });
});

describe('AsyncAPI 3.0 JSON with SNS/SQS and channel parameters', () => {
  const { topology: t } = load('payments-sns-sqs-3.0.asyncapi.json');

  it('InvoiceIssued / InvoiceRejected are branches, the SQS DLQ is the dead-letter target', () => {
    const s = service(t, 'invoice-service').settings;
    expect(s.emitsOnSuccess).toEqual(['InvoiceIssued']);
    expect(s.emitsOnFailure).toEqual(['InvoiceRejected']);
    expect(s.deadLetterTarget).toBe('invoiceDlq');
    const e = emissions(t, 10).get('invoice-service')!;
    const ok = e.types.get('InvoiceIssued') ?? 0;
    const ko = e.types.get('InvoiceRejected') ?? 0;
    expect(ko / (ok + ko)).toBeGreaterThan(0.07);
    expect(ko / (ok + ko)).toBeLessThan(0.13);
  });
});

describe('requester with a dynamic (null-address) reply channel', () => {
  const doc = {
    asyncapi: '3.0.0',
    info: { title: 'Checkout', version: '1.0.0' },
    channels: {
      orders: { address: 'orders', messages: { OrderPlaced: { $ref: '#/components/messages/OrderPlaced' } } },
      quote: { address: 'pricing.quote', messages: { QuoteRequested: { $ref: '#/components/messages/QuoteRequested' } } },
    },
    operations: {
      onOrder: { action: 'receive', channel: { $ref: '#/channels/orders' } },
      askQuote: {
        action: 'send', channel: { $ref: '#/channels/quote' },
        reply: { address: { location: '$message.header#/replyTo' }, messages: [{ $ref: '#/components/messages/QuoteGiven' }, { $ref: '#/components/messages/QuoteRefused' }] },
      },
    },
    components: { messages: { OrderPlaced: { payload: { type: 'object' } }, QuoteRequested: { payload: { type: 'object' } }, QuoteGiven: { payload: { type: 'object' } }, QuoteRefused: { payload: { type: 'object' } } } },
  };
  const r = importAsyncApi(JSON.stringify(doc));
  if (!r.ok) throw new Error(r.problems[0]?.message);
  const t = r.topology;

  it('the made-up reply queue is fed by the stand-in responder and the request channel feeds it', () => {
    expect(edges(t)).toEqual(expect.arrayContaining([
      'call checkout->quote-responder [QuoteRequested]',
      'subscribe quote->quote-responder [QuoteRequested]',
      'publish quote-responder->askQuote-reply [QuoteGiven,QuoteRefused]',
    ]));
    for (const id of ['quote', 'askQuote-reply']) expect(t.edges.some((e) => e.source === id || e.target === id), id).toBe(true);
    expect(r.problems.find((p) => p.pointer === '/operations/askQuote')?.message).toContain('answers go to "askQuote-reply"');
  });
});
