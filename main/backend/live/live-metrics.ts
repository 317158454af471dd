/**
 * What a live run measures, per node, shaped as the runtime's MetricsSnapshot / RunSummary so the
 * run store, compare and report take a live run like a simulated one. Times are wall ms since
 * the run started. Latency is publish -> ack (queue wait + processing + retries). End-to-end
 * flows (OrderPlaced -> PaymentAuthorized, ...) and order fulfilment are measured as the
 * simulator measures them (shared/runtime/flows.ts, fulfilment.ts), at the wall time a message
 * is created: a reaction when its consumer finished processing the cause.
 */
import type { Topology } from '../../../shared/model/topology';
import type { Kpis, MetricsSnapshot, NodeMetrics, NodeSummary, RunSummary, Scenario } from '../../../shared/runtime/api';
import { Flows } from '../../../shared/runtime/flows';
import { OrderFulfilment, fulfilmentOf } from '../../../shared/runtime/fulfilment';
import { Histogram } from '../../../shared/runtime/histogram';
import { defaultFlows } from '../../../shared/runtime/simulation';

export class NodeCounters {
  in = 0;
  out = 0;
  errors = 0;
  retries = 0;
  deadLetters = 0;
  drops = 0;
  duplicates = 0;
  inFlight = 0;
  depth = 0;
  depthPeak = 0;
  lag = 0;
  down = false;
  /** completions in the current interval */
  intervalDone = 0;
  busyMs = 0;
  readonly latency = new Histogram();
  readonly intervalLatency = new Histogram();
  /** consumer slots (instances × concurrency); a live scale changes it */
  constructor(readonly id: string, readonly kind: NodeMetrics['kind'], readonly name: string, public slots: number) {}

  done(latencyMs: number, busyMs: number): void {
    this.out++;
    this.intervalDone++;
    this.busyMs += busyMs;
    this.latency.record(latencyMs);
    this.intervalLatency.record(latencyMs);
  }
}

export class LiveMetrics {
  readonly nodes = new Map<string, NodeCounters>();
  orders = 0;
  revenue = 0;
  /** orders with a message dropped or dead-lettered (as RunContext.lost counts them) */
  readonly lostOrders = new Set<string>();
  readonly flows: Flows;
  readonly fulfilment: OrderFulfilment;
  /** broker confirm time of OrderPlaced: what an async checkout makes the buyer wait */
  readonly checkoutLatency = new Histogram();
  messages = 0;
  deliveries = 0;
  private lastSnapshotMs = 0;
  private intervalBusy = new Map<string, number>();

  constructor(private readonly topology: Topology, private readonly scenario: Scenario) {
    this.flows = new Flows(scenario.flows.length > 0 ? scenario.flows : defaultFlows(topology));
    const ful = fulfilmentOf(topology);
    this.fulfilment = new OrderFulfilment(ful.steps, ful.failures, scenario.orderSlaSec * 1000);
    for (const n of topology.nodes) {
      if (n.kind === 'group') continue;
      const slots = n.kind === 'service' ? n.settings.instances * n.settings.concurrency : n.kind === 'sink' ? n.settings.concurrency : 0;
      this.nodes.set(n.id, new NodeCounters(n.id, n.kind, n.name, slots));
    }
  }

  of(id: string): NodeCounters {
    const c = this.nodes.get(id);
    if (c === undefined) throw new RangeError(`no node "${id}" in the live run`);
    return c;
  }

  private state(c: NodeCounters): NodeMetrics['state'] {
    if (c.down) return 'down';
    if (c.errors > 0 && c.out === 0) return 'failing';
    return c.errors > 0 || c.drops > 0 ? 'degraded' : 'healthy';
  }

  get ordersLost(): number {
    return this.lostOrders.size;
  }

  /** a message was created at `timeMs` (run ms): flows and fulfilment follow it */
  created(m: { type: string; correlationId: number; payload: Record<string, unknown> }, timeMs: number): void {
    this.flows.created(m, timeMs);
    const f = this.fulfilment;
    if (!f.measured || !f.concerns(m.type)) return;
    const orderId = m.payload['orderId'];
    if (typeof orderId !== 'string') return;
    if (m.type === 'OrderPlaced') {
      const amount = m.payload['amount'];
      f.placed(orderId, typeof amount === 'number' ? amount : 0, timeMs);
    } else {
      f.event(m.type, orderId, timeMs);
    }
  }

