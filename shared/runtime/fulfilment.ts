/**
 * Order fulfilment (docs/runtime.md, "Figures"): an order is *fulfilled* when every fulfilment
 * step the topology performs has succeeded for its orderId; the steps are the FULFILMENT_STEPS
 * that some service emits on success (checkout templates: InventoryReserved + PaymentAuthorized;
 * monolith: OrderConfirmed). An order is *failed* when an ORDER_FAILURES event carries its
 * orderId, *lost* when dropped or dead-lettered (RunContext.lost), else it is *unfulfilled*:
 * still waiting in a broker or in flight. Memory is bounded by the open orders plus the orders
 * placed within the last SLA.
 */
import type { Topology } from '../model/topology';
import { Histogram } from './histogram';
import { Ring } from './ring';

/** success events that complete one step of an order, in chain order */
export const FULFILMENT_STEPS: readonly string[] = ['InventoryReserved', 'PaymentAuthorized', 'ShipmentCreated', 'OrderConfirmed'];
/** events that close an order without fulfilling it */
export const ORDER_FAILURES: readonly string[] = ['OutOfStock', 'PaymentFailed', 'OrderCancelled'];

/** The fulfilment steps and failure events some service of the topology emits. */
export function fulfilmentOf(t: Topology): { steps: string[]; failures: string[] } {
  const ok = new Set<string>();
  const any = new Set<string>();
  for (const n of t.nodes) {
    if (n.kind !== 'service') continue;
    for (const x of n.settings.emitsOnSuccess) {
      ok.add(x);
      any.add(x);
    }
    for (const x of n.settings.emitsOnFailure) any.add(x);
  }
  return { steps: FULFILMENT_STEPS.filter((s) => ok.has(s)), failures: ORDER_FAILURES.filter((f) => any.has(f)) };
}

interface Order {
  placedAt: number;
  cents: number;
  /** bit per step still to do */
  pending: number;
  open: boolean;
  /** counted in openOverdue */
  overdue: boolean;
}

export interface FulfilmentFigures {
  steps: string[];
  fulfilled: number;
  unfulfilled: number;
  revenueAtRisk: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  slaMs: number;
  /** fulfilled after the SLA + still unfulfilled and older than the SLA */
  delayed: number;
}

export class OrderFulfilment {
  private readonly bits = new Map<string, number>();
  private readonly failures: ReadonlySet<string>;
  private readonly all: number;
  private readonly open = new Map<string, Order>();
  /** orders in placement order until they are older than the SLA */
  private readonly young = new Ring<Order>();
  readonly latency = new Histogram();
  private fulfilled = 0;
  private failed = 0;
  private lateFulfilled = 0;
  private openOverdue = 0;
  private atRiskCents = 0;

  constructor(private readonly steps: readonly string[], failures: readonly string[], readonly slaMs: number) {
    steps.forEach((s, i) => this.bits.set(s, 1 << i));
    this.all = (1 << steps.length) - 1;
    this.failures = new Set(failures);
  }

  /** false: the topology performs no fulfilment step, nothing is tracked */
  get measured(): boolean {
    return this.steps.length > 0;
  }

  /** does a message of this type concern fulfilment? (cheap filter for every message) */
  concerns(type: string): boolean {
    return type === 'OrderPlaced' || this.bits.has(type) || this.failures.has(type);
  }

  placed(orderId: string, amount: number, now: number): void {
    if (!this.measured || this.open.has(orderId)) return;
    const o: Order = { placedAt: now, cents: Math.round(amount * 100), pending: this.all, open: true, overdue: false };
    this.open.set(orderId, o);
    this.young.push(o);
    this.atRiskCents += o.cents;
    this.age(now);
  }

  /** a step or failure event carrying orderId was created */
  event(type: string, orderId: string, now: number): void {
    const o = this.open.get(orderId);
    if (o === undefined) return;
    const bit = this.bits.get(type);
    if (bit !== undefined) {
      o.pending &= ~bit;
      if (o.pending !== 0) return;
      this.fulfilled++;
      const ms = now - o.placedAt;
      this.latency.record(ms);
      if (ms > this.slaMs) this.lateFulfilled++;
      this.close(orderId, o);
    } else if (this.failures.has(type)) {
      this.failed++;
      this.close(orderId, o);
    }
  }

  /** dropped or dead-lettered: counted in ordersLost, no longer open */
  lost(orderId: string): void {
    const o = this.open.get(orderId);
    if (o !== undefined) this.close(orderId, o);
  }

  private close(orderId: string, o: Order): void {
    this.open.delete(orderId);
    o.open = false;
    this.atRiskCents -= o.cents;
    if (o.overdue) this.openOverdue--;
  }

  /** marks open orders that passed the SLA (amortised O(1): each order is looked at once) */
  private age(now: number): void {
    for (let o = this.young.peek(); o !== undefined && now - o.placedAt > this.slaMs; o = this.young.peek()) {
      this.young.shift();
      if (o.open) {
        o.overdue = true;
        this.openOverdue++;
      }
    }
  }

  figures(now: number): FulfilmentFigures {
    this.age(now);
    return {
      steps: [...this.steps],
      fulfilled: this.fulfilled,
      unfulfilled: this.open.size,
      revenueAtRisk: this.atRiskCents / 100,
      failed: this.failed,
      p50Ms: round(this.latency.quantile(0.5)),
      p99Ms: round(this.latency.quantile(0.99)),
      slaMs: this.slaMs,
      delayed: this.lateFulfilled + this.openOverdue,
    };
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
