import type { MetricsSnapshot, NodeMetrics } from '../../shared/runtime/api';
import { systemIntervalLatency, systemQueueDepth } from '../../shared/runtime/system-figures';

/** The columns every chart draws from: one row per snapshot. */
export const SERIES_COLUMNS = ['t', 'throughput', 'p50', 'p95', 'p99', 'queueDepth', 'errors'] as const;
export type SeriesColumn = (typeof SERIES_COLUMNS)[number];

/**
 * A bounded ring of rows with fixed numeric columns (Float64Array each), so a long run keeps
 * a constant memory and appending a snapshot allocates nothing.
 */
export class SeriesRing {
  private readonly cols: Record<SeriesColumn, Float64Array>;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`series capacity must be an integer ≥ 2, got ${capacity}`);
    this.cols = Object.fromEntries(SERIES_COLUMNS.map((c) => [c, new Float64Array(capacity)])) as Record<SeriesColumn, Float64Array>;
  }

  get length(): number {
    return this.count;
  }

  push(row: Record<SeriesColumn, number>): void {
    const i = (this.start + this.count) % this.capacity;
    for (const c of SERIES_COLUMNS) this.cols[c][i] = row[c];
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }

  /** the rows oldest first, one plain array per column (what uPlot takes) */
  columns(names: readonly SeriesColumn[]): number[][] {
    return names.map((c) => {
      const out = new Array<number>(this.count);
      const col = this.cols[c];
      for (let k = 0; k < this.count; k++) out[k] = col[(this.start + k) % this.capacity];
      return out;
    });
  }

  last(c: SeriesColumn): number | undefined {
    return this.count === 0 ? undefined : this.cols[c][(this.start + this.count - 1) % this.capacity];
  }
}

/**
 * Latency columns for a chart: a percentile of 0 means nothing completed in that interval
 * (stored series keep 0 in a NOT NULL column), drawn as a gap rather than as a fall to 0 ms.
 */
export function latencyGaps(cols: readonly number[][]): (number | null)[][] {
  return cols.map((c, i) => (i === 0 ? c : c.map((v) => (v > 0 ? v : null))));
}

/** Key of the whole-system series. */
export const SYSTEM = '*';

/**
 * One row per node and one for the whole system. Errors are per interval (the difference of the
 * cumulative counter), so a chart shows when they happened, not only that they added up; latency
 * percentiles are those of the snapshot's interval (system: shared/runtime/system-figures.ts).
 */
export function rowsFromSnapshot(s: MetricsSnapshot, prev: MetricsSnapshot | undefined): Map<string, Record<SeriesColumn, number>> {
  const rows = new Map<string, Record<SeriesColumn, number>>();
  const prevNodes = new Map<string, NodeMetrics>((prev?.nodes ?? []).map((n) => [n.id, n]));
  const t = s.timeMs / 1000;
  let sysThroughput = 0;
  let sysErrors = 0;
  for (const n of s.nodes) {
    const errors = Math.max(0, n.errors - (prevNodes.get(n.id)?.errors ?? 0));
    rows.set(n.id, { t, throughput: n.throughputPerSec, p50: n.latency.p50Ms, p95: n.latency.p95Ms, p99: n.latency.p99Ms, queueDepth: n.queueDepth, errors });
    // system throughput = what producers put in per second
    if (n.kind === 'producer') sysThroughput += n.throughputPerSec;
    sysErrors += errors;
  }
  const lat = systemIntervalLatency(s)?.latency;
  rows.set(SYSTEM, { t, throughput: sysThroughput, p50: lat?.p50Ms ?? 0, p95: lat?.p95Ms ?? 0, p99: lat?.p99Ms ?? 0, queueDepth: systemQueueDepth(s), errors: sysErrors });
  return rows;
}

/**
 * Rows of a stored series (runs.metrics, columnar). Errors there are cumulative when they never
 * decrease; they are turned into per-interval counts like the live rows.
 */
export function rowsFromMetricSeries(m: {
  timeMs: readonly number[]; throughputPerSec: readonly number[]; p50Ms: readonly number[]; p95Ms: readonly number[]; p99Ms: readonly number[]; queueDepth: readonly number[]; errors: readonly number[];
}): Record<SeriesColumn, number>[] {
  const cumulative = m.errors.every((v, i) => i === 0 || v >= m.errors[i - 1]);
  return m.timeMs.map((t, i) => ({
    t: t / 1000,
    throughput: m.throughputPerSec[i] ?? 0,
    p50: m.p50Ms[i] ?? 0,
    p95: m.p95Ms[i] ?? 0,
    p99: m.p99Ms[i] ?? 0,
    queueDepth: m.queueDepth[i] ?? 0,
    errors: cumulative ? Math.max(0, (m.errors[i] ?? 0) - (i > 0 ? m.errors[i - 1] : 0)) : (m.errors[i] ?? 0),
  }));
}
