/**
 * The runs store of one open project: what the live canvas, the toolbar and the panels read.
 *
 * Fed by the api streams (runs.snapshot ~30/s, runs.events.sampled, runs.status) or, when a
 * finished run is opened, by runs.stateAt. Rapid data stays out of React state:
 *  - snapshots land in `pending` and are applied once per animation frame;
 *  - time series are Float64Array rings, charts read them when `seriesVersion` moves;
 *  - sampled events go to a plain queue the token layer drains in its own rAF loop.
 * Components select narrowly (useRunNode(nodeId)) so one snapshot re-renders only the badges
 * whose numbers changed, never the whole canvas.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { LiveFault, LiveRunMark, MetricSeries, RunDetail, RunEvent, RunFault, SampledEvent } from '../../shared/api/runs';
import type { EdgeMetrics, Fault, MetricsSnapshot, NodeMetrics } from '../../shared/runtime/api';
import type { RunId, RunStatus, Speed } from './runs-api';
import { SeriesRing, SYSTEM, rowsFromMetricSeries, rowsFromSnapshot } from './series';

export type RunPhase = 'starting' | RunStatus;

/** live = following a running run; replay = a stored run scrubbed with runs.stateAt */
export type RunMode = 'live' | 'replay';

export interface RunsState {
  runId: RunId | undefined;
  mode: RunMode;
  phase: RunPhase;
  speed: Speed;
  /** simulated ms shown on the clock */
  simTimeMs: number;
  endMs: number;
  error: string | undefined;
  /** lint errors the backend refused the run with */
  refusal: { message: string; issues: { path: string; message: string }[] } | undefined;
  snapshot: MetricsSnapshot | undefined;
  nodes: ReadonlyMap<string, NodeMetrics>;
  edges: ReadonlyMap<string, EdgeMetrics>;
  /** bumps when a series row was appended (charts redraw on it) */
  seriesVersion: number;
  /** the opened stored run (replay) */
  record: RunDetail | undefined;
  /** faults active at the shown time (replay) */
  activeFaults: RunFault[];
  /** faults injected into the live run and not ended yet (bring the node back = end it) */
  liveFaults: { faultId: number; fault: LiveFault; simMs: number }[];
  /** faults scheduled for the next run (scenario faults), and whether the run pauses as each begins */
  plannedFaults: { fault: Fault; pause: boolean }[];
  /** event selected in the log: its causal trace is highlighted on the canvas */
  trace: { selected: RunEvent; events: RunEvent[] } | undefined;
  /** bumps when the history should be re-read (a run finished, renamed, deleted) */
  historyVersion: number;
  /** the shown run ran (or runs) on a real broker (docs/live.md): its address without credentials */
  live: LiveRunMark | undefined;
}

const SERIES_CAPACITY = 1800; // 60 s of snapshots at 30/s, or 30 min at 1/s
const TOKEN_QUEUE_CAP = 2000;

const INITIAL: RunsState = {
  runId: undefined,
  mode: 'live',
  phase: 'idle',
  speed: 50,
  simTimeMs: 0,
  endMs: 0,
  error: undefined,
  refusal: undefined,
  snapshot: undefined,
  nodes: new Map(),
  edges: new Map(),
  seriesVersion: 0,
  record: undefined,
  activeFaults: [],
  liveFaults: [],
  plannedFaults: [],
  trace: undefined,
  historyVersion: 0,
  live: undefined,
};

export interface RunsStore {
  readonly state: StoreApi<RunsState>;
  /** per node id (and SYSTEM) time series */
  series(key: string): SeriesRing;
  /** queue a snapshot; applied on the next animation frame (the latest wins) */
  pushSnapshot(runId: RunId, s: MetricsSnapshot): void;
  /** apply a snapshot now (replay, tests) */
  applySnapshot(s: MetricsSnapshot, appendSeries?: boolean): void;
  pushEvents(runId: RunId, events: readonly SampledEvent[]): void;
  /** take every queued sampled event (the token layer calls this once per frame) */
  drainEvents(): SampledEvent[];
  /** forget the current run's data (new run, new replay) */
  reset(patch?: Partial<RunsState>): void;
  /** load a stored series (replay) under a key (a node id or SYSTEM) */
  loadSeries(key: string, series: MetricSeries): void;
  set(patch: Partial<RunsState>): void;
  /** while the canvas is its own picture (far out, the view moving), the hidden cards need no
   * fresh figures: React state is refreshed at most every SLOW_APPLY_MS until this is turned off */
  slowApplies(on: boolean): void;
  dispose(): void;
}

