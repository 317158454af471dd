/**
 * Realistic payloads for catalog event types: ids, SKUs, quantities, prices, currency,
 * customers, addresses. Derived events copy what they share with their cause (orderId,
 * customerId, amount...) so a trace reads like one order; other fields are generated.
 */
import type { EventTypeDef, FieldType } from '../model/event-types';
import type { Rng } from '../runtime/prng';

export interface Product { sku: string; name: string; price: number }

const CATEGORIES = ['SHOE', 'SHIRT', 'BAG', 'WATCH', 'LAMP', 'MUG', 'BOOK', 'PHONE', 'CABLE', 'DESK'];
/** 200 products with stable prices (a long-tailed price list, 4.99 .. ~600) */
export const PRODUCTS: readonly Product[] = Array.from({ length: 200 }, (_, i) => {
  const cat = CATEGORIES[i % CATEGORIES.length]!;
  const price = Math.round((4.99 + Math.pow((i * 37) % 200, 1.6) * 0.04) * 100) / 100;
  return { sku: `${cat}-${String(1000 + i)}`, name: `${cat.toLowerCase()} #${i}`, price };
});

const CITIES = [
  ['Berlin', 'DE', '10115'], ['Paris', 'FR', '75002'], ['Amsterdam', 'NL', '1012'], ['Madrid', 'ES', '28013'],
  ['Milano', 'IT', '20121'], ['Wien', 'AT', '1010'], ['Lyon', 'FR', '69002'], ['München', 'DE', '80331'],
] as const;
const STREETS = ['Hauptstraße', 'Rue de la Paix', 'Keizersgracht', 'Calle Mayor', 'Via Roma', 'Ringstraße'];
const CARRIERS = ['DHL', 'UPS', 'DPD', 'GLS', 'PostNL'];
const WAREHOUSES = ['WH-BER-1', 'WH-PAR-2', 'WH-AMS-1'];
const TEMPLATES: Record<string, string> = {
  OrderPlaced: 'order-confirmation', CartAbandoned: 'cart-reminder', ShipmentCreated: 'shipping-update',
  PaymentFailed: 'payment-problem', RefundIssued: 'refund-confirmation',
};

export interface OrderLine { sku: string; quantity: number; unitPrice: number }

/** Run-wide id counters: ids are unique and deterministic (no clock, no Math.random). */
export class IdSource {
  private n = 0;
  next(prefix: string): string {
    return `${prefix}-${(++this.n).toString(36).padStart(6, '0')}`;
  }
}

export class PayloadFactory {
  constructor(private readonly catalog: ReadonlyMap<string, EventTypeDef>, private readonly ids: IdSource, readonly currency = 'EUR') {}

  newId(prefix: string): string {
    return this.ids.next(prefix);
  }

  customerId(rng: Rng): string {
    return `cus-${(10000 + rng.int(90000)).toString()}`;
  }

  lines(rng: Rng, meanItems: number): OrderLine[] {
    // geometric number of lines ≥ 1 with the requested mean
    const p = 1 / Math.max(1, meanItems);
    const out: OrderLine[] = [];
    do {
      const prod = PRODUCTS[rng.int(PRODUCTS.length)]!;
      out.push({ sku: prod.sku, quantity: 1 + (rng.next() < 0.2 ? rng.int(3) : 0), unitPrice: prod.price });
    } while (rng.next() >= p && out.length < 50);
    return out;
  }

  address(rng: Rng): Record<string, string> {
    const [city, country, zip] = CITIES[rng.int(CITIES.length)]!;
    return { street: `${STREETS[rng.int(STREETS.length)]!} ${1 + rng.int(180)}`, city, postalCode: zip, country };
  }

