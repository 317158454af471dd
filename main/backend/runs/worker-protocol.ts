/**
 * Messages between the run manager (main thread) and a run worker, validated on both sides:
 * a worker is code too, and a malformed message must become a clear error, not a crash.
 */
import { z } from 'zod';
import { LiveFault, RunSettings, RunSpeed, RunStatus, SampledEvent } from '../../../shared/api/runs';
import { Topology } from '../../../shared/model/topology';
import { Fault, Scenario } from '../../../shared/runtime/api';
import type { MetricsSnapshot } from '../../../shared/runtime/api';

export const RunJob = z.object({
  role: z.literal('run'),
  dbFile: z.string().min(1),
  nativeBinding: z.string().optional(),
  runId: z.number().int().positive(),
  topology: Topology,
  scenario: Scenario,
  speed: RunSpeed,
  settings: RunSettings,
  /** start paused (step-by-step from t = 0) */
  startPaused: z.boolean().default(false),
  /** simulated seconds at which the run pauses by itself */
  pauseAtSec: z.array(z.number().min(0)).max(100).default([]),
  /** SQLite writes in a second thread (default) or on the simulation thread */
  writerThread: z.boolean().default(true),
  /** a hard ceiling on the database file (max_page_count): past it SQLite answers SQLITE_FULL */
  maxDatabaseBytes: z.number().int().positive().optional(),
});
export type RunJob = z.input<typeof RunJob>;

/** Background space reclaim after deletes (VACUUM must not block the main thread). */
export const ReclaimJob = z.object({ role: z.literal('reclaim'), dbFile: z.string().min(1), nativeBinding: z.string().optional() });
export type ReclaimJob = z.input<typeof ReclaimJob>;

/** The run's writer thread (see run-writer.ts). */
export const WriterJob = z.object({ role: z.literal('writer'), dbFile: z.string().min(1), nativeBinding: z.string().optional(), maxDatabaseBytes: z.number().int().positive().optional() });

export const WorkerJob = z.discriminatedUnion('role', [RunJob, ReclaimJob, WriterJob]);

const reqId = z.number().int();
export const ToWorker = z.discriminatedUnion('t', [
  z.object({ t: z.literal('pause'), reqId }),
  z.object({ t: z.literal('resume'), reqId }),
  z.object({ t: z.literal('step'), reqId, simMs: z.number().positive() }),
  z.object({ t: z.literal('stop'), reqId }),
  z.object({ t: z.literal('speed'), reqId, speed: RunSpeed }),
  z.object({ t: z.literal('fault'), reqId, fault: LiveFault, pauseOnStart: z.boolean().optional() }),
  z.object({ t: z.literal('endFault'), reqId, handle: z.number().int() }),
]);
export type ToWorker = z.infer<typeof ToWorker>;
export type ToWorkerCommand = ToWorker extends infer T ? (T extends { reqId: number } ? Omit<T, 'reqId'> : never) : never;

const snapshotOf = z.custom<MetricsSnapshot>((v) => typeof v === 'object' && v !== null && 'nodes' in v && 'timeMs' in v);

export const FromWorker = z.discriminatedUnion('t', [
  z.object({ t: z.literal('status'), status: RunStatus, simMs: z.number(), error: z.string().nullable() }),
  z.object({ t: z.literal('snapshot'), simMs: z.number(), snapshot: snapshotOf }),
  z.object({ t: z.literal('sampled'), events: z.array(SampledEvent) }),
  z.object({
    t: z.literal('reply'), reqId, ok: z.boolean(), status: RunStatus, simMs: z.number(), error: z.string().optional(),
    /** for 'fault': the window as applied and the handle that ends an open-ended one */
    applied: Fault.optional(), handle: z.number().int().optional(),
  }),
  z.object({ t: z.literal('reclaimed'), freedPages: z.number() }),
]);
export type FromWorker = z.infer<typeof FromWorker>;
