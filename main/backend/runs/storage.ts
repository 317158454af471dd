/**
 * The data folder's size budget. Event logs are what grows (a long run keeps millions of
 * events); summaries, KPIs, metric series and snapshots are small and are what History, Compare
 * and reports need. So the budget prunes the event logs of the oldest finished runs first and
 * keeps everything else; whole runs go only when the user asks (`prune --keep / --older-than`).
 * Freed pages go back to the OS with incremental vacuum (auto_vacuum = INCREMENTAL, see the
 * reclaim job in run-worker.ts).
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';

/** 2 GiB: a laptop's data folder stays small, yet holds dozens of fully logged 10-minute runs. */
export const DEFAULT_BUDGET_BYTES = 2 * 1024 ** 3;
export const MIN_BUDGET_BYTES = 16 * 1024 ** 2;
export const StorageBudget = z.number().int().min(MIN_BUDGET_BYTES, `a budget below ${MIN_BUDGET_BYTES / 1024 ** 2} MiB would prune every run's events`).max(2 ** 50);

const LIVE = "('idle','running','paused')";

export interface RunUsage {
  id: number;
  name: string;
  projectId: string | null;
  status: string;
  createdAt: string;
  eventCount: number;
  /** bytes of its stored event log */
  eventBytes: number;
  /** bytes of its metric series and snapshots */
  seriesBytes: number;
  eventsPrunedAt: string | null;
}

export interface StorageUsage {
  databaseFile: string;
  /** page_count × page_size of the main file (the WAL is checkpointed into it) */
  databaseBytes: number;
  /** pages on the free list: returned to the OS by the next reclaim */
  freeBytes: number;
  eventBytes: number;
  budgetBytes: number;
  runs: RunUsage[];
}

export interface PruneResult {
  /** runs deleted whole */
  runsDeleted: number[];
  /** runs whose event log was dropped (summary, KPIs and series kept) */
  eventsPruned: number[];
  /** event + series bytes the rows held */
  bytesFreed: number;
}

export function budgetOf(db: Database): number {
  const r = db.prepare("SELECT value FROM app_settings WHERE key = 'storage.budgetBytes'").get() as { value: string } | undefined;
  const n = r === undefined ? NaN : Number(r.value);
  return StorageBudget.safeParse(n).success ? n : DEFAULT_BUDGET_BYTES;
}

export function setBudget(db: Database, bytes: number): number {
  const v = StorageBudget.parse(bytes);
  db.prepare("INSERT INTO app_settings (key, value) VALUES ('storage.budgetBytes', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(v));
  return v;
}

export function storageUsage(db: Database): StorageUsage {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const runs = db.prepare(`
    SELECT r.id, r.name, r.project_id AS projectId, r.status, r.created_at AS createdAt, r.event_count AS eventCount, r.events_pruned_at AS eventsPrunedAt,
      coalesce((SELECT sum(length(coalesce(b.cols, '')) + length(b.data) + length(b.payloads) + length(b.keys) + length(b.corrs) + 64) FROM run_event_blocks b WHERE b.run_id = r.id), 0) AS eventBytes,
      coalesce((SELECT count(*) * 160 FROM run_metrics m WHERE m.run_id = r.id), 0)
        + coalesce((SELECT sum(length(s.snapshot)) FROM run_snapshots s WHERE s.run_id = r.id), 0) AS seriesBytes
    FROM runs r ORDER BY eventBytes + seriesBytes DESC, r.id`).all() as RunUsage[];
  const file = (db.pragma('database_list') as { name: string; file: string }[]).find((d) => d.name === 'main')?.file ?? '';
  return {
    databaseFile: file, databaseBytes: pages * pageSize, freeBytes: free * pageSize,
    eventBytes: runs.reduce((s, r) => s + r.eventBytes, 0), budgetBytes: budgetOf(db), runs,
  };
}

function finishedRuns(db: Database, isLive: (id: number) => boolean): { id: number; createdAt: string }[] {
  return (db.prepare(`SELECT id, created_at AS createdAt FROM runs WHERE status NOT IN ${LIVE} ORDER BY created_at, id`).all() as { id: number; createdAt: string }[])
    .filter((r) => !isLive(r.id));
}

/**
 * Drops event logs, oldest finished run first, until the stored events fit the budget. A live
 * run is never touched (its writer is appending), nor is the newest finished run's log when it
 * alone is over budget: what was just recorded is what the user is about to look at.
 */
export function enforceBudget(db: Database, isLive: (id: number) => boolean, budgetBytes = budgetOf(db)): PruneResult {
  const usage = storageUsage(db);
  const result: PruneResult = { runsDeleted: [], eventsPruned: [], bytesFreed: 0 };
  let over = usage.eventBytes - budgetBytes;
  if (over <= 0) return result;
  const bytes = new Map(usage.runs.map((r) => [r.id, r.eventBytes]));
  const candidates = finishedRuns(db, isLive).filter((r) => (bytes.get(r.id) ?? 0) > 0);
  candidates.pop(); // keep the newest finished run's log
  const drop = db.prepare('DELETE FROM run_event_blocks WHERE run_id = ?');
  const mark = db.prepare("UPDATE runs SET events_pruned_at = ? WHERE id = ?");
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const r of candidates) {
      if (over <= 0) break;
      const b = bytes.get(r.id) ?? 0;
      drop.run(r.id);
      mark.run(now, r.id);
      result.eventsPruned.push(r.id);
      result.bytesFreed += b;
      over -= b;
    }
  })();
  return result;
}

