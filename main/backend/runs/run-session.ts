/**
 * RunSession: one run inside the run worker — the simulation, its pacing (max speed or real time
 * × speed), pause/resume/step, live faults, the recorder's batched writes, and throttled
 * messages to the main thread (snapshots ≤ ~30/s, sampled events ≤ 300/s).
 */
import type { LiveFault, RunSettings, RunSpeed, RunStatus, SampledEvent } from '../../../shared/api/runs';
import type { Topology } from '../../../shared/model/topology';
import { SIM_EVENT_STATUSES } from '../../../shared/runtime/api';
import type { EventChunk, Fault, MetricsSnapshot, Scenario, Simulation } from '../../../shared/runtime/api';
import { RealTimeDriver } from '../../../shared/runtime/realtime';
import { createSimulation } from '../../../shared/runtime/simulation';
import { runKpisOf } from './kpis';
import { RunRecorder } from './run-recorder';
import type { RunWriter } from './run-writer';
import type { FromWorker, ToWorker } from './worker-protocol';

/** wall ms between flushes (a crash loses at most this much) */
const FLUSH_EVERY_MS = 250;
/** wall ms between snapshot messages: ~30 per second */
const POST_EVERY_MS = 33;
/** sampled events per post: 10 × 30/s = 300/s at most */
const SAMPLES_PER_POST = 10;
/** wall ms one max-speed slice aims at (keeps the worker responsive to pause/stop) */
const MAX_SLICE_WALL_MS = 30;
const HEARTBEAT_MS = 5000;
/** statuses worth animating (published, delivered, processed), by status index */
const SAMPLED_STATUS = new Uint8Array(SIM_EVENT_STATUSES.length);
for (const s of ['published', 'delivered', 'processed'] as const) SAMPLED_STATUS[SIM_EVENT_STATUSES.indexOf(s)] = 1;

interface OpenFault {
  base: LiveFault;
  /** simulated ms up to which windows have been injected */
  coveredUntil: number;
}

export interface RunSessionOptions {
  /** where writes go (this thread, or a writer thread) */
  writer: RunWriter;
  runId: number;
  topology: Topology;
  scenario: Scenario;
  speed: RunSpeed;
  settings: RunSettings;
  startPaused?: boolean;
  /** simulated seconds at which the run pauses by itself (a scheduled fault's start) */
  pauseAtSec?: readonly number[];
  post: (m: FromWorker) => void;
  now: () => number;
  /** schedules the next tick; tests may drive ticks by hand */
  schedule: (fn: () => void, delayMs: number) => void;
  /** called once the run reached a terminal state and everything is written */
  onEnd: () => void;
}

export class RunSession {
  readonly sim: Simulation;
  private readonly recorder: RunRecorder;
  private status: RunStatus = 'idle';
  private speed: RunSpeed;
  private driver: RealTimeDriver | null = null;
  private sliceSimMs = 1000;
  private lastFlush = 0;
  private lastPost = 0;
  private lastBeat = 0;
  private posted: MetricsSnapshot | null = null;
  private samples: SampledEvent[] = [];
  private seen = 0;
  /** algorithm L state: weight and the index of the next matching event that replaces a sample */
  private w = 1;
  private nextPick = 0;
  private readonly open = new Map<number, OpenFault>();
  private nextHandle = 1;
  private ticking = false;
  private ended = false;
  /** pause points, simulated ms, ascending */
  private pauses: number[] = [];

  constructor(private readonly o: RunSessionOptions) {
    this.speed = o.speed;
    this.recorder = new RunRecorder(o.writer, o.runId, o.settings);
    const scenario: Scenario = {
      ...o.scenario,
      eventLog: o.settings.retention,
      eventLogSampleRate: o.settings.sampleRate,
    };
    this.sim = createSimulation(o.topology, scenario, {
      // columns, not an object per event: this is what keeps persisting every event cheap
      onEventChunk: (c) => {
        this.recorder.onEventChunk(c);
        this.sample(c);
      },
      onSnapshot: (s) => this.recorder.onSnapshot(s),
    });
    for (const sec of o.pauseAtSec ?? []) this.addPause(sec * 1000);
  }

  get state(): RunStatus {
    return this.status;
  }

  start(): void {
    this.setStatus(this.o.startPaused === true ? 'paused' : 'running');
    if (this.status === 'running') this.beginPacing();
    this.loop();
  }

