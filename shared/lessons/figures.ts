/**
 * Reading one figure out of a run: its summary (cumulative) or its snapshots (the time series).
 * A run is what the headless check produced or what the learner ran in the app; both carry the
 * same RunSummary and MetricsSnapshots, so claims read them the same way.
 */
import type { LatencyStats, MetricsSnapshot, NodeMetrics, NodeSummary, RunSummary } from '../runtime/api';
import type { Metric } from './metrics';

export interface LessonRun {
  label: string;
  summary: RunSummary;
  /** the periodic snapshots, in time order (may be empty: series claims then say so) */
  snapshots: readonly MetricsSnapshot[];
}

export type FigureResult = { ok: true; value: number } | { ok: false; reason: string };

const latencyFigure: Record<string, keyof LatencyStats> = {
  latencyMeanMs: 'meanMs', latencyP50Ms: 'p50Ms', latencyP95Ms: 'p95Ms', latencyP99Ms: 'p99Ms', latencyMaxMs: 'maxMs',
};

function nodeFigure(n: NodeSummary | NodeMetrics, figure: string): number | undefined {
  const l = latencyFigure[figure];
  if (l !== undefined) return n.latency[l];
  const v = (n as unknown as Record<string, unknown>)[figure];
  return typeof v === 'number' ? v : undefined;
}

/** The snapshot in force at `ms`: the last one taken at or before it. */
function snapshotAt(snaps: readonly MetricsSnapshot[], ms: number): MetricsSnapshot | undefined {
  let lo = 0;
  let hi = snaps.length - 1;
  let found: MetricsSnapshot | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = snaps[mid]!;
    if (s.timeMs <= ms) {
      found = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function readFigure(run: LessonRun, m: Metric): FigureResult {
  const s = run.summary;
  if ('kpi' in m) {
    const v = s.kpis[m.kpi];
    return typeof v === 'number' ? { ok: true, value: v } : { ok: false, reason: `run "${run.label}" reports no ${m.kpi}` };
  }
  if ('flow' in m) {
    const f = s.flows.find((x) => x.name === m.flow);
    if (!f) return { ok: false, reason: `run "${run.label}" measured no flow "${m.flow}" (it has: ${s.flows.map((x) => x.name).join(', ') || 'none'})` };
    if (m.figure === 'open') return { ok: true, value: f.open };
    if (m.figure === 'completed') return { ok: true, value: f.latency.count };
    return { ok: true, value: f.latency[latencyFigure[m.figure]!] };
  }
  if ('series' in m) {
    const snap = snapshotAt(run.snapshots, m.atSec * 1000);
    if (!snap) return { ok: false, reason: `run "${run.label}" has no snapshot at or before ${m.atSec} s` };
    const n = snap.nodes.find((x) => x.id === m.node);
    if (!n) return { ok: false, reason: `run "${run.label}" has no node "${m.node}"` };
    const v = nodeFigure(n, m.series);
    return v === undefined ? { ok: false, reason: `node "${m.node}" has no ${m.series}` } : { ok: true, value: v };
  }
  const n = s.nodes.find((x) => x.id === m.node);
  if (!n) return { ok: false, reason: `run "${run.label}" has no node "${m.node}"` };
  const v = nodeFigure(n, m.figure);
  return v === undefined ? { ok: false, reason: `node "${m.node}" has no ${m.figure}` } : { ok: true, value: v };
}

/** Node id → name over the runs' summaries, for explanations in the learner's words. */
export function nodeNames(runs: Iterable<LessonRun>): (id: string) => string {
  const names = new Map<string, string>();
  for (const r of runs) for (const n of r.summary.nodes) names.set(n.id, n.name);
  return (id) => names.get(id) ?? id;
}
