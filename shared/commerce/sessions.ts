/**
 * Simulated customer sessions: browse -> add to cart -> checkout -> order, with abandonment.
 * The probability of buying at checkout falls with the checkout latency buyers have recently
 * experienced (an EWMA), so a slow synchronous checkout costs conversions. A reaction to an
 * abandoned cart (an EmailSent in the same trace) can bring the buyer back: the sooner, the
 * likelier (recovered carts).
 */
import type { SettingsOf } from '../model/nodes';
import type { Rng } from '../runtime/prng';
import type { Msg } from '../runtime/message';
import type { OrderLine, PayloadFactory } from './payloads';
import { PRODUCTS, amountOf } from './payloads';

/** What sessions need from the runtime (kept narrow so the behaviour is testable alone). */
export interface SessionHost {
  now(): number;
  at(t: number, fn: () => void): void;
  emit(type: string, key: string, payload: Record<string, unknown>, parent: Msg | null): Msg;
  /** callback when a consumer first processed message `id` (synchronous checkout) */
  onFirstProcessed(id: number, fn: (now: number) => void): void;
  onCreated(type: string, fn: (m: Msg) => void): void;
  kpis: { sessions: number; recoveredCarts: number; checkoutLatency: { record(ms: number): void } };
}

interface Session {
  customerId: string;
  cartId: string;
  lines: OrderLine[];
  wanted: number;
  root: Msg | null;
  recovered: boolean;
}

const BROWSE_MS = 20_000;
const BETWEEN_ITEMS_MS = 15_000;
const TO_CHECKOUT_MS = 10_000;
const CHECKOUT_THINK_MS = 20_000;
const ABANDON_AFTER_MS = 600_000;
const ASYNC_ACK_MS = 15; // broker round trip seen by the storefront
const RECOVERY_PCT = 15;
const RECOVERY_DECAY_MS = 600_000;

export class CustomerSessions {
  private latencyEwmaMs = 0;
  private readonly abandoned = new Map<number, { s: Session; at: number }>();

  constructor(
    private readonly host: SessionHost,
    private readonly settings: SettingsOf<'producer'>['sessions'],
    private readonly payloads: PayloadFactory,
    private readonly rng: Rng,
  ) {
    host.onCreated('EmailSent', (m) => this.reaction(m));
  }

  start(): void {
    const rng = this.rng;
    this.host.kpis.sessions++;
    const p = 1 / Math.max(1, this.settings.meanItems);
    let wanted = 1;
    while (rng.next() >= p && wanted < 50) wanted++;
    const s: Session = { customerId: this.payloads.customerId(rng), cartId: this.payloads.newId('cart'), lines: [], wanted, root: null, recovered: false };
    this.host.at(this.host.now() + rng.exp(BROWSE_MS), () => this.addItem(s));
  }

  private addItem(s: Session): void {
    const rng = this.rng;
    const prod = PRODUCTS[rng.int(PRODUCTS.length)]!;
    const line = { sku: prod.sku, quantity: 1 + (rng.next() < 0.2 ? rng.int(3) : 0), unitPrice: prod.price };
    s.lines.push(line);
    const payload: Record<string, unknown> = { cartId: s.cartId, customerId: s.customerId, ...line, currency: this.payloads.currency };
    const msg = this.host.emit('CartItemAdded', s.cartId, payload, s.root);
    if (s.root === null) s.root = msg;
    if (s.lines.length < s.wanted) this.host.at(this.host.now() + rng.exp(BETWEEN_ITEMS_MS), () => this.addItem(s));
    else this.host.at(this.host.now() + rng.exp(TO_CHECKOUT_MS), () => this.decide(s));
  }

  private decide(s: Session): void {
    if (this.rng.chance(this.settings.cartAbandonPct)) {
      this.host.at(this.host.now() + ABANDON_AFTER_MS, () => this.abandon(s));
    } else {
      this.checkout(s);
    }
  }

  private abandon(s: Session): void {
    const value = amountOf(s.lines);
    const root = s.root!;
    this.host.emit('CartAbandoned', s.cartId, {
      cartId: s.cartId, customerId: s.customerId, email: `${s.customerId}@example.com`, value, currency: this.payloads.currency,
    }, root);
    const now = this.host.now();
    this.abandoned.set(root.correlationId, { s, at: now });
    // forget carts nobody reacted to within the recovery horizon
    for (const [id, a] of this.abandoned) {
      if (now - a.at < 6 * RECOVERY_DECAY_MS) break;
      this.abandoned.delete(id);
    }
  }

  private reaction(m: Msg): void {
    const a = this.abandoned.get(m.correlationId);
    if (a === undefined) return;
    this.abandoned.delete(m.correlationId);
    const delay = this.host.now() - a.at;
    if (this.rng.chance(RECOVERY_PCT * Math.exp(-delay / RECOVERY_DECAY_MS))) {
      a.s.recovered = true;
      this.host.at(this.host.now() + this.rng.exp(120_000), () => this.checkout(a.s));
    }
  }

  private checkout(s: Session): void {
    const value = amountOf(s.lines);
    const started = this.host.emit('CheckoutStarted', s.cartId, {
      cartId: s.cartId, customerId: s.customerId, itemCount: s.lines.length, amount: value, currency: this.payloads.currency,
    }, s.root);
    this.host.at(this.host.now() + this.rng.exp(CHECKOUT_THINK_MS), () => this.buyOrNot(s, started));
  }

  private buyOrNot(s: Session, started: Msg): void {
    const keep = 1 - this.settings.checkoutAbandonPct / 100;
    const patience = Math.max(0, 1 - (this.settings.latencySensitivityPctPerSec / 100) * (this.latencyEwmaMs / 1000));
    if (this.rng.next() >= keep * patience) return; // left at checkout
    const payload = this.payloads.payload('OrderPlaced', this.rng, { customerId: s.customerId, items: s.lines, amount: amountOf(s.lines) }, this.host.now());
    const order = this.host.emit('OrderPlaced', String(payload['orderId']), payload, started);
    if (s.recovered) this.host.kpis.recoveredCarts++;
    const placedAt = this.host.now();
    if (this.settings.checkoutMode === 'sync') {
      this.host.onFirstProcessed(order.id, (now) => this.observe(now - placedAt));
    } else {
      this.observe(ASYNC_ACK_MS);
    }
  }

  private observe(latencyMs: number): void {
    this.host.kpis.checkoutLatency.record(latencyMs);
    this.latencyEwmaMs = this.latencyEwmaMs === 0 ? latencyMs : 0.95 * this.latencyEwmaMs + 0.05 * latencyMs;
  }
}