  handle(m: ToWorker): void {
    const reply = (ok: boolean, extra: Partial<Extract<FromWorker, { t: 'reply' }>> = {}): void =>
      this.o.post({ t: 'reply', reqId: m.reqId, ok, status: this.status, simMs: this.sim.now, ...extra });
    try {
      switch (m.t) {
        case 'pause':
          if (this.status === 'running') {
            this.driver?.pause();
            this.persist();
            this.setStatus('paused');
          }
          return reply(true);
        case 'resume':
          if (this.status === 'paused') {
            this.setStatus('running');
            this.beginPacing();
          }
          return reply(true);
        case 'step':
          if (this.status !== 'paused') return reply(false, { error: `step needs a paused run (it is ${this.status})` });
          this.advanceTo(this.sim.now + m.simMs);
          this.persist();
          this.postSnapshot(true);
          if (this.sim.done) {
            void this.finish('completed', null).then(() => reply(true));
            return;
          }
          return reply(true);
        case 'stop':
          if (this.ended) return reply(true);
          void this.finish('stopped', null).then(() => reply(true));
          return;
        case 'speed':
          this.setSpeed(m.speed);
          return reply(true);
        case 'fault': {
          if (this.ended) return reply(false, { error: `the run is ${this.status}` });
          const r = this.injectLive(m.fault);
          if (m.pauseOnStart === true) {
            const at = r.applied.startSec * 1000;
            if (at <= this.sim.now && this.status === 'running') this.pauseHere();
            else if (at > this.sim.now) this.addPause(at);
          }
          return reply(true, r);
        }
        case 'endFault': {
          const had = this.open.delete(m.handle);
          return reply(had, had ? {} : { error: `no open fault ${m.handle}` });
        }
      }
    } catch (e) {
      reply(false, { error: e instanceof Error ? e.message : String(e) });
    }
  }

  private nextPause(): number {
    return this.pauses[0] ?? Infinity;
  }

  private addPause(ms: number): void {
    if (!(ms > this.sim.now) || this.pauses.includes(ms)) return;
    this.pauses.push(ms);
    this.pauses.sort((a, b) => a - b);
    if (this.driver !== null) this.driver.limitMs = this.nextPause();
  }

  /** a pause point reached (or a fault that asked to pause as it begins): paused, everything written and shown */
  private pauseHere(): void {
    while (this.pauses.length > 0 && this.pauses[0]! <= this.sim.now) this.pauses.shift();
    if (this.driver !== null) {
      this.driver.limitMs = this.sim.now;
      this.driver.pause();
    }
    this.persist();
    this.setStatus('paused');
    this.postSnapshot(true);
  }

  private setStatus(s: RunStatus, error: string | null = null): void {
    this.status = s;
    if (s === 'running' || s === 'paused') this.o.writer.setStatus(this.o.runId, s);
    this.o.post({ t: 'status', status: s, simMs: this.sim.now, error });
  }

  private beginPacing(): void {
    if (this.speed === 'max') {
      this.driver = null;
      return;
    }
    this.driver = new RealTimeDriver(this.sim, { now: this.o.now, speed: this.speed, maxSliceMs: Math.max(100, this.speed * 200) });
    this.driver.limitMs = this.nextPause();
    this.driver.start();
  }

  private setSpeed(speed: RunSpeed): void {
    if (this.status === 'running' && this.driver !== null) this.driver.tick();
    this.speed = speed;
    if (this.status === 'running') this.beginPacing();
  }

  /** one slice of work, then yield so messages (pause, stop, faults) get in */
  private loop(): void {
    if (this.ticking || this.ended) return;
    this.ticking = true;
    const step = (): void => {
      if (this.ended) return;
      try {
        if (this.o.writer.failure !== null) throw new Error(`writing the run failed: ${this.o.writer.failure}`);
        this.tick();
      } catch (e) {
        void this.finish('failed', e instanceof Error ? e.message : String(e));
        return;
      }
      if (this.ended) return;
      this.o.schedule(step, this.status === 'running' && this.speed === 'max' ? 0 : 16);
    };
    this.o.schedule(step, 0);
  }

  private tick(): void {
    const wall = this.o.now();
    if (this.status === 'running') {
      if (this.speed === 'max') {
        const target = Math.min(this.sim.endMs, this.sim.now + this.sliceSimMs, this.nextPause());
        this.advanceTo(target);
        const took = this.o.now() - wall;
        // aim each slice at ~30 ms of wall time
        this.sliceSimMs = Math.max(10, Math.min(3_600_000, this.sliceSimMs * Math.min(2, Math.max(0.5, MAX_SLICE_WALL_MS / Math.max(1, took)))));
      } else if (this.driver !== null) {
        this.extendFaults(this.sim.now + Math.max(100, (this.speed as number) * 200));
        this.driver.tick();
      }
      if (this.sim.now >= this.nextPause() && !this.sim.done) {
        this.pauseHere();
        return;
      }
      if (this.sim.done) {
        void this.finish('completed', null);
        return;
      }
    }
    const t = this.o.now();
    if (t - this.lastFlush >= FLUSH_EVERY_MS || this.recorder.pendingBlocks >= 32) this.persist();
    else if (t - this.lastBeat >= HEARTBEAT_MS) {
      this.o.writer.heartbeat(this.o.runId);
      this.lastBeat = t;
    }
    if (t - this.lastPost >= POST_EVERY_MS) this.postSnapshot(false);
  }

