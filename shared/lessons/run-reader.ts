/**
 * A learner's stored run as a lesson run, read through the api: its summary (runs.get) and, for
 * the time-series claims of the lesson, the stored snapshot in force at each time they name
 * (runs.stateAt: the last one at or before it). Those are exactly the snapshots the headless
 * check's `readFigure` would pick from the full series, so the player and `eventflow lessons check`
 * read the same number from the same run.
 */
import type { ApiClient } from '../api/client';
import type { Fault, MetricsSnapshot } from '../runtime/api';
import type { LessonRun } from './figures';
import type { Metric } from './metrics';
import type { Claim, Lesson } from './schema';

function metricsOf(c: Claim): Metric[] {
  if (c.kind === 'figure') return [c.metric];
  if (c.kind === 'compare') return [c.left.metric, c.right.metric];
  return [];
}

/** Every time (in seconds) a time-series claim of these steps reads, ascending, each once. */
export function seriesTimes(steps: Lesson['steps']): number[] {
  const at = new Set<number>();
  for (const s of steps) for (const c of s.claims) for (const m of metricsOf(c)) if ('series' in m) at.add(m.atSec);
  return [...at].sort((a, b) => a - b);
}

export interface StoredLessonRun {
  run: LessonRun;
  /** the run's faults (the inject-fault action recognises them) */
  faults: Fault[];
}

/**
 * Reads run `runId` as lesson run `label`. Undefined when the run has no summary (not finished).
 * `atSec`: the times series claims read (seriesTimes); the api is asked once per time.
 */
export async function readStoredLessonRun(api: Pick<ApiClient, 'call'>, runId: number, label: string, atSec: readonly number[]): Promise<StoredLessonRun | undefined> {
  const d = await api.call('runs.get', { runId });
  if (!d.summary) return undefined;
  const states = await Promise.all(atSec.map((s) => api.call('runs.stateAt', { runId, timeMs: s * 1000 })));
  const byTime = new Map<number, MetricsSnapshot>();
  for (const st of states) if (st.snapshot) byTime.set(st.snapshot.timeMs, st.snapshot);
  const snapshots = [...byTime.values()].sort((a, b) => a.timeMs - b.timeMs);
  return { run: { label, summary: d.summary, snapshots }, faults: d.faults.map((f) => f.fault) };
}
