import type { TopologyInput } from '../topology';
import { CURRENT_SCHEMA_VERSION, TOPOLOGY_SCHEMA_URL } from '../topology';

/**
 * The classic event-driven checkout (DESIGN.md §1): the storefront publishes OrderPlaced and
 * returns; inventory, payment and notification react in parallel; payment failures that
 * exhaust their retries land in a dead-letter queue. `orders` has 12 partitions because a topic
 * processes one message per partition per consumer group at a time: with 6, Payment (80 ms +
 * a 150 ms gateway call per order) would run near ρ 0.8 at 20 orders/s.
 */
export function checkoutTemplate(): TopologyInput {
  return {
    $schema: TOPOLOGY_SCHEMA_URL,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    name: 'Checkout (event-driven)',
    description: 'Storefront publishes OrderPlaced; inventory, payment and notification react independently.',
    eventTypes: [],
    nodes: [
      { id: 'storefront', kind: 'producer', name: 'Storefront', position: { x: 0, y: 200 },
        settings: { mode: 'events', emits: ['OrderPlaced'], profile: { kind: 'poisson', ratePerSec: 20 } } },
      { id: 'orders', kind: 'topic', name: 'orders', position: { x: 280, y: 200 },
        settings: { technology: 'kafka', partitions: 12, replication: 3, retentionHours: 168, keyField: 'orderId' } },
      { id: 'inventory', kind: 'service', name: 'Inventory', position: { x: 560, y: 40 },
        settings: { instances: 2, concurrency: 8, processing: { kind: 'lognormal', meanMs: 30, sigma: 0.5 }, failurePct: 0,
          consumerGroup: 'inventory', consumes: ['OrderPlaced'], emitsOnSuccess: ['InventoryReserved'], emitsOnFailure: ['OutOfStock'] } },
      { id: 'payment', kind: 'service', name: 'Payment', position: { x: 560, y: 200 },
        settings: { instances: 2, concurrency: 8, processing: { kind: 'lognormal', meanMs: 80, sigma: 0.6 }, failurePct: 2,
          retry: { maxAttempts: 3, backoffMs: 200, multiplier: 2 }, consumerGroup: 'payment', consumes: ['OrderPlaced'],
          emitsOnSuccess: ['PaymentAuthorized'], emitsOnFailure: ['PaymentFailed'], deadLetterTarget: 'payments-dlq' } },
      { id: 'notification', kind: 'service', name: 'Notification', position: { x: 560, y: 360 },
        settings: { instances: 1, concurrency: 16, processing: { kind: 'lognormal', meanMs: 20, sigma: 0.4 }, failurePct: 0,
          consumerGroup: 'notification', consumes: ['OrderPlaced'], emitsOnSuccess: ['EmailSent'] } },
      { id: 'payment-gateway', kind: 'sink', name: 'Payment gateway', position: { x: 860, y: 280 },
        settings: { system: 'payment-gateway', latency: { kind: 'lognormal', meanMs: 150, sigma: 0.5 }, failurePct: 1 } },
      { id: 'email-provider', kind: 'sink', name: 'E-mail provider', position: { x: 860, y: 440 },
        settings: { system: 'email-provider', latency: { kind: 'lognormal', meanMs: 100, sigma: 0.4 } } },
      { id: 'order-status', kind: 'topic', name: 'order-status', position: { x: 860, y: 100 },
        settings: { technology: 'kafka', partitions: 6, replication: 3, retentionHours: 168, keyField: 'orderId' } },
      { id: 'payments-dlq', kind: 'queue', name: 'payments-dlq', position: { x: 860, y: 600 },
        settings: { technology: 'sqs', maxReceives: 5 } },
      { id: 'analytics', kind: 'sink', name: 'Analytics', position: { x: 1140, y: 100 },
        settings: { system: 'analytics', latency: { kind: 'fixed', ms: 5 } } },
    ],
    edges: [
      { id: 'e-storefront-orders', kind: 'publish', source: 'storefront', target: 'orders', eventTypes: ['OrderPlaced'] },
      { id: 'e-orders-inventory', kind: 'subscribe', source: 'orders', target: 'inventory', eventTypes: ['OrderPlaced'] },
      { id: 'e-orders-payment', kind: 'subscribe', source: 'orders', target: 'payment', eventTypes: ['OrderPlaced'] },
      { id: 'e-orders-notification', kind: 'subscribe', source: 'orders', target: 'notification', eventTypes: ['OrderPlaced'] },
      { id: 'e-inventory-status', kind: 'publish', source: 'inventory', target: 'order-status', eventTypes: ['InventoryReserved', 'OutOfStock'] },
      { id: 'e-payment-status', kind: 'publish', source: 'payment', target: 'order-status', eventTypes: ['PaymentAuthorized', 'PaymentFailed'] },
      { id: 'e-payment-gateway', kind: 'call', source: 'payment', target: 'payment-gateway', eventTypes: [] },
      { id: 'e-notification-email', kind: 'call', source: 'notification', target: 'email-provider', eventTypes: [] },
      { id: 'e-notification-status', kind: 'publish', source: 'notification', target: 'order-status', eventTypes: ['EmailSent'] },
      { id: 'e-status-analytics', kind: 'subscribe', source: 'order-status', target: 'analytics', eventTypes: [] },
    ],
  };
}