/** React refreshes while slowApplies is on: 4/s keeps the run dock's figures moving */
export const SLOW_APPLY_MS = 250;

export interface RunsStoreOptions {
  /** frame scheduler (tests pass a synchronous one) */
  schedule?: (cb: () => void) => void;
  /** least wall ms between two snapshots applied to React state (the badges' refresh rate) */
  minApplyMs?: number;
  now?: () => number;
}

export function createRunsStore(opts: RunsStoreOptions = {}): RunsStore {
  const state = createStore<RunsState>()(() => ({ ...INITIAL }));
  const schedule = opts.schedule ?? ((cb: () => void) => void requestAnimationFrame(cb));
  // ~20 updates/s: smooth for counters, and half the React work of the 30/s stream during a max-speed run
  const minApplyMs = opts.minApplyMs ?? (opts.schedule ? 0 : 50);
  const now = opts.now ?? (() => performance.now());
  let lastApply = -Infinity;
  let slow = false;
  const rings = new Map<string, SeriesRing>();
  let prevForSeries: MetricsSnapshot | undefined;
  let pending: MetricsSnapshot | undefined;
  let scheduled = false;
  let queue: SampledEvent[] = [];
  let disposed = false;

  const series = (key: string): SeriesRing => {
    let r = rings.get(key);
    if (!r) rings.set(key, (r = new SeriesRing(SERIES_CAPACITY)));
    return r;
  };

  const appendSeries = (s: MetricsSnapshot) => {
    if (prevForSeries && s.timeMs <= prevForSeries.timeMs) return;
    for (const [key, row] of rowsFromSnapshot(s, prevForSeries)) series(key).push(row);
    prevForSeries = s;
  };

  const applySnapshot = (s: MetricsSnapshot, append = true) => {
    if (append) appendSeries(s);
    const cur = state.getState();
    state.setState({
      snapshot: s,
      nodes: new Map(s.nodes.map((n) => [n.id, n])),
      edges: new Map(s.edges.map((e) => [e.id, e])),
      simTimeMs: cur.mode === 'live' ? Math.max(cur.simTimeMs, s.timeMs) : s.timeMs,
      seriesVersion: append ? cur.seriesVersion + 1 : cur.seriesVersion,
    });
  };

  const flush = () => {
    if (disposed || !pending) {
      scheduled = false;
      return;
    }
    if (now() - lastApply < (slow ? Math.max(minApplyMs, SLOW_APPLY_MS) : minApplyMs)) {
      schedule(flush);
      return;
    }
    scheduled = false;
    lastApply = now();
    const s = pending;
    pending = undefined;
    applySnapshot(s, false);
    state.setState({ seriesVersion: state.getState().seriesVersion + 1 });
  };

  return {
    state,
    series,
    pushSnapshot(runId, s) {
      const cur = state.getState();
      if (cur.mode !== 'live' || (cur.runId !== undefined && runId !== cur.runId)) return;
      // series get every snapshot; React only the latest per frame
      appendSeries(s);
      pending = s;
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    applySnapshot,
    slowApplies(on) {
      // a held snapshot always has its flush scheduled: it is applied on the next frame once off
      slow = on;
    },
    pushEvents(runId, events) {
      const cur = state.getState();
      if (cur.mode !== 'live' || (cur.runId !== undefined && runId !== cur.runId)) return;
      for (const e of events) queue.push(e);
      if (queue.length > TOKEN_QUEUE_CAP) queue = queue.slice(queue.length - TOKEN_QUEUE_CAP);
    },
    drainEvents() {
      const q = queue;
      queue = [];
      return q;
    },
    reset(patch = {}) {
      rings.clear();
      prevForSeries = undefined;
      pending = undefined;
      queue = [];
      const keep = state.getState();
      state.setState({ ...INITIAL, speed: keep.speed, historyVersion: keep.historyVersion, plannedFaults: keep.plannedFaults, nodes: new Map(), edges: new Map(), activeFaults: [], liveFaults: [], ...patch });
    },
    loadSeries(key, m) {
      const ring = series(key);
      ring.clear();
      for (const row of rowsFromMetricSeries(m)) ring.push(row);
      state.setState({ seriesVersion: state.getState().seriesVersion + 1 });
    },
    set(patch) {
      state.setState(patch);
    },
    dispose() {
      disposed = true;
      queue = [];
    },
  };
}

export { SYSTEM };
