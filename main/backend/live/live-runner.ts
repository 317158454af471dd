/**
 * LiveRunner: the live runs the app starts (live.start). Each one owns its broker connection
 * for the run, records through LiveSaver like the CLI, and streams on the same channels as a
 * simulated run (RunManager's hub: runs.status, runs.snapshot, runs.events.sampled), so the
 * canvas badges, run panel and Faults panel follow it unchanged. The broker URL lives only in
 * the adapter's connection; the run row keeps the address without credentials.
 *
 * A live run is I/O (publishes, acks, timers), not computation: it runs on the backend's event
 * loop; its SQLite writes are flushed once a second in one transaction (LiveSaver).
 */
import { ApiError } from '../../../shared/api/define';
import type { LiveFault, RunStatus, SampledEvent } from '../../../shared/api/runs';
import { PlanError, planFor } from '../../../shared/live/plan';
import { lintErrors, lintRefusal, lintTopology } from '../../../shared/model/lint';
import type { Topology } from '../../../shared/model/topology';
import { Scenario } from '../../../shared/runtime/api';
import type { Fault, MetricsSnapshot, SimEvent } from '../../../shared/runtime/api';
import type { RunManager } from '../runs/run-manager';
import { nowIso } from '../runs/run-repository';
import type { Store } from '../store';
import { BrokerError } from './broker';
import type { BrokerAdapter, BrokerInfo } from './broker';
import { runLive } from './live-run';
import type { LiveRunControl, LiveRunOptions } from './live-run';
import { LiveSaver } from './live-saver';
import { RabbitMqAdapter } from './rabbitmq';

export interface LiveStartInput {
  projectId: string;
  topology: Topology;
  prefix: string;
  brokerUrl: string;
  durationSec: number;
  seed: number;
  faults: Fault[];
  drainSec: number;
  name?: string;
}

interface GoingRun {
  runId: number;
  projectId: string;
  broker: BrokerInfo;
  status: RunStatus;
  endMs: number;
  simMs: number;
  snapshot: MetricsSnapshot | null;
  error: string | null;
  stop: { value: boolean };
  /** wall ms since the start when Stop was pressed */
  stoppedAtMs: number | null;
  startedAt: number;
  control: LiveRunControl;
  options: LiveRunOptions;
  /** run_faults.id -> the open-ended fault the runner applies (ended by endFault) */
  openFaults: Map<number, Fault>;
  done: Promise<void>;
}