export interface PruneRunsOptions {
  /** keep the newest N finished runs (per data folder), delete older ones */
  keep?: number;
  /** these runs (the Storage view's one-click prune) */
  runIds?: readonly number[];
  /** delete finished runs created before now − olderThanMs */
  olderThanMs?: number;
  /** drop only the event logs of the selected runs, keep the runs */
  eventsOnly?: boolean;
  now?: number;
}

export function pruneRuns(db: Database, isLive: (id: number) => boolean, o: PruneRunsOptions): PruneResult {
  if (o.keep === undefined && o.olderThanMs === undefined && (o.runIds?.length ?? 0) === 0) throw new RangeError('prune needs --keep N and/or --older-than D');
  const finished = finishedRuns(db, isLive);
  const now = o.now ?? Date.now();
  const selected = new Set<number>();
  if (o.keep !== undefined) finished.slice(0, Math.max(0, finished.length - o.keep)).forEach((r) => selected.add(r.id));
  if (o.olderThanMs !== undefined) for (const r of finished) if (Date.parse(r.createdAt) < now - o.olderThanMs) selected.add(r.id);
  if (o.runIds) {
    const ok = new Set(finished.map((r) => r.id));
    for (const id of o.runIds) if (ok.has(id)) selected.add(id);
  }
  const usage = new Map(storageUsage(db).runs.map((r) => [r.id, r]));
  const result: PruneResult = { runsDeleted: [], eventsPruned: [], bytesFreed: 0 };
  const del = db.prepare('DELETE FROM runs WHERE id = ?');
  const drop = db.prepare('DELETE FROM run_event_blocks WHERE run_id = ?');
  const mark = db.prepare('UPDATE runs SET events_pruned_at = ? WHERE id = ?');
  const stamp = new Date(now).toISOString();
  db.transaction(() => {
    for (const id of selected) {
      const u = usage.get(id);
      if (o.eventsOnly) {
        if ((u?.eventBytes ?? 0) === 0) continue;
        drop.run(id);
        mark.run(stamp, id);
        result.eventsPruned.push(id);
        result.bytesFreed += u?.eventBytes ?? 0;
      } else {
        del.run(id);
        result.runsDeleted.push(id);
        result.bytesFreed += (u?.eventBytes ?? 0) + (u?.seriesBytes ?? 0);
      }
    }
  })();
  return result;
}

/** Returns freed pages to the OS now (callers off the UI thread: the CLI, the reclaim worker). */
export function reclaimNow(db: Database): void {
  db.pragma('incremental_vacuum');
}

/** A write error in words: a full disk (or database ceiling) says so and what is kept. */
export function describeWriteError(e: unknown, databaseFile: string): string {
  const code = (e as { code?: unknown }).code;
  const msg = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_FULL' || /database or disk is full/i.test(msg)) {
    return `the disk is full (${databaseFile}): the run ends here; what it recorded until now is kept and the database is intact. Free space or prune old runs (Storage, or eventflow runs prune).`;
  }
  return msg;
}

/** "1.2 GB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}
