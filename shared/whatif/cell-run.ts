/**
 * One simulation of a sweep: cell × seed. Pure (the worker threads, tests and the CLI without
 * workers all call this), deterministic by seed. Keeps only what the sweep reports — the metrics
 * record and each broker's backlog figures — so memory does not grow with the grid.
 */
import type { Topology } from '../model/topology';
import type { MetricsSnapshot, RunSummary, ScenarioInput } from '../runtime/api';
import { Scenario } from '../runtime/api';
import { createSimulation } from '../runtime/simulation';
import { measureBackpressure, overloadStartMs } from './backpressure';
import type { BacklogFigures, BacklogSeries } from './backpressure';
import { extractMetrics } from './metrics';
import type { CellMetrics } from './metrics';

export const DEFAULT_BACKLOG_THRESHOLD = 1000;
/** backlog samples per run: enough for a slope and crossing times to 1/300 of the run */
const SAMPLES = 300;

export interface CellRun {
  cell: number;
  seed: number;
  metrics: CellMetrics;
  /** per topic and queue */
  backlog: Record<string, BacklogFigures>;
  /** simulated messages (for the pool's throughput figures) */
  messages: number;
  /** the run kept in SQLite for this cell × seed (a saved sweep), else absent */
  runId?: number;
}

/** What a caller keeping the cell's run sees (the sweep worker's recorder): every snapshot, then the summary. */
export interface CellRunObserver {
  snapshot(s: MetricsSnapshot): void;
  end(summary: RunSummary, scenario: Scenario): void;
}

/** The snapshot interval of a cell run: 300 samples, at least 1 s apart. */
export function cellSnapshotIntervalMs(durationSec: number): number {
  return Math.max(1000, Math.round((durationSec * 1000) / SAMPLES));
}

export function runCell(cell: number, topology: Topology, scenario: ScenarioInput, seed: number, threshold = DEFAULT_BACKLOG_THRESHOLD, observer?: CellRunObserver): CellRun {
  const base = Scenario.parse({ ...scenario, seed });
  const every = cellSnapshotIntervalMs(base.durationSec);
  const brokers = topology.nodes.filter((n) => n.kind === 'topic' || n.kind === 'queue');
  const series = new Map<string, BacklogSeries>(brokers.map((b) => [b.id, [{ timeMs: 0, depth: 0 }]]));
  const used: Scenario = { ...base, snapshotIntervalMs: every, eventLog: 'none' };
  const sim = createSimulation(topology, used, {
    onSnapshot: (s) => {
      for (const n of s.nodes) series.get(n.id)?.push({ timeMs: s.timeMs, depth: n.queueDepth });
      observer?.snapshot(s);
    },
  });
  const summary = sim.runToEnd();
  observer?.end(summary, used);
  const backlog: Record<string, BacklogFigures> = {};
  for (const b of brokers) {
    if (b.kind !== 'topic' && b.kind !== 'queue') continue;
    backlog[b.id] = measureBackpressure(series.get(b.id) ?? [], threshold, b.settings.capacity, overloadStartMs(topology, base, b.id));
  }
  return { cell, seed, metrics: extractMetrics(summary), backlog, messages: summary.messages };
}

/** The metric names this topology's runs report (a 1 ms run: what names exist is known before a sweep starts). */
export function metricNamesOf(topology: Topology, scenario: ScenarioInput): Set<string> {
  const base = Scenario.parse({ ...scenario, seed: 0 });
  const sim = createSimulation(topology, { ...base, durationSec: 0.001, snapshotIntervalMs: 0, eventLog: 'none', faults: [] });
  return new Set(Object.keys(extractMetrics(sim.runToEnd())));
}
