/**
 * The run slice of the api client, as the run UI uses it (types from shared/api/runs.ts). One
 * place that knows the contract's names, so components call `api.start(...)`, not strings.
 */
import type { ApiClient } from '../../shared/api/client';
import type { StreamEvent } from '../../shared/api/contract';
import type { CompareResult, EventsPage, EventsQuery, LiveFault, MetricSeries, RunAnnotation, RunDetail, RunId, RunMeta, RunSettings, RunSpeed, RunStatus, RunStatusEvent, StateAt, TraceResult } from '../../shared/api/runs';
import type { ScenarioInput } from '../../shared/runtime/api';
import type { Topology } from '../../shared/model/topology';

export type { RunDetail, RunId, RunMeta, RunStatus, RunStatusEvent };
export type Speed = RunSpeed;
export type ExportFormat = 'html' | 'csv' | 'json';
export type RunListSort = 'date' | 'orders' | 'revenue' | 'conversion' | 'ordersLost' | 'p99' | 'throughput' | 'errors';

export const FINISHED: ReadonlySet<string> = new Set(['completed', 'stopped', 'failed', 'interrupted']);
export const isFinished = (status: string): boolean => FINISHED.has(status);

export interface StartInput {
  projectId: string;
  scenario: ScenarioInput;
  speed: Speed;
  /** the canvas's current topology (maybe unsaved) */
  topology?: Topology;
  name?: string;
  /** simulated seconds at which the run pauses by itself */
  pauseAtSec?: number[];
}

export type SnapshotEvent = StreamEvent<'runs.snapshot'>;
export type SampledEvents = StreamEvent<'runs.events.sampled'>;

export interface RunsApi {
  start(input: StartInput): Promise<RunId>;
  control(runId: RunId, action: 'pause' | 'resume' | 'stop'): Promise<void>;
  step(runId: RunId): Promise<void>;
  setSpeed(runId: RunId, speed: Speed): Promise<void>;
  injectFault(runId: RunId, fault: LiveFault, pauseOnStart?: boolean): Promise<{ faultId: number; simMs: number }>;
  endFault(runId: RunId, faultId: number): Promise<void>;
  /** a project's runs, or every project's (undefined): Compare takes any two */
  list(projectId: string | undefined, sortBy?: RunListSort, order?: 'asc' | 'desc'): Promise<RunMeta[]>;
  get(runId: RunId): Promise<RunDetail>;
  rename(runId: RunId, name: string): Promise<RunMeta>;
  annotate(runId: RunId, text: string, atMs?: number): Promise<RunAnnotation>;
  remove(runId: RunId): Promise<void>;
  events(q: EventsQuery): Promise<EventsPage>;
  trace(runId: RunId, correlationId: number): Promise<TraceResult>;
  metrics(runId: RunId, nodeId?: string): Promise<MetricSeries>;
  stateAt(runId: RunId, timeMs: number): Promise<StateAt>;
  compare(a: RunId, b: RunId): Promise<CompareResult>;
  /** theme: the HTML report's colours (the app's theme) */
  exportRun(runId: RunId, format: ExportFormat, theme?: 'light' | 'dark'): Promise<{ fileName: string; mimeType: string; text: string }>;
  /** the project's run settings (retention, order SLA) */
  settings(projectId: string): Promise<RunSettings>;
  setSettings(projectId: string, settings: RunSettings): Promise<RunSettings>;
  onSnapshot(runId: RunId, cb: (e: SnapshotEvent) => void): () => void;
  onEvents(runId: RunId, cb: (e: SampledEvents) => void): () => void;
  onStatus(projectId: string, cb: (s: RunStatusEvent) => void): () => void;
}

export function createRunsApi(client: ApiClient): RunsApi {
  return {
    async start({ projectId, scenario, speed, topology, name, pauseAtSec }) {
      const r = await client.call('runs.start', { projectId, scenario, speed, ...(topology ? { topology } : {}), ...(name ? { name } : {}), ...(pauseAtSec?.length ? { pauseAtSec } : {}) });
      return r.runId;
    },
    async control(runId, action) {
      await client.call(action === 'pause' ? 'runs.pause' : action === 'resume' ? 'runs.resume' : 'runs.stop', { runId });
    },
    async step(runId) {
      await client.call('runs.step', { runId });
    },
    async setSpeed(runId, speed) {
      await client.call('runs.setSpeed', { runId, speed });
    },
    injectFault: (runId, fault, pauseOnStart = false) => client.call('runs.injectFault', { runId, fault, pauseOnStart }),
    async endFault(runId, faultId) {
      await client.call('runs.endFault', { runId, faultId });
    },
    list: (projectId, sortBy = 'date', order = 'desc') => client.call('runs.list', { ...(projectId !== undefined ? { projectId } : {}), sortBy, order }),
    get: (runId) => client.call('runs.get', { runId }),
    rename: (runId, name) => client.call('runs.rename', { runId, name }),
    annotate: (runId, text, atMs) => client.call('runs.annotate', { runId, text, ...(atMs !== undefined ? { atMs } : {}) }),
    async remove(runId) {
      await client.call('runs.delete', { runId });
    },
    events: (q) => client.call('runs.events', q),
    trace: (runId, correlationId) => client.call('runs.trace', { runId, correlationId }),
    metrics: (runId, nodeId) => client.call('runs.metrics', nodeId ? { runId, nodeId } : { runId }),
    stateAt: (runId, timeMs) => client.call('runs.stateAt', { runId, timeMs }),
    compare: (a, b) => client.call('runs.compare', { a, b }),
    exportRun: (runId, format, theme) => client.call('runs.export', { runId, format, ...(theme ? { theme } : {}) }),
    settings: (projectId) => client.call('runs.settings', { projectId }),
    setSettings: (projectId, settings) => client.call('runs.setSettings', { projectId, settings }),
    onSnapshot: (runId, cb) => client.subscribe('runs.snapshot', { runId }, cb),
    onEvents: (runId, cb) => client.subscribe('runs.events.sampled', { runId }, cb),
    onStatus: (projectId, cb) => client.subscribe('runs.status', { projectId }, cb),
  };
}