/** at most this many sampled events per flush, every SAMPLE_MS: ≤ 300/s as the contract says */
const SAMPLE_MS = 100;
const SAMPLE_MAX = 30;
/** after Stop, how long the queues get to drain before the run ends */
const STOP_DRAIN_MS = 5000;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class LiveRunner {
  private readonly going = new Map<number, GoingRun>();
  private disposed = false;

  constructor(private readonly store: Store, private readonly runs: RunManager, private readonly connect: (url: string) => Promise<BrokerAdapter> = (url) => RabbitMqAdapter.connect(url)) {}

  has(runId: number): boolean {
    return this.going.has(runId);
  }

  latestSnapshot(runId: number): { status: RunStatus; speed: 1; endMs: number; snapshot: MetricsSnapshot } | null {
    const g = this.going.get(runId);
    return g === undefined || g.snapshot === null ? null : { status: g.status, speed: 1, endMs: g.endMs, snapshot: g.snapshot };
  }

  /** Connects, applies the plan (idempotent), creates the run row and starts the traffic; resolves once it runs. */
  async start(input: LiveStartInput): Promise<{ runId: number; broker: BrokerInfo }> {
    if (this.disposed) throw new ApiError('refused', 'the backend is closing');
    const errors = lintErrors(lintTopology(input.topology));
    if (errors.length > 0) throw new ApiError('refused', lintRefusal(errors), errors.map((e) => ({ path: e.nodeId ?? e.edgeId ?? '', message: e.message })));
    let plan;
    try {
      plan = planFor(input.topology, input.prefix);
    } catch (e) {
      if (e instanceof PlanError) throw new ApiError('invalid-input', `prefix: ${e.message}`);
      throw e;
    }
    const byId = new Set(input.topology.nodes.map((n) => n.id));
    for (const f of input.faults) {
      if (!byId.has(f.nodeId)) throw new ApiError('invalid-input', `faults: ${f.kind} names node "${f.nodeId}", which is not in topology "${input.topology.name}"`);
    }
    const settings = this.runs.repo.settings(input.projectId);
    const scenario = Scenario.parse({ durationSec: input.durationSec, seed: input.seed, faults: input.faults, snapshotIntervalMs: 1000, orderSlaSec: settings.orderSlaSec });

    let adapter: BrokerAdapter;
    try {
      adapter = await this.connect(input.brokerUrl);
    } catch (e) {
      if (e instanceof BrokerError) throw new ApiError('refused', e.message);
      throw e;
    }
    let saver: LiveSaver;
    try {
      await adapter.apply(plan);
      saver = new LiveSaver(this.store.db, input.topology, scenario, { ...adapter.info, prefix: plan.prefix }, input.projectId);
      if (input.name !== undefined) this.runs.repo.rename(saver.runId, input.name);
    } catch (e) {
      await adapter.close().catch(() => undefined);
      if (e instanceof BrokerError) throw new ApiError('refused', e.message);
      throw e;
    }

    const stop = { value: false };
    const control: LiveRunControl = { inject: null, end: null };
    const g: GoingRun = {
      runId: saver.runId, projectId: input.projectId, broker: adapter.info, status: 'running', endMs: scenario.durationSec * 1000, simMs: 0, snapshot: null, error: null,
      stop, stoppedAtMs: null, startedAt: Date.now(), control, openFaults: new Map(), done: Promise.resolve(),
      options: { topology: input.topology, scenario, plan, adapter, drainTimeoutMs: input.drainSec * 1000, stop, control },
    };
    let sample: SampledEvent[] = [];
    const sampler = setInterval(() => {
      if (sample.length === 0) return;
      this.runs.hub.publish('runs.events.sampled', { runId: g.runId, events: sample });
      sample = [];
    }, SAMPLE_MS);
    const onEvent = (e: SimEvent): void => {
      saver.onEvent(e);
      if (sample.length < SAMPLE_MAX) {
        sample.push({ seq: e.seq, id: e.id, type: e.type, timeMs: e.time, key: e.key, correlationId: e.correlationId, source: e.source, target: e.target, status: e.status });
      }
    };
    const onSnapshot = (s: MetricsSnapshot): void => {
      saver.onSnapshot(s);
      g.snapshot = s;
      g.simMs = s.timeMs;
      this.runs.hub.publish('runs.snapshot', { runId: g.runId, status: g.status, speed: 1, endMs: g.endMs, snapshot: s });
    };
    g.options.onEvent = onEvent;
    g.options.onSnapshot = onSnapshot;
    let started!: () => void;
    const up = new Promise<void>((r) => (started = r));
    g.options.onStarted = started;
    this.going.set(g.runId, g);
    this.publishStatus(g);
    g.done = runLive(g.options).then(
      (r) => {
        const status: RunStatus = r.interrupted !== null ? 'interrupted' : stop.value ? 'stopped' : 'completed';
        if (status === 'stopped' && g.stoppedAtMs !== null) saver.markStopped(this.store.db, Math.min(g.stoppedAtMs, g.endMs));
        saver.finish(r.summary, r.interrupted, status === 'stopped');
        this.end(g, status, r.interrupted);
      },
      (e: unknown) => {
        saver.fail(message(e));
        this.end(g, 'failed', message(e));
      },
    ).finally(async () => {
      clearInterval(sampler);
      if (sample.length > 0) this.runs.hub.publish('runs.events.sampled', { runId: g.runId, events: sample });
      await adapter.close().catch(() => undefined);
    });
    // answer once the consumers consume (faults can be injected from then on), or once it failed to start
    await Promise.race([up, g.done]);
    if (g.status === 'failed') throw new ApiError('refused', `the live run could not start: ${g.error ?? 'unknown reason'}`);
    return { runId: g.runId, broker: adapter.info };
  }

  private end(g: GoingRun, status: RunStatus, error: string | null): void {
    this.going.delete(g.runId);
    g.status = status;
    g.error = error;
    this.publishStatus(g);
    this.runs.applyBudget();
  }

  private publishStatus(g: GoingRun): void {
    this.runs.hub.publish('runs.status', { runId: g.runId, projectId: g.projectId, status: g.status, simMs: g.simMs, endMs: g.endMs, error: g.error });
  }

  private goingRun(runId: number): GoingRun {
    const g = this.going.get(runId);
    if (g === undefined) throw new ApiError('conflict', `run ${runId} is not a live run going on a broker`);
    return g;
  }

  /** Stops the traffic, ends open faults, lets the queues drain (≤ 5 s); resolves when the run is stored. */
  async stop(runId: number): Promise<{ runId: number; status: RunStatus; simMs: number }> {
    const g = this.goingRun(runId);
    if (!g.stop.value) g.stoppedAtMs = Date.now() - g.startedAt;
    g.stop.value = true;
    g.options.drainTimeoutMs = Math.min(g.options.drainTimeoutMs ?? STOP_DRAIN_MS, STOP_DRAIN_MS);
    for (const [faultId] of g.openFaults) this.endFault(runId, faultId);
    await g.done;
    return { runId, status: g.status, simMs: g.simMs };
  }

  /** A fault from now (the Faults panel): recorded with the run like a simulated run's live fault. */
  injectFault(runId: number, fault: LiveFault): { faultId: number; simMs: number } {
    const g = this.goingRun(runId);
    if (g.control.inject === null) throw new ApiError('conflict', `run ${runId} is draining its queues: no new faults`);
    let applied: Fault;
    try {
      applied = g.control.inject(fault);
    } catch (e) {
      if (e instanceof RangeError) throw new ApiError('invalid-input', `fault refused: ${e.message}`);
      throw e;
    }
    const simMs = Math.round(applied.startSec * 1000);
    const faultId = this.runs.repo.recordLiveFault(runId, applied, nowIso(), simMs);
    if (fault.endSec === undefined) g.openFaults.set(faultId, applied);
    return { faultId, simMs };
  }

  endFault(runId: number, faultId: number): { ended: boolean; simMs: number } {
    const g = this.goingRun(runId);
    const f = g.openFaults.get(faultId);
    if (f === undefined) return { ended: false, simMs: g.simMs };
    g.openFaults.delete(faultId);
    g.control.end?.(f);
    const simMs = Math.round(f.endSec * 1000);
    this.runs.repo.endLiveFault(runId, faultId, simMs);
    return { ended: true, simMs };
  }

  /** A control a real-time broker run cannot do (pause, step, speed): a clear refusal. */
  refuse(runId: number, what: string): never {
    const g = this.goingRun(runId);
    throw new ApiError('refused', `run ${runId} runs live on ${g.broker.address} in real time: it cannot ${what}; stop it instead`);
  }

  /** Stops every live run (each ends stopped with what it recorded); call before closing the store. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.going.keys()].map((id) => this.stop(id).catch(() => undefined)));
  }
}
