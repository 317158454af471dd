/**
 * RunRecorder: buffers what a running simulation produces (events into blocks, snapshots into
 * metric rows) and writes it in one transaction per flush. Lives in the run worker.
 */
import type { RunSettings, RunStatus } from '../../../shared/api/runs';
import type { EventChunk, MetricsSnapshot, SimEvent } from '../../../shared/runtime/api';
import { systemIntervalLatency, systemQueueDepth } from '../../../shared/runtime/system-figures';
import { BlockBuilder, DictionaryBuilder } from './event-block';
import type { SealedBlock } from './event-block';
import { runKpisOf } from './kpis';
import type { MetricRow, RunBatch } from './run-repository';

/** events per block: big enough that a row costs little, small enough to decode in ~1 ms */
export const BLOCK_EVENTS = 2048;

export class RunRecorder {
  private readonly dict = new DictionaryBuilder();
  private readonly block: BlockBuilder;
  private blocks: SealedBlock[] = [];
  private metrics: MetricRow[] = [];
  private snapshots: { timeMs: number; json: string }[] = [];
  private stored = 0;
  private truncated = false;
  private latest: MetricsSnapshot | null = null;
  private dirty = false;
  private readonly cap: number;

  constructor(private readonly repo: { writeBatch(id: number, b: RunBatch): void }, private readonly runId: number, settings: RunSettings) {
    this.block = new BlockBuilder(this.dict, BLOCK_EVENTS);
    this.cap = settings.retention === 'none' ? 0 : settings.retention === 'all' ? settings.eventCap : Number.MAX_SAFE_INTEGER;
  }

  get eventCount(): number {
    return this.stored;
  }

  /** hooks.onEvent: keep it cheap, it runs for every event of the simulation */
  readonly onEvent = (e: SimEvent): void => {
    if (this.stored >= this.cap) {
      this.truncated = true;
      return;
    }
    this.block.add(e);
    this.stored++;
    if (this.block.size >= BLOCK_EVENTS) this.blocks.push(this.block.sealBytes()!);
  };

  /** hooks.onEventChunk: the app's path, records copied column by column into blocks */
  readonly onEventChunk = (c: EventChunk): void => {
    let j = 0;
    while (j < c.length) {
      const room = this.cap - this.stored;
      if (room <= 0) {
        this.truncated = true;
        return;
      }
      const took = this.block.addChunk(c, j, j + Math.min(c.length - j, room));
      j += took;
      this.stored += took;
      if (this.block.size >= BLOCK_EVENTS) this.blocks.push(this.block.sealBytes()!);
    }
  };

  onSnapshot(s: MetricsSnapshot): void {
    this.latest = s;
    this.dirty = true;
    this.snapshots.push({ timeMs: s.timeMs, json: JSON.stringify(s) });
    let errors = 0;
    let retries = 0;
    let dead = 0;
    let drops = 0;
    let inFlight = 0;
    for (const n of s.nodes) {
      this.metrics.push({
        node: n.id, time_ms: s.timeMs, throughput: n.throughputPerSec, queue_depth: n.queueDepth, consumer_lag: n.consumerLag, in_flight: n.inFlight,
        utilisation: n.utilisation, p50: n.latency.p50Ms, p95: n.latency.p95Ms, p99: n.latency.p99Ms, errors: n.errors, retries: n.retries,
        dead_letters: n.deadLetters, drops: n.drops, state: n.state, orders: null, revenue: null, orders_lost: null,
      });
      errors += n.errors;
      retries += n.retries;
      dead += n.deadLetters;
      drops += n.drops;
      inFlight += n.inFlight;
    }
    // per interval, like the node rows: a cumulative percentile never comes down after a drain
    const lat = systemIntervalLatency(s)?.latency;
    let deliveriesRate = 0;
    for (const e of s.edges) deliveriesRate += e.ratePerSec;
    this.metrics.push({
      node: '', time_ms: s.timeMs, throughput: Math.round(deliveriesRate * 1000) / 1000, queue_depth: systemQueueDepth(s), consumer_lag: 0, in_flight: inFlight, utilisation: 0,
      p50: lat?.p50Ms ?? 0, p95: lat?.p95Ms ?? 0, p99: lat?.p99Ms ?? 0, errors, retries, dead_letters: dead, drops, state: 'healthy',
      orders: s.kpis.orders, revenue: s.kpis.revenue, orders_lost: s.kpis.ordersLost,
    });
  }

  get latestSnapshot(): MetricsSnapshot | null {
    return this.latest;
  }

  get pendingBlocks(): number {
    return this.blocks.length;
  }

  /** Writes everything buffered (and the partial block) in one transaction. */
  flush(simMs: number, status: RunStatus | null = null): void {
    const last = this.block.sealBytes();
    if (last !== null) this.blocks.push(last);
    const dictChanged = this.dict.takeChanged();
    this.repo.writeBatch(this.runId, {
      blocks: this.blocks,
      metrics: this.metrics,
      snapshots: this.snapshots,
      dict: dictChanged ? this.dict.dict : null,
      simMs,
      eventCount: this.stored,
      eventsTruncated: this.truncated,
      kpis: this.dirty && this.latest !== null ? runKpisOf(this.latest, this.latest.timeMs) : null,
      status,
    });
    this.blocks = [];
    this.metrics = [];
    this.snapshots = [];
    this.dirty = false;
  }
}
