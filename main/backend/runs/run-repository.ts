/**
 * Runs in SQLite: the one place that knows the runs tables. The main thread uses it for the
 * api (reads, rename, delete...), the run worker for its batched writes on its own connection.
 */
import type { Database, Statement } from 'better-sqlite3';
import { ApiError } from '../../../shared/api/define';
import type {
  EventsPage, EventsQuery, MetricSeries, RunAnnotation, RunDetail, RunFault, RunKpis, RunMeta, RunSettings, RunSpeed, RunStatus, StateAt, TraceResult,
} from '../../../shared/api/runs';
import { EventsQuery as EventsQuerySchema, LiveRunMark, RunSettings as RunSettingsSchema } from '../../../shared/api/runs';
import { parseTopology } from '../../../shared/model/validate';
import type { Topology } from '../../../shared/model/topology';
import { Fault as FaultSchema, Scenario as ScenarioSchema } from '../../../shared/runtime/api';
import type { Fault, MetricsSnapshot, RunSummary, Scenario } from '../../../shared/runtime/api';
import type { RunDictionary, SealedBlock } from './event-block';
import { STATUSES, compressBlock, decodeBlock, indexBlock, maskOf } from './event-block';
import { EMPTY_KPIS } from './kpis';

export interface RunRow {
  id: number;
  project_id: string | null;
  name: string;
  status: RunStatus;
  topology: string;
  topology_name: string;
  scenario: string;
  seed: number;
  duration_sec: number;
  speed: string;
  retention: string;
  created_at: string;
  ended_at: string | null;
  sim_ms: number;
  summary: string | null;
  kpis: string;
  event_count: number;
  events_truncated: number;
  dict: string;
  error: string | null;
  owner_pid: number | null;
  heartbeat_at: number | null;
  /** JSON LiveRunMark of a run on a real broker (main/backend/live), else null */
  live: string | null;
}

export interface MetricRow {
  node: string;
  time_ms: number;
  throughput: number;
  queue_depth: number;
  consumer_lag: number;
  in_flight: number;
  utilisation: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  retries: number;
  dead_letters: number;
  drops: number;
  state: string;
  orders: number | null;
  revenue: number | null;
  orders_lost: number | null;
}

export interface NewRun {
  projectId: string | null;
  name: string;
  topology: Topology;
  scenario: Scenario;
  speed: RunSpeed;
  retention: RunSettings['retention'];
  ownerPid: number;
}

/** One transaction of the run worker. */
export interface RunBatch {
  /** sealed blocks: their index fields are derived and their bytes compressed here (writer thread) */
  blocks: SealedBlock[];
  metrics: MetricRow[];
  snapshots: { timeMs: number; json: string }[];
  dict: RunDictionary | null;
  simMs: number;
  eventCount: number;
  eventsTruncated: boolean;
  kpis: RunKpis | null;
  status: RunStatus | null;
}

export const nowIso = (): string => new Date().toISOString();

const SORT_COLUMNS = {
  date: 'id', orders: 'k_orders', revenue: 'k_revenue', conversion: 'k_conversion', ordersLost: 'k_orders_lost', p99: 'k_p99', throughput: 'k_throughput', errors: 'k_errors',
} as const;

/** Max blocks a single events() call reads before returning a cursor (keeps a call short). */
const MAX_BLOCKS_PER_PAGE = 400;
const MAX_TRACE_EVENTS = 20_000;

const notFound = (id: number): ApiError => new ApiError('not-found', `run ${id} does not exist`);

function parseJson<T>(text: string, where: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new ApiError('internal', `${where}: stored JSON is invalid (${(e as Error).message})`);
  }
}

export class RunRepository {
  private readonly q: Record<string, Statement>;

