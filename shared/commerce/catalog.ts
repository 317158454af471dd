import type { EventField, EventTypeDef, FieldType } from '../model/event-types';

const f = (name: string, type: FieldType, required = true, description?: string): EventField =>
  description === undefined ? { name, type, required } : { name, type, required, description };

const order = [f('orderId', 'id'), f('customerId', 'id')];
const money = [f('amount', 'money'), f('currency', 'currency')];
const lines = f('items', 'array', true, 'order lines: sku, quantity, unitPrice');

/** The built-in commerce events. Payload JSON Schemas are derived from these fields. */
export const COMMERCE_EVENTS: readonly EventTypeDef[] = [
  { name: 'CartItemAdded', description: 'A shopper put an item in the cart.', keyField: 'cartId', color: '#8b5cf6',
    fields: [f('cartId', 'id'), f('customerId', 'id'), f('sku', 'sku'), f('quantity', 'integer'), f('unitPrice', 'money'), f('currency', 'currency')] },
  { name: 'CheckoutStarted', description: 'The shopper opened checkout.', keyField: 'cartId', color: '#a855f7',
    fields: [f('cartId', 'id'), f('customerId', 'id'), f('itemCount', 'integer'), ...money] },
  { name: 'CartAbandoned', description: 'A cart with items saw no activity for the abandonment timeout.', keyField: 'cartId', color: '#d946ef',
    fields: [f('cartId', 'id'), f('customerId', 'id'), f('email', 'email'), f('value', 'money'), f('currency', 'currency')] },
  { name: 'OrderPlaced', description: 'The buyer clicked "buy": the order exists, nothing is confirmed yet.', keyField: 'orderId', color: '#2563eb',
    fields: [...order, lines, ...money, f('shippingAddress', 'object'), f('placedAt', 'timestamp')] },
  { name: 'OrderConfirmed', description: 'Payment and stock are secured; the order will ship.', keyField: 'orderId', color: '#16a34a',
    fields: [...order, ...money] },
  { name: 'OrderCancelled', description: 'The order will not be fulfilled.', keyField: 'orderId', color: '#dc2626',
    fields: [...order, f('reason', 'string')] },
  { name: 'PaymentRequested', description: 'Ask the payment service to charge the buyer.', keyField: 'orderId', color: '#0891b2',
    fields: [...order, ...money, f('method', 'string')] },
  { name: 'PaymentAuthorized', description: 'The payment gateway authorized the charge.', keyField: 'orderId', color: '#059669',
    fields: [...order, f('paymentId', 'id'), ...money] },
  { name: 'PaymentFailed', description: 'The charge was declined or the gateway failed.', keyField: 'orderId', color: '#e11d48',
    fields: [...order, ...money, f('reason', 'string')] },
  { name: 'InventoryReserved', description: 'Stock for every line was reserved.', keyField: 'orderId', color: '#ca8a04',
    fields: [f('orderId', 'id'), f('reservationId', 'id'), lines, f('warehouse', 'string')] },
  { name: 'InventoryReleased', description: 'A reservation was released (cancel, payment failure).', keyField: 'orderId', color: '#a16207',
    fields: [f('orderId', 'id'), f('reservationId', 'id')] },
  { name: 'OutOfStock', description: 'A line could not be reserved.', keyField: 'orderId', color: '#ea580c',
    fields: [f('orderId', 'id'), f('sku', 'sku'), f('requested', 'integer'), f('available', 'integer')] },
  { name: 'ShipmentCreated', description: 'The warehouse created a shipment.', keyField: 'orderId', color: '#4f46e5',
    fields: [f('orderId', 'id'), f('shipmentId', 'id'), f('carrier', 'string'), f('trackingNumber', 'string')] },
  { name: 'EmailSent', description: 'A transactional or marketing e-mail went out.', keyField: 'customerId', color: '#64748b',
    fields: [f('customerId', 'id'), f('email', 'email'), f('template', 'string'), f('orderId', 'id', false)] },
  { name: 'RefundIssued', description: 'Money went back to the buyer.', keyField: 'orderId', color: '#be123c',
    fields: [...order, ...money, f('refundId', 'id')] },
  { name: 'PriceChanged', description: 'A catalog price changed.', keyField: 'sku', color: '#0d9488',
    fields: [f('sku', 'sku'), f('oldPrice', 'money'), f('newPrice', 'money'), f('currency', 'currency')] },
];

export const COMMERCE_EVENT_NAMES: readonly string[] = COMMERCE_EVENTS.map((e) => e.name);

/** Built-in catalog merged with a project's own types (a project type overrides a built-in one). */
export function eventCatalog(projectTypes: readonly EventTypeDef[] = []): Map<string, EventTypeDef> {
  const m = new Map<string, EventTypeDef>(COMMERCE_EVENTS.map((e) => [e.name, e]));
  for (const t of projectTypes) m.set(t.name, t);
  return m;
}

const jsonType: Record<FieldType, Record<string, unknown>> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  money: { type: 'number', minimum: 0, multipleOf: 0.01 },
  timestamp: { type: 'string', format: 'date-time' },
  id: { type: 'string', minLength: 1 },
  sku: { type: 'string', pattern: '^[A-Z0-9-]+$' },
  email: { type: 'string', format: 'email' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  array: { type: 'array' },
  object: { type: 'object' },
};

/** JSON Schema (draft 2020-12 compatible subset) of an event type's payload. */
export function payloadJsonSchema(t: EventTypeDef): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const field of t.fields) {
    properties[field.name] = field.description ? { ...jsonType[field.type], description: field.description } : { ...jsonType[field.type] };
  }
  return {
    type: 'object',
    properties,
    required: t.fields.filter((x) => x.required).map((x) => x.name),
  };
}
