/**
 * The whole system's figures of one snapshot, defined once for the live chart (renderer) and
 * the stored series (run recorder), so a replay draws what the live run drew (docs/runtime.md).
 */
import type { LatencyStats, MetricsSnapshot } from './api';

/** Messages waiting anywhere now: each is in exactly one node's queueDepth, so the sum counts it once. */
export function systemQueueDepth(s: MetricsSnapshot): number {
  let d = 0;
  for (const n of s.nodes) d += n.queueDepth;
  return d;
}

/**
 * End-to-end latency of the snapshot's interval: the first flow's (its name is the chart's
 * subject); with no flow, the node whose interval p99 is highest. count 0 = nothing completed
 * in the interval: there is no percentile to plot.
 */
export function systemIntervalLatency(s: MetricsSnapshot): { latency: LatencyStats; source: string } | null {
  const flow = s.flows[0];
  if (flow !== undefined) return { latency: flow.intervalLatency, source: flow.name };
  let best: { latency: LatencyStats; source: string } | null = null;
  for (const n of s.nodes) {
    if (n.latency.count > 0 && (best === null || n.latency.p99Ms > best.latency.p99Ms)) best = { latency: n.latency, source: n.name };
  }
  return best;
}
