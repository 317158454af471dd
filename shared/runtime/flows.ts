import type { FlowIntervalMetrics, FlowMetrics, FlowSpec } from './api';
import { Histogram, bucketOf } from './histogram';
import type { Msg } from './message';

/** what a flow looks at in a message (a simulated Msg, or a live run's message) */
export type FlowMsg = Pick<Msg, 'type' | 'correlationId'>;

/** Open traces older than this are forgotten (their flow never completed): bounded memory. */
const OPEN_HORIZON_MS = 3_600_000;
const MAX_OPEN = 200_000;

class FlowTracker {
  readonly latency = new Histogram();
  /** since the last snapshot: a cumulative p99 never comes down after a drained backlog */
  readonly intervalLatency = new Histogram();
  /** correlationId -> start time; insertion order = start order, so eviction is from the front */
  private readonly open = new Map<number, number>();
  expired = 0;

  constructor(readonly spec: FlowSpec) {}

  seen(m: FlowMsg, now: number): void {
    if (m.type === this.spec.from) {
      if (!this.open.has(m.correlationId)) {
        this.open.set(m.correlationId, now);
        if (this.open.size > MAX_OPEN) this.evict(now, true);
      }
    } else if (m.type === this.spec.to) {
      const start = this.open.get(m.correlationId);
      if (start !== undefined) {
        this.open.delete(m.correlationId);
        const ms = now - start;
        const b = bucketOf(ms);
        this.latency.recordAt(b, ms);
        this.intervalLatency.recordAt(b, ms);
      }
    }
  }

  evict(now: number, force = false): void {
    for (const [id, t] of this.open) {
      if (!force && now - t < OPEN_HORIZON_MS) break;
      this.open.delete(id);
      this.expired++;
      force = false;
    }
  }

  metrics(): FlowMetrics {
    return { ...this.spec, latency: this.latency.stats(), open: this.open.size };
  }

  /** cumulative + this interval's figures; starts the next interval */
  closeInterval(): FlowIntervalMetrics {
    const m = { ...this.metrics(), intervalLatency: this.intervalLatency.stats() };
    this.intervalLatency.reset();
    return m;
  }
}

/** End-to-end latency per flow, matched through correlationId. */
export class Flows {
  private readonly trackers: FlowTracker[];
  private readonly byType = new Map<string, FlowTracker[]>();

  constructor(specs: readonly FlowSpec[]) {
    this.trackers = specs.map((s) => new FlowTracker(s));
    for (const t of this.trackers) {
      for (const type of [t.spec.from, t.spec.to]) {
        const list = this.byType.get(type) ?? [];
        list.push(t);
        this.byType.set(type, list);
      }
    }
  }

  created(m: FlowMsg, now: number): void {
    const list = this.byType.get(m.type);
    if (list !== undefined) for (const t of list) t.seen(m, now);
  }

  housekeeping(now: number): void {
    for (const t of this.trackers) t.evict(now);
  }

  /** cumulative figures (summary) */
  metrics(): FlowMetrics[] {
    return this.trackers.map((t) => t.metrics());
  }

  /** for a snapshot: cumulative and per-interval figures; the interval histograms restart */
  closeInterval(): FlowIntervalMetrics[] {
    return this.trackers.map((t) => t.closeInterval());
  }
}

/** Commerce flows measured by default when both ends occur in the topology. */
export const DEFAULT_FLOWS: readonly FlowSpec[] = [
  { name: 'checkout → order', from: 'CheckoutStarted', to: 'OrderPlaced' },
  { name: 'order → confirmed', from: 'OrderPlaced', to: 'OrderConfirmed' },
  { name: 'order → payment authorized', from: 'OrderPlaced', to: 'PaymentAuthorized' },
  { name: 'order → inventory reserved', from: 'OrderPlaced', to: 'InventoryReserved' },
  { name: 'order → shipment', from: 'OrderPlaced', to: 'ShipmentCreated' },
  { name: 'order → e-mail', from: 'OrderPlaced', to: 'EmailSent' },
  { name: 'abandoned cart → e-mail', from: 'CartAbandoned', to: 'EmailSent' },
];