  /** A payload for `type`, inheriting shared fields from `parent` when given. */
  payload(type: string, rng: Rng, parent: Readonly<Record<string, unknown>> | null, nowMs: number): Record<string, unknown> {
    const def = this.catalog.get(type);
    const out: Record<string, unknown> = {};
    if (def === undefined) {
      // unknown type (not in catalog nor project): carry the parent's ids
      if (parent !== null) for (const k of ['orderId', 'customerId', 'cartId']) if (k in parent) out[k] = parent[k];
      return out;
    }
    if (type === 'OrderPlaced' && (parent === null || !('items' in parent))) {
      const items = this.lines(rng, 2.2);
      out['items'] = items;
      out['amount'] = amountOf(items);
    }
    for (const f of def.fields) {
      if (f.name in out) continue;
      if (parent !== null && f.name in parent) {
        out[f.name] = parent[f.name];
        continue;
      }
      out[f.name] = this.fieldValue(f.name, f.type, rng, out, nowMs, type);
    }
    return out;
  }

  private fieldValue(name: string, type: FieldType, rng: Rng, sofar: Record<string, unknown>, nowMs: number, eventType: string): unknown {
    switch (name) {
      case 'orderId': return this.ids.next('ord');
      case 'cartId': return this.ids.next('cart');
      case 'customerId': return this.customerId(rng);
      case 'paymentId': return this.ids.next('pay');
      case 'reservationId': return this.ids.next('res');
      case 'shipmentId': return this.ids.next('shp');
      case 'refundId': return this.ids.next('ref');
      case 'trackingNumber': return `1Z${(100000000 + rng.int(899999999)).toString()}`;
      case 'carrier': return CARRIERS[rng.int(CARRIERS.length)];
      case 'warehouse': return WAREHOUSES[rng.int(WAREHOUSES.length)];
      case 'shippingAddress': return this.address(rng);
      case 'email': return `${String(sofar['customerId'] ?? 'buyer')}@example.com`;
      case 'template': return TEMPLATES[eventType] ?? 'notification';
      case 'method': return rng.pick(['card', 'card', 'card', 'paypal', 'klarna']);
      case 'reason': return eventType === 'PaymentFailed' ? rng.pick(['declined', 'insufficient-funds', 'gateway-timeout']) : 'customer-request';
      case 'items': return this.lines(rng, 2.2);
      case 'itemCount': return Array.isArray(sofar['items']) ? sofar['items'].length : 1 + rng.int(4);
      case 'quantity': case 'requested': return 1 + rng.int(3);
      case 'available': return rng.int(2);
      case 'sku': return PRODUCTS[rng.int(PRODUCTS.length)]!.sku;
    }
    switch (type) {
      case 'money': {
        if (name === 'amount' && Array.isArray(sofar['items'])) return amountOf(sofar['items'] as OrderLine[]);
        return PRODUCTS[rng.int(PRODUCTS.length)]!.price;
      }
      case 'currency': return this.currency;
      case 'timestamp': return new Date(Date.UTC(2026, 10, 27, 0, 0, 0) + Math.floor(nowMs)).toISOString();
      case 'id': return this.ids.next(name.replace(/Id$/, '').slice(0, 6) || 'id');
      case 'integer': return rng.int(10);
      case 'number': return Math.round(rng.next() * 10000) / 100;
      case 'boolean': return rng.next() < 0.5;
      case 'sku': return PRODUCTS[rng.int(PRODUCTS.length)]!.sku;
      case 'email': return `user${rng.int(100000)}@example.com`;
      case 'array': return [];
      case 'object': return {};
      case 'string': return `${name}-${rng.int(1000)}`;
    }
  }

  /** The event key: the type's keyField value from the payload, else '' */
  keyOf(type: string, payload: Readonly<Record<string, unknown>>): string {
    const field = this.catalog.get(type)?.keyField;
    const v = field ? payload[field] : undefined;
    return typeof v === 'string' ? v : v === undefined ? '' : String(v);
  }
}

export function amountOf(items: readonly OrderLine[]): number {
  let sum = 0;
  for (const l of items) sum += l.quantity * l.unitPrice;
  return Math.round(sum * 100) / 100;
}
