/**
 * The Twin action of a stored live run: the same topology and scenario, with every fault the
 * live run had (scheduled or injected, cut where it was ended), simulated as a stored run of
 * the project, then compared row by row (twin.ts). The CLI's `--twin` records the twin the same
 * way in its own process (recordTwin) and prints the same rows.
 */
import type { Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/api/define';
import type { RunDetail, RunStatusEvent } from '../../../shared/api/runs';
import { TERMINAL_RUN_STATUSES } from '../../../shared/api/runs';
import type { Fault, RunSummary, Scenario } from '../../../shared/runtime/api';
import { createSimulation } from '../../../shared/runtime/simulation';
import { runKpisOf } from '../runs/kpis';
import type { RunManager } from '../runs/run-manager';
import { RunRecorder } from '../runs/run-recorder';
import { RunRepository } from '../runs/run-repository';
import { twinRows } from './twin';
import type { TwinRow } from './twin';

/** the simulated scenario of a live run: the traffic window it had, its faults as they happened */
export function twinScenarioOf(d: RunDetail): Scenario {
  // a run stopped early had its traffic for less than planned: its mark says how long
  const trafficMs = d.live?.trafficMs;
  const durationSec = trafficMs !== undefined ? Math.max(1, Math.min(d.scenario.durationSec, Math.round(trafficMs / 1000))) : d.scenario.durationSec;
  const faults: Fault[] = [];
  for (const f of d.faults) {
    const end = Math.min(f.fault.endSec, durationSec, f.endedSimMs !== null ? f.endedSimMs / 1000 : Infinity);
    if (f.fault.startSec >= end) continue;
    faults.push({ ...f.fault, endSec: end });
  }
  return { ...d.scenario, durationSec, faults };
}

function summaryOf(d: RunDetail): RunSummary {
  if (d.summary === null) throw new ApiError('conflict', `run ${d.id} (${d.status}) has no summary to compare${d.status === 'running' ? ' yet: wait until it ends' : ''}`);
  return d.summary;
}

export function twinRowsOf(runs: RunManager, liveId: number, simId: number): TwinRow[] {
  const live = runs.repo.detail(liveId);
  if (!live.live) throw new ApiError('invalid-input', `run ${liveId} is a simulated run: the twin comparison takes a live run first`);
  return twinRows(summaryOf(runs.repo.detail(simId)), summaryOf(live));
}

function ended(runs: RunManager, runId: number): Promise<RunStatusEvent> {
  return new Promise((resolve) => {
    const sub = runs.hub.on('runs.status', (e) => {
      if (e.runId !== runId || !TERMINAL_RUN_STATUSES.includes(e.status)) return;
      sub.dispose();
      resolve(e);
    });
    // it may have ended already
    const m = runs.repo.meta(runId);
    if (TERMINAL_RUN_STATUSES.includes(m.status) && !runs.isLive(runId)) {
      sub.dispose();
      resolve({ runId, projectId: m.projectId, status: m.status, simMs: m.simulatedMs, endMs: m.durationSec * 1000, error: m.error });
    }
  });
}

/** simulates the live run's twin in a run worker (as fast as it goes) and compares the two */
export async function runTwin(runs: RunManager, liveId: number): Promise<{ liveRunId: number; twinRunId: number; rows: TwinRow[] }> {
  const d = runs.repo.detail(liveId);
  if (!d.live) throw new ApiError('invalid-input', `run ${liveId} is a simulated run: Twin simulates a live run's scenario`);
  summaryOf(d);
  const twinRunId = runs.start({ projectId: d.projectId, topology: d.topology, scenario: twinScenarioOf(d), speed: 'max', name: `${d.name} · simulated twin` });
  const end = await ended(runs, twinRunId);
  if (end.status !== 'completed') throw new ApiError('internal', `the simulated twin (run ${twinRunId}) ended ${end.status}${end.error !== null ? `: ${end.error}` : ''}`);
  return { liveRunId: liveId, twinRunId, rows: twinRowsOf(runs, liveId, twinRunId) };
}

/** simulated ms per slice of recordTwin: the recorder writes between slices (bounded memory) */
const TWIN_SLICE_MS = 60_000;

/**
 * The twin of a stored live run, simulated in this process (the CLI's `--twin`) and stored as a
 * run of the same project with the same recorder as the app's run worker; returns its id and the
 * twin rows.
 */
export function recordTwin(db: Database, liveId: number): { twinRunId: number; rows: TwinRow[] } {
  const repo = new RunRepository(db);
  const d = repo.detail(liveId);
  if (!d.live) throw new ApiError('invalid-input', `run ${liveId} is a simulated run: Twin simulates a live run's scenario`);
  const live = summaryOf(d);
  const settings = repo.settings(d.projectId ?? '');
  const scenario = { ...twinScenarioOf(d), eventLog: settings.retention, eventLogSampleRate: settings.sampleRate };
  const twinRunId = repo.createRun({ projectId: d.projectId, name: `${d.name} · simulated twin`, topology: d.topology, scenario, speed: 'max', retention: settings.retention, ownerPid: process.pid });
  const recorder = new RunRecorder(repo, twinRunId, settings);
  repo.setStatus(twinRunId, 'running');
  let simMs = 0;
  try {
    const sim = createSimulation(d.topology, scenario, { onSnapshot: (s) => recorder.onSnapshot(s), onEventChunk: recorder.onEventChunk });
    while (!sim.done) {
      sim.runUntil(sim.now + TWIN_SLICE_MS);
      simMs = sim.now;
      recorder.flush(simMs);
    }
    const summary = sim.summary();
    repo.finish(twinRunId, 'completed', summary, runKpisOf(summary, summary.simulatedMs), summary.simulatedMs, null);
    return { twinRunId, rows: twinRows(summary, live) };
  } catch (e) {
    repo.finish(twinRunId, 'failed', null, null, simMs, (e as Error).message);
    throw e;
  }
}
