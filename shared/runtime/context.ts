import type { EventChunk, Kpis, SimEvent, SimEventStatus } from './api';
import { EventLog } from './event-log';
import { NodeFaults } from './faults';
import type { Flows } from './flows';
import { OrderFulfilment } from './fulfilment';
import type { HeapScheduler } from './heap-scheduler';
import { Histogram } from './histogram';
import type { Msg } from './message';
import { Rng, fnv1a } from './prng';

/** Business counters (DESIGN.md §5 KPIs), fed by message creation and by session producers. */
export class KpiCounters {
  sessions = 0;
  checkouts = 0;
  orders = 0;
  revenue = 0;
  currency = 'EUR';
  cartsAbandoned = 0;
  recoveredCarts = 0;
  readonly lostOrders = new Set<string>();
  readonly checkoutLatency = new Histogram();

  constructor(readonly fulfilment: OrderFulfilment = new OrderFulfilment([], [], 0)) {}

  snapshot(now: number): Kpis {
    const f = this.fulfilment.figures(now);
    const conversion = this.sessions > 0 ? this.orders / this.sessions : this.checkouts > 0 ? Math.min(1, this.orders / this.checkouts) : 0;
    return {
      sessions: this.sessions,
      checkouts: this.checkouts,
      orders: this.orders,
      conversionRate: Math.round(conversion * 10000) / 10000,
      revenue: Math.round(this.revenue * 100) / 100,
      currency: this.currency,
      ordersLost: this.lostOrders.size,
      cartsAbandoned: this.cartsAbandoned,
      recoveredCarts: this.recoveredCarts,
      checkoutLatencyP99Ms: this.checkoutLatency.stats().p99Ms,
      fulfilmentSteps: f.steps,
      ordersFulfilled: f.fulfilled,
      ordersUnfulfilled: f.unfulfilled,
      revenueAtRisk: Math.round(f.revenueAtRisk * 100) / 100,
      ordersFailed: f.failed,
      fulfilmentP50Ms: f.p50Ms,
      fulfilmentP99Ms: f.p99Ms,
      orderSlaMs: f.slaMs,
      ordersDelayed: f.delayed,
    };
  }
}

type Listener = (m: Msg) => void;

/** Shared services of one run: clock, ids, event log, faults, flows, KPIs. */
export class RunContext {
  private msgSeq = 0;
  deliveries = 0;
  readonly logging: boolean;
  private readonly eventLog: EventLog | null;
  readonly kpis: KpiCounters;
  private readonly faults = new Map<string, NodeFaults>();
  private readonly createdListeners = new Map<string, Listener[]>();
  /** message id -> callback at its first successful processing (synchronous checkouts) */
  readonly firstProcessed = new Map<number, (now: number) => void>();

  constructor(
    readonly sched: HeapScheduler,
    readonly seed: number,
    private readonly logMode: 'all' | 'sampled' | 'none',
    private readonly sampleRate: number,
    onEvent: ((e: SimEvent) => void) | undefined,
    readonly flows: Flows,
    onEventChunk?: (c: EventChunk) => void,
    fulfilment?: OrderFulfilment,
  ) {
    this.kpis = new KpiCounters(fulfilment);
    this.logging = logMode !== 'none' && (onEvent !== undefined || onEventChunk !== undefined);
    this.eventLog = this.logging ? new EventLog(onEvent, onEventChunk) : null;
  }

  /** FNV-1a over the event log records (only when logging) */
  get logHash(): number {
    return this.eventLog?.hash ?? 0x811c9dc5;
  }

  /** hands buffered log records to hooks.onEventChunk */
  flushLog(): void {
    this.eventLog?.flush();
  }

  get now(): number {
    return this.sched.now();
  }

  get messages(): number {
    return this.msgSeq;
  }

  rngFor(nodeId: string, salt = 0): Rng {
    return new Rng(this.seed, fnv1a(nodeId) ^ salt);
  }

  faultsOf(nodeId: string): NodeFaults {
    let f = this.faults.get(nodeId);
    if (f === undefined) {
      f = new NodeFaults();
      this.faults.set(nodeId, f);
    }
    return f;
  }

  onCreated(type: string, fn: Listener): void {
    const list = this.createdListeners.get(type) ?? [];
    list.push(fn);
    this.createdListeners.set(type, list);
  }

  /** Create a message; `parent` null makes it the root of a new trace. */
  newMsg(type: string, key: string, payload: Record<string, unknown>, parent: Msg | null, source: string, poison = false): Msg {
    const id = ++this.msgSeq;
    const now = this.sched.now();
    const correlationId = parent === null ? id : parent.correlationId;
    const traced = parent === null ? this.sampleTrace(id) : parent.traced;
    const m: Msg = { id, type, key, payload, correlationId, causationId: parent === null ? -1 : parent.id, createdAt: now, poison, traced, logType: 0, logHash: 0 };
    if (traced) this.eventLog!.prepare(m);
    this.countKpis(m);
    this.flows.created(m, now);
    const listeners = this.createdListeners.get(type);
    if (listeners !== undefined) for (const fn of listeners) fn(m);
    if (traced) this.log(m, 'emitted', source, '');
    return m;
  }

  private sampleTrace(id: number): boolean {
    if (!this.logging) return false;
    if (this.logMode === 'all') return true;
    // hash of (seed, id): whole traces are kept or skipped, independent of arrival order
    return (fnv1a(String(id), this.seed >>> 0) / 4294967296) < this.sampleRate;
  }

  private countKpis(m: Msg): void {
    const f = this.kpis.fulfilment;
    if (f.measured && f.concerns(m.type)) this.countFulfilment(f, m);
    switch (m.type) {
      case 'CheckoutStarted': this.kpis.checkouts++; break;
      case 'CartAbandoned': this.kpis.cartsAbandoned++; break;
      case 'OrderPlaced': {
        this.kpis.orders++;
        const amount = m.payload['amount'];
        if (typeof amount === 'number') this.kpis.revenue += amount;
        const cur = m.payload['currency'];
        if (typeof cur === 'string') this.kpis.currency = cur;
        break;
      }
    }
  }

  private countFulfilment(f: OrderFulfilment, m: Msg): void {
    const orderId = m.payload['orderId'];
    if (typeof orderId !== 'string') return;
    if (m.type === 'OrderPlaced') {
      const amount = m.payload['amount'];
      f.placed(orderId, typeof amount === 'number' ? amount : 0, this.sched.now());
    } else {
      f.event(m.type, orderId, this.sched.now());
    }
  }

  /** A message left the system without being handled (drop / dead letter): is an order lost? */
  lost(m: Msg): void {
    const orderId = m.payload['orderId'];
    if (typeof orderId === 'string' && !this.kpis.lostOrders.has(orderId)) {
      this.kpis.lostOrders.add(orderId);
      this.kpis.fulfilment.lost(orderId);
      const amount = m.payload['amount'];
      if (m.type === 'OrderPlaced' && typeof amount === 'number') this.kpis.revenue -= amount;
    }
  }

  log(m: Msg, status: SimEventStatus, source: string, target: string, attempt?: number, reason?: string): void {
    if (!m.traced || this.eventLog === null) return;
    this.eventLog.record(m, this.sched.now(), status, source, target, attempt ?? -1, reason);
  }
}