  /** a message left the broker unhandled (dropped, dead-lettered): its order is lost */
  lost(payload: Record<string, unknown>): void {
    const orderId = payload['orderId'];
    if (typeof orderId !== 'string' || this.lostOrders.has(orderId)) return;
    this.lostOrders.add(orderId);
    this.fulfilment.lost(orderId);
  }

  private kpis(timeMs: number): Kpis {
    const f = this.fulfilment.figures(timeMs);
    return {
      sessions: 0, checkouts: this.orders, orders: this.orders, conversionRate: 0, revenue: Math.round(this.revenue * 100) / 100, currency: 'EUR',
      ordersLost: this.ordersLost, cartsAbandoned: 0, recoveredCarts: 0, checkoutLatencyP99Ms: this.checkoutLatency.stats().p99Ms,
      fulfilmentSteps: f.steps, ordersFulfilled: f.fulfilled, ordersUnfulfilled: f.unfulfilled, revenueAtRisk: Math.round(f.revenueAtRisk * 100) / 100,
      ordersFailed: f.failed, fulfilmentP50Ms: f.p50Ms, fulfilmentP99Ms: f.p99Ms, orderSlaMs: f.slaMs, ordersDelayed: f.delayed,
    };
  }

  /** a snapshot at `timeMs`; closes the interval (rates and interval latencies restart) */
  snapshot(timeMs: number): MetricsSnapshot {
    const intervalMs = Math.max(1, timeMs - this.lastSnapshotMs);
    this.lastSnapshotMs = timeMs;
    const nodes: NodeMetrics[] = [];
    for (const c of this.nodes.values()) {
      const prevBusy = this.intervalBusy.get(c.id) ?? 0;
      this.intervalBusy.set(c.id, c.busyMs);
      nodes.push({
        id: c.id, kind: c.kind, name: c.name, in: c.in, out: c.out, throughputPerSec: round((c.intervalDone * 1000) / intervalMs),
        queueDepth: c.depth, queueDepthPeak: c.depthPeak, consumerLag: c.lag, inFlight: c.inFlight,
        utilisation: c.slots > 0 ? round(Math.min(1, (c.busyMs - prevBusy) / (c.slots * intervalMs))) : 0,
        latency: c.intervalLatency.stats(), errors: c.errors, retries: c.retries, deadLetters: c.deadLetters, drops: c.drops, duplicates: c.duplicates, state: this.state(c),
      });
      c.intervalDone = 0;
      c.intervalLatency.reset();
    }
    this.flows.housekeeping(timeMs);
    return { timeMs, intervalMs, nodes, edges: [], flows: this.flows.closeInterval(), kpis: this.kpis(timeMs), messages: this.messages, deliveries: this.deliveries };
  }

  summary(timeMs: number, completed: boolean): RunSummary {
    const nodes: NodeSummary[] = [...this.nodes.values()].map((c) => ({
      id: c.id, kind: c.kind, name: c.name, in: c.in, out: c.out, throughputPerSec: timeMs > 0 ? round((c.out * 1000) / timeMs) : 0,
      queueDepth: c.depth, queueDepthPeak: c.depthPeak, consumerLag: c.lag, inFlight: c.inFlight,
      utilisation: c.slots > 0 && timeMs > 0 ? round(Math.min(1, c.busyMs / (c.slots * timeMs))) : 0,
      latency: c.latency.stats(), errors: c.errors, retries: c.retries, deadLetters: c.deadLetters, drops: c.drops, duplicates: c.duplicates, state: this.state(c),
      meanInSystem: 0,
    }));
    return {
      topologyName: this.topology.name, seed: this.scenario.seed, durationSec: this.scenario.durationSec, simulatedMs: timeMs, completed,
      messages: this.messages, deliveries: this.deliveries, nodes, edges: [], flows: this.flows.metrics(), kpis: this.kpis(timeMs), faults: this.scenario.faults, eventLogHash: null,
    };
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
