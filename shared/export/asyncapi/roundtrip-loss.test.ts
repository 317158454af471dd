/**
 * Import then export: every listed part of a real-shaped contract either survives in the
 * exported document or is named (by JSON pointer) in the import's warnings. Nothing silently.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportAsyncApi } from './export';
import { importAsyncApi } from './import';

const fixtures = path.resolve(__dirname, '../../../tests/fixtures/asyncapi');

const cases: Record<string, string[]> = {
  'inventory-kafka-2.6.asyncapi.yaml': [
    '/id', '/info/version', '/servers/production', '/servers/production/protocolVersion', '/servers/staging',
    '/channels/acme.orders.placed.v1/publish', '/channels/acme.orders.placed.v1/publish/summary',
    '/channels/acme.inventory.reservations.v1/subscribe', '/components/messages/OrderPlaced/bindings/kafka/key',
    '/components/messages/OrderPlaced/traits', '/components/messages/OrderPlaced/payload',
  ],
  'payments-amqp-3.0.asyncapi.yaml': [
    '/id', '/info/version', '/servers/rabbit', '/servers/rabbit/protocolVersion', '/channels/paymentEvents/bindings/amqp/exchange',
    '/channels/authorizeReplies/address', '/operations/authorizePayment', '/operations/authorizePayment/summary',
    '/operations/authorizePayment/reply/address', '/components/messages/AuthorizePayment/headers', '/components/messages/AuthorizePayment/payload',
  ],
  'payments-sns-sqs-3.0.asyncapi.json': [
    '/id', '/info/version', '/servers/sns', '/servers/sqs', '/channels/paymentRequested/parameters/region',
    '/operations/handlePaymentRequested', '/operations/publishInvoiceOutcome/summary', '/components/messages/PaymentRequested/payload',
  ],
};

describe('round trip: kept or warned', () => {
  for (const [file, pointers] of Object.entries(cases)) {
    it(file, () => {
      const r = importAsyncApi(readFileSync(path.join(fixtures, file), 'utf8'));
      if (!r.ok) throw new Error(r.problems[0]?.message);
      const exported = JSON.stringify(exportAsyncApi(r.topology).documents[0]!.document);
      const warned = new Set(r.problems.filter((p) => p.severity === 'warning').map((p) => p.pointer));
      const silent = pointers.filter((p) => !warned.has(p));
      expect(silent, `lost without a warning (export: ${exported.length} chars)`).toEqual([]);
      // every such warning has a line to jump to
      for (const p of r.problems.filter((x) => pointers.includes(x.pointer))) expect(p.line, p.pointer).toBeGreaterThan(0);
    });
  }
});
