/**
 * The run actions the toolbar, panels and commands call. It owns the stream subscriptions of
 * the followed run (one owner, disposed on disconnect) and turns api answers into store state.
 */
import { ApiError } from '../../shared/api/define';
import type { LiveFault, LiveRunMark } from '../../shared/api/runs';
import type { Topology } from '../../shared/model/topology';
import type { ScenarioInput } from '../../shared/runtime/api';
import { isFinished } from './runs-api';
import type { RunId, RunsApi, RunStatusEvent, Speed } from './runs-api';
import { SYSTEM } from './series';
import type { RunsStore } from './store';

export interface StartOptions {
  scenario: ScenarioInput;
  speed: Speed;
  name?: string;
  /** simulated seconds at which the run pauses by itself */
  pauseAtSec?: number[];
}

export interface RunController {
  /** subscribe to the project's run status; returns the disposer */
  connect(): () => void;
  start(opts: StartOptions): Promise<boolean>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  step(): Promise<void>;
  stop(): Promise<void>;
  setSpeed(speed: Speed): Promise<void>;
  /** inject a fault into the live run; without endSec it lasts until endFault; pauseOnStart pauses the run as it begins */
  injectFault(fault: LiveFault, pauseOnStart?: boolean): Promise<void>;
  endFault(faultId: number): Promise<void>;
  /** follow a live run on a broker the Live dialog started (real time: no pause, step or speed) */
  attachLive(runId: RunId, endMs: number, live: LiveRunMark): void;
  /** open a stored run for replay at its end (or `atMs`) */
  openRun(runId: RunId, atMs?: number): Promise<void>;
  /** show the opened run's state at a simulated time */
  scrub(timeMs: number): Promise<void>;
  /** leave replay */
  closeReplay(): void;
  /** hide the list of lint errors a start was refused with */
  dismissRefusal(): void;
  /** load a node's (or the system's) stored series for the replayed run */
  loadReplaySeries(nodeId: string | undefined): Promise<void>;
  /** the project's order SLA in seconds (a project setting: applies to its next runs) */
  orderSlaSec(): Promise<number>;
  /** stores it; refused (ApiError naming orderSlaSec) when not positive or over a week */
  setOrderSlaSec(sec: number): Promise<number>;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function createRunController(api: RunsApi, store: RunsStore, projectId: string, topology: () => Topology | undefined = () => undefined): RunController {
  let followDispose: (() => void) | undefined;
  let followed: RunId | undefined;
  let scrubSeq = 0;

  const follow = (runId: RunId | undefined) => {
    if (followed === runId) return;
    followDispose?.();
    followDispose = undefined;
    followed = runId;
    if (runId === undefined) return;
    const offSnap = api.onSnapshot(runId, (e) => {
      store.pushSnapshot(e.runId, e.snapshot);
      const cur = store.state.getState();
      if (cur.runId === e.runId && cur.mode === 'live' && (cur.phase !== e.status || cur.endMs !== e.endMs)) store.set({ phase: e.status, endMs: e.endMs });
    });
    const offEvents = api.onEvents(runId, (e) => store.pushEvents(e.runId, e.events));
    followDispose = () => {
      offSnap();
      offEvents();
    };
  };

  // a run followed from its status alone: ask whether it runs on a broker (the LIVE marks)
  const markLive = (runId: RunId) => {
    api.get(runId).then((d) => {
      if (d.live && store.state.getState().runId === runId) store.set({ live: d.live });
    }, () => {});
  };

  const bumpHistory = () => store.set({ historyVersion: store.state.getState().historyVersion + 1 });

  const onStatus = (e: RunStatusEvent) => {
    const cur = store.state.getState();
    if (cur.mode === 'replay') {
      if (isFinished(e.status)) bumpHistory();
      return;
    }
    if (cur.runId !== e.runId) {
      // another window started a run of this project: follow it when we have none going
      const busy = cur.phase === 'starting' || cur.phase === 'running' || cur.phase === 'paused';
      if (busy || isFinished(e.status) || e.status === 'idle') {
        if (isFinished(e.status)) bumpHistory();
        return;
      }
      store.reset({ runId: e.runId, mode: 'live' });
      follow(e.runId);
      markLive(e.runId);
    }
    const now = store.state.getState();
    store.set({ phase: e.status, endMs: e.endMs || now.endMs, error: e.error ?? undefined, simTimeMs: Math.max(now.simTimeMs, e.simMs) });
    if (isFinished(e.status)) {
      store.set({ liveFaults: [] });
      bumpHistory();
    }
  };

  const act = async (fn: (runId: RunId) => Promise<void>) => {
    const id = store.state.getState().runId;
    if (id === undefined) return;
    try {
      store.set({ error: undefined });
      await fn(id);
    } catch (e) {
      store.set({ error: message(e) });
    }
  };

  const controller: RunController = {
    connect() {
      const off = api.onStatus(projectId, onStatus);
      // after a reload (or in a second window) pick up a run of this project that is still going
      api.list(projectId, 'date', 'desc').then((runs) => {
        const going = runs.find((r) => r.status === 'running' || r.status === 'paused');
        const cur = store.state.getState();
        if (!going || cur.runId !== undefined || cur.phase !== 'idle') return;
        store.reset({ runId: going.id, mode: 'live', phase: going.status, endMs: going.durationSec * 1000, speed: going.speed, simTimeMs: going.simulatedMs, live: going.live ?? undefined });
        follow(going.id);
      }, () => {});
      return () => {
        off();
        follow(undefined);
        store.dispose();
      };
    },
    async orderSlaSec() {
      return (await api.settings(projectId)).orderSlaSec;
    },
    async setOrderSlaSec(sec) {
      const current = await api.settings(projectId);
      return (await api.setSettings(projectId, { ...current, orderSlaSec: sec })).orderSlaSec;
    },
    async start({ scenario, speed, name, pauseAtSec }) {
      follow(undefined);
      store.reset({ phase: 'starting', mode: 'live', speed, endMs: scenario.durationSec * 1000, refusal: undefined });
      try {
        const t = topology();
        const runId = await api.start({ projectId, scenario, speed, ...(t ? { topology: t } : {}), ...(name ? { name } : {}), ...(pauseAtSec?.length ? { pauseAtSec } : {}) });
        const cur = store.state.getState();
        store.set({ runId, phase: cur.phase === 'starting' ? 'running' : cur.phase });
        follow(runId);
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.issues?.length) store.set({ phase: 'idle', refusal: { message: e.message, issues: e.issues } });
        else store.set({ phase: 'idle', error: message(e) });
        return false;
      }
    },
    pause: () => act(async (id) => {
      await api.control(id, 'pause');
      store.set({ phase: 'paused' });
    }),
    resume: () => act(async (id) => {
      await api.control(id, 'resume');
      store.set({ phase: 'running' });
    }),
    step: () => act((id) => api.step(id)),
    stop: () => act((id) => api.control(id, 'stop')),
    async setSpeed(speed) {
      store.set({ speed });
      const { phase } = store.state.getState();
      if (phase === 'running' || phase === 'paused') await act((id) => api.setSpeed(id, speed));
    },
    injectFault: (fault, pauseOnStart = false) => act(async (id) => {
      const r = await api.injectFault(id, fault, pauseOnStart);
      if (fault.endSec === undefined) store.set({ liveFaults: [...store.state.getState().liveFaults, { faultId: r.faultId, fault, simMs: r.simMs }] });
    }),
    endFault: (faultId) => act(async (id) => {
      await api.endFault(id, faultId);
      store.set({ liveFaults: store.state.getState().liveFaults.filter((f) => f.faultId !== faultId) });
    }),
    attachLive(runId, endMs, live) {
      follow(undefined);
      store.reset({ runId, mode: 'live', phase: 'running', endMs, live });
      follow(runId);
    },
    async openRun(runId, atMs) {
      follow(undefined);
      store.reset({ mode: 'replay', runId, phase: 'idle' });
      try {
        const record = await api.get(runId);
        const endMs = record.simulatedMs || record.durationSec * 1000;
        store.set({ record, phase: record.status, endMs, live: record.live ?? undefined });
        // the first scrub starts now, so a user's scrub made while the series load wins over it
        const first = controller.scrub(atMs ?? endMs);
        await controller.loadReplaySeries(undefined);
        await first;
      } catch (e) {
        store.set({ error: message(e) });
      }
    },
    async scrub(timeMs) {
      const { runId, mode } = store.state.getState();
      if (runId === undefined || mode !== 'replay') return;
      const mine = ++scrubSeq;
      store.set({ simTimeMs: timeMs });
      try {
        const r = await api.stateAt(runId, timeMs);
        // a later scrub wins: drop answers that arrive out of order
        if (mine !== scrubSeq || store.state.getState().mode !== 'replay') return;
        if (r.snapshot) store.applySnapshot(r.snapshot, false);
        store.set({ simTimeMs: timeMs, activeFaults: r.activeFaults });
      } catch (e) {
        store.set({ error: message(e) });
      }
    },
    dismissRefusal() {
      store.set({ refusal: undefined });
    },
    closeReplay() {
      scrubSeq++;
      store.reset({ mode: 'live', phase: 'idle' });
    },
    async loadReplaySeries(nodeId) {
      const { runId, mode } = store.state.getState();
      if (runId === undefined || mode !== 'replay') return;
      try {
        store.loadSeries(nodeId ?? SYSTEM, await api.metrics(runId, nodeId));
      } catch (e) {
        store.set({ error: message(e) });
      }
    },
  };
  return controller;
}