  private advanceTo(target: number): void {
    this.extendFaults(target);
    this.sim.runUntil(target);
  }

  private persist(): void {
    this.recorder.flush(this.sim.now);
    this.lastFlush = this.lastBeat = this.o.now();
  }

  private postSnapshot(force: boolean): void {
    this.lastPost = this.o.now();
    const s = this.recorder.latestSnapshot;
    if (s !== null && (force || s !== this.posted)) {
      this.posted = s;
      this.o.post({ t: 'snapshot', simMs: this.sim.now, snapshot: s });
    }
    if (this.samples.length > 0) {
      this.o.post({ t: 'sampled', events: this.samples });
      this.samples = [];
      this.seen = 0;
    }
  }

  /**
   * Reservoir sample of the events since the last post (objects only for the kept ones). Vitter's
   * algorithm L: the next replacement index is drawn ahead, so a random number is needed only
   * per replacement, not per event.
   */
  private sample(c: EventChunk): void {
    for (let j = 0; j < c.length; j++) {
      if (SAMPLED_STATUS[c.status[j]!] !== 1) continue;
      const seen = ++this.seen;
      let slot: number;
      if (seen <= SAMPLES_PER_POST) {
        slot = seen - 1;
        if (seen === SAMPLES_PER_POST) {
          this.w = Math.exp(Math.log(Math.random()) / SAMPLES_PER_POST);
          this.nextPick = seen + 1 + Math.floor(Math.log(Math.random()) / Math.log(1 - this.w));
        }
      } else if (seen === this.nextPick) {
        slot = Math.floor(Math.random() * SAMPLES_PER_POST);
        this.w *= Math.exp(Math.log(Math.random()) / SAMPLES_PER_POST);
        this.nextPick = seen + 1 + Math.floor(Math.log(Math.random()) / Math.log(1 - this.w));
      } else continue;
      this.samples[slot] = {
        seq: c.firstSeq + j, id: c.id[j]!, type: c.names.types[c.type[j]!]!, timeMs: c.time[j]!, key: c.key[j]!, correlationId: c.correlationId[j]!,
        source: c.names.nodes[c.source[j]!]!, target: c.names.nodes[c.target[j]!]!, status: SIM_EVENT_STATUSES[c.status[j]!]!,
      };
    }
  }

  /**
   * A live fault. With an end it is one window; without, the node stays faulty until endFault:
   * the runtime takes windows only, so the session keeps injecting the next window (>= 1 s of
   * simulated time) ahead of the clock until the fault is ended.
   */
  private injectLive(f: LiveFault): { applied: Fault; handle?: number } {
    const nowSec = this.sim.now / 1000;
    const startSec = Math.max(f.startSec ?? nowSec, 0);
    const durSec = this.sim.endMs / 1000;
    if (f.endSec !== undefined) {
      const applied = { ...f, startSec, endSec: f.endSec } as Fault;
      this.sim.injectFault(applied);
      return { applied };
    }
    // validate once (unknown node / wrong kind throw here) with the first window
    const firstEnd = Math.max(startSec * 1000, this.sim.now) + this.chunkMs();
    this.sim.injectFault({ ...f, startSec, endSec: Math.min(firstEnd, this.sim.endMs) / 1000 } as Fault);
    const handle = this.nextHandle++;
    this.open.set(handle, { base: f, coveredUntil: firstEnd });
    return { applied: { ...f, startSec, endSec: Math.max(durSec, startSec + 0.001) } as Fault, handle };
  }

  private chunkMs(): number {
    return Math.max(1000, this.speed === 'max' ? this.sliceSimMs : this.speed * 100);
  }

  private extendFaults(target: number): void {
    for (const f of this.open.values()) {
      while (f.coveredUntil <= target && f.coveredUntil < this.sim.endMs) {
        const end = Math.min(this.sim.endMs, Math.max(target + 1, f.coveredUntil + this.chunkMs()));
        this.sim.injectFault({ ...f.base, startSec: f.coveredUntil / 1000, endSec: end / 1000 } as Fault);
        f.coveredUntil = end;
      }
    }
  }

  /** terminal: write the last batch, the summary and the status; announce it once committed */
  private async finish(status: RunStatus, error: string | null): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    let summary = null;
    let kpis = null;
    try {
      summary = this.sim.summary();
      kpis = runKpisOf(summary, this.sim.now);
    } catch (e) {
      error ??= `summary failed: ${(e as Error).message}`;
    }
    try {
      this.recorder.flush(this.sim.now);
      this.o.writer.finish(this.o.runId, status, summary, kpis, this.sim.now, error);
      await this.o.writer.drain();
    } catch (e) {
      error ??= `writing the run failed: ${(e as Error).message}`;
      status = 'failed';
    }
    this.postSnapshot(true);
    this.status = status;
    this.o.post({ t: 'status', status, simMs: this.sim.now, error });
    this.o.onEnd();
  }
}
