/** Topologies used by the export tests: the checkout template and a wider one touching every mapping (groups, bus, operator, RabbitMQ, SQS, project types). */
import type { Topology, TopologyInput } from '../../model/topology';
import { CURRENT_SCHEMA_VERSION } from '../../model/topology';
import { parseTopology } from '../../model/validate';
import { checkoutTemplate } from '../../model/templates/checkout';

export function valid(input: TopologyInput): Topology {
  const r = parseTopology(input);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.value;
}

export function checkout(): Topology {
  return valid(checkoutTemplate());
}

/** Bounded contexts, an EventBridge bus routing to an SQS queue and a service, a RabbitMQ queue, a window operator, a project event type. */
export function marketplace(): Topology {
  return valid({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    name: 'Marketplace <b>&</b> "friends"',
    description: 'Wider topology for export tests.',
    eventTypes: [
      { name: 'SellerOnboarded', description: 'A seller finished onboarding.', keyField: 'sellerId', fields: [{ name: 'sellerId', type: 'id' }, { name: 'country', type: 'string', required: false }] },
    ],
    nodes: [
      { id: 'ordering', kind: 'group', name: 'Ordering', position: { x: 0, y: 0 }, settings: { width: 600, height: 400, color: '#2563eb' } },
      { id: 'payments', kind: 'group', name: 'Payments', description: 'Money in and out', position: { x: 700, y: 0 }, settings: {} },
      { id: 'web', kind: 'producer', name: 'Web shop', parentId: 'ordering', position: { x: 20, y: 40 }, settings: { emits: ['OrderPlaced', 'CartAbandoned'] } },
      { id: 'sellers', kind: 'producer', name: 'Seller portal', position: { x: 20, y: 500 }, settings: { emits: ['SellerOnboarded'] } },
      { id: 'orders', kind: 'topic', name: 'orders', parentId: 'ordering', position: { x: 300, y: 40 }, settings: { technology: 'kafka', partitions: 8, replication: 2, retentionHours: 72 } },
      { id: 'events', kind: 'bus', name: 'commerce-bus', position: { x: 300, y: 500 }, settings: { technology: 'eventbridge', address: 'arn:aws:events:eu-west-1:1:event-bus/commerce' } },
      { id: 'pay-q', kind: 'queue', name: 'payment-requests', parentId: 'payments', position: { x: 20, y: 40 }, settings: { technology: 'sqs', maxReceives: 3, deadLetterTarget: 'pay-dlq' } },
      { id: 'pay-dlq', kind: 'queue', name: 'payment-requests-dlq', parentId: 'payments', position: { x: 20, y: 200 }, settings: { technology: 'sqs' } },
      { id: 'mail-q', kind: 'queue', name: 'mail', position: { x: 600, y: 600 }, settings: { technology: 'rabbitmq' } },
      { id: 'payment', kind: 'service', name: 'Payment', parentId: 'payments', position: { x: 300, y: 40 }, settings: { consumes: ['OrderPlaced'], emitsOnSuccess: ['PaymentAuthorized'], emitsOnFailure: ['PaymentFailed'], consumerGroup: 'pay' } },
      { id: 'mailer', kind: 'service', name: 'Mailer', position: { x: 900, y: 600 }, settings: { consumes: ['CartAbandoned'], emitsOnSuccess: ['EmailSent'] } },
      { id: 'fraud', kind: 'operator', name: 'Fraud window', position: { x: 600, y: 300 }, settings: { op: 'window', windowMs: 60000, groupBy: 'customerId', threshold: 3, emits: 'FraudSuspected' } },
      { id: 'crm', kind: 'sink', name: 'CRM', position: { x: 1200, y: 600 }, settings: { system: 'crm' } },
    ],
    edges: [
      { id: 'e1', kind: 'publish', source: 'web', target: 'orders', eventTypes: ['OrderPlaced'] },
      { id: 'e2', kind: 'publish', source: 'web', target: 'events', eventTypes: ['CartAbandoned'] },
      { id: 'e3', kind: 'publish', source: 'sellers', target: 'events', eventTypes: [] },
      { id: 'e4', kind: 'subscribe', source: 'orders', target: 'payment', eventTypes: ['OrderPlaced'] },
      { id: 'e5', kind: 'route', source: 'events', target: 'mail-q', eventTypes: ['CartAbandoned'] },
      { id: 'e6', kind: 'subscribe', source: 'mail-q', target: 'mailer', eventTypes: [] },
      { id: 'e7', kind: 'subscribe', source: 'orders', target: 'fraud', eventTypes: ['OrderPlaced'] },
      { id: 'e8', kind: 'call', source: 'mailer', target: 'crm', eventTypes: [], timeoutMs: 2000 },
      { id: 'e9', kind: 'route', source: 'events', target: 'mailer', eventTypes: ['SellerOnboarded'], conditions: [{ field: 'country', comparator: '==', value: 'DE' }] },
      { id: 'e10', kind: 'publish', source: 'payment', target: 'pay-q', eventTypes: ['PaymentAuthorized'] },
    ],
  });
}
