import { Histogram, bucketOf } from './histogram';

/**
 * Counters of one node. Cumulative values only; snapshots derive interval rates from the
 * previous snapshot's values. Areas integrate counts over simulated time (Little's law L,
 * utilisation) and are updated at every change, which is O(1).
 */
export class NodeStats {
  in = 0;
  out = 0;
  errors = 0;
  retries = 0;
  deadLetters = 0;
  drops = 0;
  duplicates = 0;
  /**
   * waiting for this node now, wherever it waits (for a consumer: its broker lanes + its inbox):
   * the waiting part of L. Not the displayed queue depth: see RuntimeNode.depth() / lag().
   */
  waiting = 0;
  waitingPeak = 0;
  inFlight = 0;
  /** ∫ (waiting + inFlight) dt and ∫ inFlight dt, in message·ms */
  systemArea = 0;
  busyArea = 0;
  private lastT = 0;
  readonly latency = new Histogram();
  readonly intervalLatency = new Histogram();

  private integrate(now: number): void {
    const dt = now - this.lastT;
    if (dt > 0) {
      this.systemArea += (this.waiting + this.inFlight) * dt;
      this.busyArea += this.inFlight * dt;
      this.lastT = now;
    }
  }

  addWaiting(now: number, delta: number): void {
    this.integrate(now);
    this.waiting += delta;
    if (this.waiting > this.waitingPeak) this.waitingPeak = this.waiting;
  }

  addInFlight(now: number, delta: number): void {
    this.integrate(now);
    this.inFlight += delta;
  }

  /** close the areas at `now` (before reading them) */
  settle(now: number): void {
    this.integrate(now);
  }

  recordLatency(ms: number): void {
    const b = bucketOf(ms);
    this.latency.recordAt(b, ms);
    this.intervalLatency.recordAt(b, ms);
  }
}
