/** The runs methods and streams of shared/api (one entry each), spread into createBackend. */
import type { MethodName, StreamName } from '../../../shared/api/contract';
import type { RunStatus } from '../../../shared/api/runs';
import type { MethodHandlers, StreamHandlers } from '../api/handlers';
import { ApiError } from '../../../shared/api/define';
import { toDisposable } from '../api/stream-hub';
import type { LiveRunner } from '../live/live-runner';
import type { Store } from '../store';
import { exportRun } from './run-export';
import { compareRuns } from './run-compare';
import type { RunManager } from './run-manager';

type RunMethod = Extract<MethodName, `runs.${string}`>;
type RunStream = Extract<StreamName, `runs.${string}`>;

export interface RunHandlerDeps {
  store: Store;
  runs: RunManager;
  /** runs going live on a broker (main/backend/live): stop and faults go to it, pause/step/speed are refused */
  live: LiveRunner;
}

export function runHandlers({ store, runs, live }: RunHandlerDeps): Pick<MethodHandlers, RunMethod> {
  const repo = runs.repo;
  const control = (r: { status: RunStatus; simMs: number }, runId: number) => ({ runId, status: r.status, simMs: r.simMs });
  return {
    'runs.start': async ({ projectId, scenario, speed, topology, name, startPaused, pauseAtSec }) => {
      const project = store.projects.open(projectId);
      const runId = runs.start({ projectId, topology: topology ?? project.topology, scenario, speed, startPaused, pauseAtSec, ...(name !== undefined ? { name } : {}) });
      return { runId };
    },
    'runs.pause': async ({ runId }) => (live.has(runId) ? live.refuse(runId, 'be paused') : control(await runs.pause(runId), runId)),
    'runs.resume': async ({ runId }) => (live.has(runId) ? live.refuse(runId, 'be paused or resumed') : control(await runs.resume(runId), runId)),
    'runs.step': async ({ runId, simMs }) => (live.has(runId) ? live.refuse(runId, 'be stepped') : control(await runs.step(runId, simMs), runId)),
    'runs.stop': async ({ runId }) => (live.has(runId) ? live.stop(runId) : control(await runs.stop(runId), runId)),
    'runs.setSpeed': async ({ runId, speed }) => (live.has(runId) ? live.refuse(runId, 'change speed') : { runId, speed: await runs.setSpeed(runId, speed) }),
    'runs.injectFault': async ({ runId, fault, pauseOnStart }) => {
      if (!live.has(runId)) return runs.injectFault(runId, fault, pauseOnStart);
      if (pauseOnStart) live.refuse(runId, 'pause when a fault begins');
      return live.injectFault(runId, fault);
    },
    'runs.endFault': async ({ runId, faultId }) => (live.has(runId) ? live.endFault(runId, faultId) : runs.endFault(runId, faultId)),
    'runs.list': async ({ projectId, sortBy, order, limit }) => repo.list({ ...(projectId !== undefined ? { projectId } : {}), sortBy, order, limit }),
    'runs.get': async ({ runId }) => repo.detail(runId),
    'runs.rename': async ({ runId, name }) => repo.rename(runId, name),
    'runs.annotate': async ({ runId, text, atMs }) => repo.annotate(runId, text, atMs ?? null),
    'runs.delete': async ({ runId }) => {
      if (live.has(runId)) throw new ApiError('conflict', `run ${runId} is going live on a broker; stop it before deleting it`);
      return { deleted: runs.delete(runId) };
    },
    'runs.events': async (q) => repo.events(q),
    'runs.trace': async ({ runId, correlationId }) => repo.trace(runId, correlationId),
    'runs.metrics': async ({ runId, nodeId, fromMs, toMs }) => repo.metrics(runId, nodeId, fromMs, toMs),
    'runs.stateAt': async ({ runId, timeMs }) => repo.stateAt(runId, timeMs),
    'runs.compare': async ({ a, b }) => compareRuns(repo, a, b),
    'runs.export': async ({ runId, format, theme }) => exportRun(repo, runId, format, theme),
    'runs.settings': async ({ projectId }) => {
      store.projects.open(projectId);
      return repo.settings(projectId);
    },
    'runs.setSettings': async ({ projectId, settings }) => {
      store.projects.open(projectId);
      return repo.setSettings(projectId, settings);
    },
  };
}

export function runStreams({ runs, live }: Pick<RunHandlerDeps, 'runs' | 'live'>): Pick<StreamHandlers, RunStream> {
  return {
    'runs.snapshot': ({ runId }, emit) => {
      const sub = runs.hub.on('runs.snapshot', (e) => {
        if (e.runId === runId) emit(e);
      });
      // the latest one first, so a reloaded page shows the run at once
      const latest = runs.latestSnapshot(runId) ?? live.latestSnapshot(runId);
      if (latest !== null) queueMicrotask(() => emit({ runId, ...latest }));
      return sub;
    },
    'runs.events.sampled': ({ runId }, emit) => runs.hub.on('runs.events.sampled', (e) => {
      if (e.runId === runId) emit(e);
    }),
    'runs.status': ({ projectId }, emit) => {
      const sub = runs.hub.on('runs.status', (e) => {
        if (projectId === undefined || e.projectId === projectId) emit(e);
      });
      return toDisposable(() => sub.dispose());
    },
  };
}
