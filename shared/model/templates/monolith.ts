import type { TopologyInput } from '../topology';
import { CURRENT_SCHEMA_VERSION, TOPOLOGY_SCHEMA_URL } from '../topology';

/**
 * The "before" picture of DESIGN.md §1, to compare with the event-driven checkout: the buyer
 * waits (sessions.checkoutMode 'sync') while the checkout monolith calls inventory, payment
 * (which calls the gateway) and e-mail one after another; one failing part fails the checkout.
 * Clickstream events go to analytics through a topic so every session event has a consumer.
 */
export function monolithTemplate(): TopologyInput {
  const service = (meanMs: number, extra: Record<string, unknown> = {}) => ({
    instances: 2, concurrency: 8, processing: { kind: 'lognormal' as const, meanMs, sigma: 0.5 }, failurePct: 0, ...extra,
  });
  return {
    $schema: TOPOLOGY_SCHEMA_URL,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    name: 'Checkout (monolith, synchronous)',
    description: 'The buyer waits while one checkout service calls inventory, payment and e-mail in turn. Compare with the event-driven checkout.',
    eventTypes: [],
    nodes: [
      { id: 'storefront', kind: 'producer', name: 'Storefront', position: { x: 0, y: 240 },
        settings: { mode: 'sessions', emits: ['OrderPlaced'], profile: { kind: 'poisson', ratePerSec: 40 },
          sessions: { cartAbandonPct: 70, checkoutAbandonPct: 20, latencySensitivityPctPerSec: 7, meanItems: 2.2, checkoutMode: 'sync' } } },
      { id: 'checkout-requests', kind: 'queue', name: 'checkout-requests', position: { x: 260, y: 240 },
        settings: { technology: 'sqs', maxReceives: 3, deadLetterTarget: 'failed-checkouts' } },
      { id: 'clickstream', kind: 'topic', name: 'clickstream', position: { x: 260, y: 40 },
        settings: { technology: 'kafka', partitions: 6, keyField: 'cartId' } },
      { id: 'monolith', kind: 'group', name: 'Checkout monolith', position: { x: 500, y: 140 },
        settings: { width: 560, height: 420, color: '#b45309' } },
      { id: 'checkout', kind: 'service', name: 'Checkout', parentId: 'monolith', position: { x: 30, y: 100 },
        settings: service(20, { instances: 4, consumerGroup: 'checkout', consumes: ['OrderPlaced'], emitsOnSuccess: ['OrderConfirmed'], emitsOnFailure: ['OrderCancelled'] }) },
      { id: 'inventory-module', kind: 'service', name: 'Inventory module', parentId: 'monolith', position: { x: 320, y: 20 },
        settings: service(30) },
      { id: 'payment-module', kind: 'service', name: 'Payment module', parentId: 'monolith', position: { x: 320, y: 160 },
        settings: service(80, { retry: { maxAttempts: 2, backoffMs: 200, multiplier: 2 } }) },
      { id: 'email-module', kind: 'service', name: 'E-mail module', parentId: 'monolith', position: { x: 320, y: 300 },
        settings: service(20) },
      { id: 'payment-gateway', kind: 'sink', name: 'Payment gateway', position: { x: 1160, y: 300 },
        settings: { system: 'payment-gateway', latency: { kind: 'lognormal', meanMs: 150, sigma: 0.5 }, failurePct: 1 } },
      { id: 'email-provider', kind: 'sink', name: 'E-mail provider', position: { x: 1160, y: 460 },
        settings: { system: 'email-provider', latency: { kind: 'lognormal', meanMs: 100, sigma: 0.4 } } },
      { id: 'order-events', kind: 'topic', name: 'order-events', position: { x: 1160, y: 140 },
        settings: { technology: 'kafka', partitions: 6, keyField: 'orderId' } },
      { id: 'failed-checkouts', kind: 'queue', name: 'failed-checkouts', position: { x: 500, y: 620 },
        settings: { technology: 'sqs' } },
      { id: 'analytics', kind: 'sink', name: 'Analytics', position: { x: 1420, y: 40 },
        settings: { system: 'analytics', latency: { kind: 'fixed', ms: 5 } } },
    ],
    edges: [
      { id: 'e-storefront-requests', kind: 'publish', source: 'storefront', target: 'checkout-requests', eventTypes: ['OrderPlaced'] },
      { id: 'e-storefront-clickstream', kind: 'publish', source: 'storefront', target: 'clickstream', eventTypes: ['CartItemAdded', 'CartAbandoned', 'CheckoutStarted'] },
      { id: 'e-requests-checkout', kind: 'subscribe', source: 'checkout-requests', target: 'checkout', eventTypes: [] },
      { id: 'e-checkout-inventory', kind: 'call', source: 'checkout', target: 'inventory-module', eventTypes: [], timeoutMs: 2000 },
      { id: 'e-checkout-payment', kind: 'call', source: 'checkout', target: 'payment-module', eventTypes: [], timeoutMs: 5000 },
      { id: 'e-checkout-email', kind: 'call', source: 'checkout', target: 'email-module', eventTypes: [], timeoutMs: 2000 },
      { id: 'e-payment-gateway', kind: 'call', source: 'payment-module', target: 'payment-gateway', eventTypes: [] },
      { id: 'e-email-provider', kind: 'call', source: 'email-module', target: 'email-provider', eventTypes: [] },
      { id: 'e-checkout-events', kind: 'publish', source: 'checkout', target: 'order-events', eventTypes: ['OrderConfirmed', 'OrderCancelled'] },
      { id: 'e-clickstream-analytics', kind: 'subscribe', source: 'clickstream', target: 'analytics', eventTypes: [] },
      { id: 'e-events-analytics', kind: 'subscribe', source: 'order-events', target: 'analytics', eventTypes: [] },
    ],
  };
}