  constructor(readonly db: Database) {
    this.q = {
      insertRun: db.prepare(`INSERT INTO runs (project_id, name, status, topology, topology_name, scenario, seed, duration_sec, speed, retention, created_at, owner_pid, heartbeat_at, kpis)
        VALUES (@project_id, @name, 'idle', @topology, @topology_name, @scenario, @seed, @duration_sec, @speed, @retention, @created_at, @owner_pid, @heartbeat_at, @kpis)`),
      insertFault: db.prepare('INSERT INTO run_faults (id, run_id, source, fault, injected_at, injected_sim_ms) VALUES (@id, @run_id, @source, @fault, @injected_at, @injected_sim_ms)'),
      endFault: db.prepare('UPDATE run_faults SET ended_sim_ms = @ended WHERE run_id = @run_id AND id = @id'),
      row: db.prepare('SELECT * FROM runs WHERE id = ?'),
      status: db.prepare('UPDATE runs SET status = @status, error = coalesce(@error, error), heartbeat_at = @hb, ended_at = CASE WHEN @ended THEN @now ELSE ended_at END WHERE id = @id'),
      progress: db.prepare(`UPDATE runs SET sim_ms = @sim_ms, event_count = @event_count, events_truncated = @trunc, heartbeat_at = @hb,
        dict = coalesce(@dict, dict), status = coalesce(@status, status) WHERE id = @id`),
      kpis: db.prepare(`UPDATE runs SET kpis = @kpis, k_orders = @orders, k_revenue = @revenue, k_conversion = @conversion, k_orders_lost = @lost, k_p99 = @p99,
        k_throughput = @throughput, k_errors = @errors WHERE id = @id`),
      heartbeat: db.prepare('UPDATE runs SET heartbeat_at = ? WHERE id = ?'),
      summary: db.prepare('UPDATE runs SET summary = @summary, sim_ms = @sim_ms WHERE id = @id'),
      block: db.prepare(`INSERT INTO run_event_blocks (run_id, first_seq, last_seq, n, t_min, t_max, type_mask, status_mask, node_mask, keys, corrs, data, payloads, cols)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      metric: db.prepare(`INSERT OR REPLACE INTO run_metrics (run_id, node, time_ms, throughput, queue_depth, consumer_lag, in_flight, utilisation, p50, p95, p99, errors, retries, dead_letters, drops, state, orders, revenue, orders_lost)
        VALUES (@run_id, @node, @time_ms, @throughput, @queue_depth, @consumer_lag, @in_flight, @utilisation, @p50, @p95, @p99, @errors, @retries, @dead_letters, @drops, @state, @orders, @revenue, @orders_lost)`),
      snapshot: db.prepare('INSERT OR REPLACE INTO run_snapshots (run_id, time_ms, snapshot) VALUES (?, ?, ?)'),
      faults: db.prepare('SELECT * FROM run_faults WHERE run_id = ? ORDER BY id'),
      annotations: db.prepare('SELECT * FROM run_annotations WHERE run_id = ? ORDER BY id'),
      annotate: db.prepare('INSERT INTO run_annotations (run_id, at_ms, text, created_at) VALUES (?, ?, ?, ?)'),
      annotation: db.prepare('SELECT * FROM run_annotations WHERE id = ?'),
      rename: db.prepare('UPDATE runs SET name = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM runs WHERE id = ?'),
      live: db.prepare("SELECT id, owner_pid, heartbeat_at, status FROM runs WHERE status IN ('idle','running','paused')"),
      interrupt: db.prepare("UPDATE runs SET status = 'interrupted', ended_at = coalesce(ended_at, @now), error = coalesce(error, @why) WHERE id = @id AND status IN ('idle','running','paused')"),
      stateAt: db.prepare('SELECT time_ms, snapshot FROM run_snapshots WHERE run_id = ? AND time_ms <= ? ORDER BY time_ms DESC LIMIT 1'),
      firstSnapshot: db.prepare('SELECT time_ms, snapshot FROM run_snapshots WHERE run_id = ? ORDER BY time_ms LIMIT 1'),
      metrics: db.prepare('SELECT * FROM run_metrics WHERE run_id = ? AND node = ? AND time_ms >= ? AND time_ms <= ? ORDER BY time_ms'),
      seqAtTime: db.prepare('SELECT first_seq FROM run_event_blocks WHERE run_id = ? AND t_max >= ? ORDER BY t_max LIMIT 1'),
      trace: db.prepare('SELECT first_seq, keys, data, payloads, cols FROM run_event_blocks WHERE run_id = ? AND instr(corrs, ?) > 0 ORDER BY last_seq'),
      getSettings: db.prepare('SELECT settings FROM run_settings WHERE project_id = ?'),
      setSettings: db.prepare('INSERT INTO run_settings (project_id, settings) VALUES (?, ?) ON CONFLICT (project_id) DO UPDATE SET settings = excluded.settings'),
    };
  }

  // ---- writes -------------------------------------------------------------------------------

  createRun(r: NewRun): number {
    return this.db.transaction(() => {
      const info = this.q.insertRun!.run({
        project_id: r.projectId, name: r.name, topology: JSON.stringify(r.topology), topology_name: r.topology.name, scenario: JSON.stringify(r.scenario),
        seed: r.scenario.seed, duration_sec: r.scenario.durationSec, speed: String(r.speed), retention: r.retention, created_at: nowIso(),
        owner_pid: r.ownerPid, heartbeat_at: Date.now(), kpis: JSON.stringify(EMPTY_KPIS),
      });
      const id = Number(info.lastInsertRowid);
      for (const f of r.scenario.faults) this.insertFault(id, 'scenario', f, null, null);
      return id;
    }).immediate();
  }

  private insertFault(runId: number, source: 'scenario' | 'live', f: Fault, injectedAt: string | null, simMs: number | null): number {
    return Number(this.q.insertFault!.run({ id: null, run_id: runId, source, fault: JSON.stringify(f), injected_at: injectedAt, injected_sim_ms: simMs }).lastInsertRowid);
  }

  /** a fault the worker applied at simMs (recorded by the main thread once the worker confirmed it) */
  recordLiveFault(runId: number, f: Fault, injectedAt: string, simMs: number): number {
    return this.insertFault(runId, 'live', f, injectedAt, simMs);
  }

  endLiveFault(runId: number, faultId: number, simMs: number): void {
    this.q.endFault!.run({ run_id: runId, id: faultId, ended: simMs });
  }

  setStatus(id: number, status: RunStatus, error: string | null = null): void {
    const ended = status === 'stopped' || status === 'completed' || status === 'failed' || status === 'interrupted';
    this.q.status!.run({ id, status, error, hb: Date.now(), ended: ended ? 1 : 0, now: nowIso() });
  }

  heartbeat(id: number): void {
    this.q.heartbeat!.run(Date.now(), id);
  }

  /** One worker flush: blocks, metrics, snapshots, faults and progress, atomically. */
  writeBatch(runId: number, b: RunBatch): void {
    // indexed and compressed before the transaction: the write lock is held only for the inserts
    const blocks = b.blocks.map((x) => compressBlock(indexBlock(x)));
    this.db.transaction(() => {
      for (const k of blocks) {
        this.q.block!.run(runId, k.first_seq, k.last_seq, k.n, k.t_min, k.t_max, k.type_mask, k.status_mask, k.node_mask, k.keys, k.corrs, k.data, k.payloads, k.cols);
      }
      for (const m of b.metrics) this.q.metric!.run({ run_id: runId, ...m });
      for (const s of b.snapshots) this.q.snapshot!.run(runId, s.timeMs, s.json);
      this.q.progress!.run({
        id: runId, sim_ms: b.simMs, event_count: b.eventCount, trunc: b.eventsTruncated ? 1 : 0, hb: Date.now(),
        dict: b.dict === null ? null : JSON.stringify(b.dict), status: b.status,
      });
      if (b.kpis !== null) this.writeKpis(runId, b.kpis);
    }).immediate();
  }

  private writeKpis(id: number, k: RunKpis): void {
    this.q.kpis!.run({
      id, kpis: JSON.stringify(k), orders: k.orders, revenue: k.revenue, conversion: k.conversionRate, lost: k.ordersLost, p99: k.p99Ms,
      throughput: k.throughputPerSec, errors: k.errors,
    });
  }

  /** The final record of a run: summary, KPIs and terminal status in one transaction. */
  finish(id: number, status: RunStatus, summary: RunSummary | null, kpis: RunKpis | null, simMs: number, error: string | null): void {
    this.db.transaction(() => {
      if (summary !== null) this.q.summary!.run({ id, summary: JSON.stringify(summary), sim_ms: simMs });
      if (kpis !== null) this.writeKpis(id, kpis);
      this.setStatus(id, status, error);
    }).immediate();
  }

  /**
   * Runs left idle/running/paused by a process that is gone become 'interrupted' with what they
   * wrote. A run is alive when its owner process exists and its worker wrote a heartbeat within
   * `staleMs` (workers beat every few seconds, also while paused). Returns the ids changed.
   */
  recoverInterrupted(isAlive: (pid: number) => boolean, skip: ReadonlySet<number> = new Set(), staleMs = 60_000): number[] {
    const rows = this.q.live!.all() as { id: number; owner_pid: number | null; heartbeat_at: number | null; status: string }[];
    const changed: number[] = [];
    const now = Date.now();
    for (const r of rows) {
      if (skip.has(r.id)) continue;
      const fresh = r.heartbeat_at !== null && now - r.heartbeat_at < staleMs;
      const alive = r.owner_pid !== null && r.owner_pid !== process.pid && isAlive(r.owner_pid) && fresh;
      if (alive) continue;
      const info = this.q.interrupt!.run({ id: r.id, now: nowIso(), why: 'the process running it ended before the run finished' });
      if (info.changes > 0) changed.push(r.id);
    }
    return changed;
  }

  rename(id: number, name: string): RunMeta {
    if (this.q.rename!.run(name, id).changes === 0) throw notFound(id);
    return this.meta(id);
  }

  annotate(id: number, text: string, atMs: number | null): RunAnnotation {
    this.row(id);
    const info = this.q.annotate!.run(id, atMs, text, nowIso());
    return annotationOf(this.q.annotation!.get(Number(info.lastInsertRowid)) as AnnotationRow);
  }

  delete(id: number): boolean {
    return this.q.remove!.run(id).changes > 0;
  }

  settings(projectId: string): RunSettings {
    const r = this.q.getSettings!.get(projectId) as { settings: string } | undefined;
    const parsed = RunSettingsSchema.safeParse(r === undefined ? {} : parseJson(r.settings, `run settings of ${projectId}`));
    return parsed.success ? parsed.data : RunSettingsSchema.parse({});
  }

  setSettings(projectId: string, s: RunSettings): RunSettings {
    this.q.setSettings!.run(projectId, JSON.stringify(s));
    return this.settings(projectId);
  }

  // ---- reads --------------------------------------------------------------------------------

  row(id: number): RunRow {
    const r = this.q.row!.get(id) as RunRow | undefined;
    if (r === undefined) throw notFound(id);
    return r;
  }

  meta(id: number): RunMeta {
    return metaOf(this.row(id));
  }

  list(opts: { projectId?: string; sortBy: keyof typeof SORT_COLUMNS; order: 'asc' | 'desc'; limit: number }): RunMeta[] {
    const col = SORT_COLUMNS[opts.sortBy];
    const dir = opts.order === 'asc' ? 'ASC' : 'DESC';
    // a sweep's cell runs are listed under their sweep (whatif.get), not one by one in History
    const where = opts.projectId === undefined ? 'WHERE sweep_id IS NULL' : 'WHERE project_id = @projectId AND sweep_id IS NULL';
    // column and direction come from the fixed maps above, never from the caller's text
    const rows = this.db.prepare(`SELECT * FROM runs ${where} ORDER BY ${col} ${dir}, id ${dir} LIMIT @limit`).all({ projectId: opts.projectId, limit: opts.limit }) as RunRow[];
    return rows.map(metaOf);
  }

  detail(id: number): RunDetail {
    const r = this.row(id);
    const topo = parseTopology(parseJson(r.topology, `run ${id} topology`));
    if (!topo.ok) throw new ApiError('internal', `run ${id}: stored topology is invalid`);
    return {
      ...metaOf(r),
      scenario: ScenarioSchema.parse(parseJson(r.scenario, `run ${id} scenario`)),
      topology: topo.value,
      summary: r.summary === null ? null : parseJson<RunSummary>(r.summary, `run ${id} summary`),
      faults: this.faults(id),
      annotations: (this.q.annotations!.all(id) as AnnotationRow[]).map(annotationOf),
    };
  }

  faults(id: number): RunFault[] {
    return (this.q.faults!.all(id) as FaultRow[]).map((f) => ({
      id: f.id, source: f.source, fault: FaultSchema.parse(parseJson(f.fault, `run ${id} fault ${f.id}`)),
      injectedAt: f.injected_at, injectedSimMs: f.injected_sim_ms, endedSimMs: f.ended_sim_ms,
    }));
  }

  dictionary(r: RunRow): RunDictionary {
    return parseJson<RunDictionary>(r.dict === '[]' ? '{"types":[],"nodes":[]}' : r.dict, `run ${r.id} dictionary`);
  }

  /** Keyset paging over the block store; reads at most MAX_BLOCKS_PER_PAGE blocks per call. */
  events(input: EventsQuery): EventsPage {
    const q = EventsQuerySchema.parse(input);
    const r = this.row(q.runId);
    const dict = this.dictionary(r);
    const total = r.event_count;
    const empty = (): EventsPage => ({ events: [], nextAfterSeq: Math.max(q.afterSeq, total - 1), done: true, total });
    let types: Set<number> | undefined;
    if (q.types !== undefined && q.types.length > 0) {
      types = new Set(q.types.map((t) => dict.types.indexOf(t)).filter((i) => i >= 0));
      if (types.size === 0) return empty();
    }
    const statuses = q.statuses !== undefined && q.statuses.length > 0 ? new Set(q.statuses.map((s) => STATUSES.indexOf(s))) : undefined;
    let node: number | undefined;
    if (q.nodeId !== undefined) {
      node = dict.nodes.indexOf(q.nodeId);
      if (node < 0) return empty();
    }
    let after = q.afterSeq;
    if (q.fromMs !== undefined) {
      const b = this.q.seqAtTime!.get(q.runId, q.fromMs) as { first_seq: number } | undefined;
      if (b === undefined) return empty();
      after = Math.max(after, b.first_seq - 1);
    }
    const conds = ['run_id = @run', 'last_seq > @after'];
    const params: Record<string, number | string> = { run: q.runId, after, blocks: MAX_BLOCKS_PER_PAGE + 1 };
    if (types !== undefined) {
      conds.push('(type_mask & @tm) != 0');
      params['tm'] = maskOf(types);
    }
    if (statuses !== undefined) {
      conds.push('(status_mask & @sm) != 0');
      params['sm'] = maskOf(statuses);
    }
    if (node !== undefined) {
      conds.push('(node_mask & @nm) != 0');
      params['nm'] = maskOf([node]);
    }
    if (q.key !== undefined) {
      conds.push('instr(keys, @key) > 0');
      params['key'] = JSON.stringify(q.key);
    }
    const sql = `SELECT first_seq, last_seq, t_min, keys, data, payloads, cols FROM run_event_blocks WHERE ${conds.join(' AND ')} ORDER BY last_seq LIMIT @blocks`;
    const filter = { types, statuses, node, key: q.key, fromMs: q.fromMs, toMs: q.toMs, afterSeq: q.afterSeq };
    const events: EventsPage['events'] = [];
    let scanned = 0;
    let cursor = after;
    let done = true;
    for (const b of this.db.prepare(sql).iterate(params) as IterableIterator<{ first_seq: number; last_seq: number; t_min: number; keys: string; data: string; payloads: string; cols: Uint8Array | null }>) {
      if (q.toMs !== undefined && b.t_min > q.toMs) break;
      if (scanned === MAX_BLOCKS_PER_PAGE) {
        done = false;
        break;
      }
      scanned++;
      const want = q.limit - events.length;
      const got = decodeBlock(b, dict, filter, want);
      events.push(...got);
      if (events.length >= q.limit) {
        cursor = events[events.length - 1]!.seq;
        // more may follow in this block or later ones
        done = false;
        break;
      }
      cursor = b.last_seq;
    }
    fillPayloads(events);
    return { events, nextAfterSeq: cursor, done, total };
  }

  /** Every stored event of one causal trace, in order, payloads filled in from each message's 'emitted' record. */
  trace(runId: number, correlationId: number): TraceResult {
    const r = this.row(runId);
    const dict = this.dictionary(r);
    const events: TraceResult['events'] = [];
    let truncated = false;
    for (const b of this.q.trace!.iterate(runId, `,${correlationId},`) as IterableIterator<{ first_seq: number; keys: string; data: string; payloads: string; cols: Uint8Array | null }>) {
      events.push(...decodeBlock(b, dict, { correlationId, afterSeq: -1 }, MAX_TRACE_EVENTS - events.length));
      if (events.length >= MAX_TRACE_EVENTS) {
        truncated = true;
        break;
      }
    }
    fillPayloads(events);
    return { correlationId, events, truncated };
  }

  metrics(runId: number, nodeId: string | undefined, fromMs = 0, toMs = Number.MAX_VALUE): MetricSeries {
    this.row(runId);
    const rows = this.q.metrics!.all(runId, nodeId ?? '', fromMs, toMs) as MetricRow[];
    const sys = nodeId === undefined;
    const col = <K extends keyof MetricRow>(k: K): MetricRow[K][] => rows.map((m) => m[k]);
    return {
      nodeId: nodeId ?? null,
      timeMs: col('time_ms'), throughputPerSec: col('throughput'), queueDepth: col('queue_depth'), consumerLag: col('consumer_lag'), inFlight: col('in_flight'),
      utilisation: col('utilisation'), p50Ms: col('p50'), p95Ms: col('p95'), p99Ms: col('p99'), errors: col('errors'), retries: col('retries'),
      deadLetters: col('dead_letters'), drops: col('drops'),
      states: rows.map((m) => (m.state === 'degraded' || m.state === 'down' || m.state === 'failing' ? m.state : 'healthy')),
      orders: sys ? rows.map((m) => m.orders ?? 0) : [],
      revenue: sys ? rows.map((m) => m.revenue ?? 0) : [],
      ordersLost: sys ? rows.map((m) => m.orders_lost ?? 0) : [],
    };
  }

  /** One indexed lookup of the last snapshot at or before timeMs, plus the faults active then. */
  stateAt(runId: number, timeMs: number): StateAt {
    this.row(runId);
    const s = (this.q.stateAt!.get(runId, timeMs) ?? null) as { time_ms: number; snapshot: string } | null;
    const snapshot = s === null ? null : parseJson<MetricsSnapshot>(s.snapshot, `run ${runId} snapshot`);
    const activeFaults = this.faults(runId).filter((f) => {
      const start = f.fault.startSec * 1000;
      const end = Math.min(f.fault.endSec * 1000, f.endedSimMs ?? Infinity);
      return start <= timeMs && timeMs < end;
    });
    return { timeMs, snapshot, activeFaults };
  }

  /** every snapshot (reports, exports), oldest first */
  snapshots(runId: number): MetricsSnapshot[] {
    return (this.db.prepare('SELECT snapshot FROM run_snapshots WHERE run_id = ? ORDER BY time_ms').all(runId) as { snapshot: string }[])
      .map((r) => parseJson<MetricsSnapshot>(r.snapshot, `run ${runId} snapshot`));
  }

  /** nodes with a metric series, for CSV export */
  metricNodes(runId: number): string[] {
    return (this.db.prepare('SELECT DISTINCT node FROM run_metrics WHERE run_id = ? ORDER BY node').all(runId) as { node: string }[]).map((r) => r.node);
  }
}

interface FaultRow { id: number; source: 'scenario' | 'live'; fault: string; injected_at: string | null; injected_sim_ms: number | null; ended_sim_ms: number | null }
interface AnnotationRow { id: number; run_id: number; at_ms: number | null; text: string; created_at: string }

const annotationOf = (a: AnnotationRow): RunAnnotation => ({ id: a.id, runId: a.run_id, atMs: a.at_ms, text: a.text, createdAt: a.created_at });

function speedOf(text: string): RunSpeed {
  if (text === 'max') return 'max';
  const n = Number(text);
  return Number.isFinite(n) && n >= 0.1 && n <= 1000 ? n : 'max';
}

export function metaOf(r: RunRow): RunMeta {
  const k = { ...EMPTY_KPIS, ...parseJson<Partial<RunKpis>>(r.kpis, `run ${r.id} kpis`) };
  return {
    id: r.id, projectId: r.project_id, name: r.name, status: r.status, topologyName: r.topology_name, seed: r.seed, durationSec: r.duration_sec,
    simulatedMs: r.sim_ms, speed: speedOf(r.speed), createdAt: r.created_at, endedAt: r.ended_at, kpis: k, eventCount: r.event_count,
    eventsTruncated: r.events_truncated === 1, retention: r.retention === 'sampled' || r.retention === 'none' ? r.retention : 'all', error: r.error,
    live: liveMarkOfRow(r),
  };
}

function liveMarkOfRow(r: RunRow): LiveRunMark | null {
  if (r.live === null || r.live === undefined) return null;
  const m = LiveRunMark.safeParse(parseJson(r.live, `run ${r.id} live mark`));
  return m.success ? m.data : null;
}

/** Payloads are stored once per message (its 'emitted' record): copy them to the other records of the same message. */
function fillPayloads(events: EventsPage['events']): void {
  const byId = new Map<number, Record<string, unknown>>();
  for (const e of events) if (e.payload !== null) byId.set(e.id, e.payload);
  for (const e of events) if (e.payload === null) e.payload = byId.get(e.id) ?? null;
}
