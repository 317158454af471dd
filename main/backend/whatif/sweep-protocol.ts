/**
 * Messages between the sweep pool (main thread) and its workers. A worker gets the sweep's
 * definition once (workerData) and then one job at a time, so a fast worker takes more jobs
 * and a slow cell never holds up the others.
 */
import { z } from 'zod';
import type { CellRun } from '../../../shared/whatif/cell-run';
import { SweepDefinition } from '../../../shared/whatif/sweep-plan';

export const SweepWorkerData = z.object({
  definition: SweepDefinition,
  backlogThreshold: z.number().positive().max(1e12),
  /** keep each cell × seed as a run in this database (a saved sweep), else only the figures come back */
  record: z.object({
    dbFile: z.string().min(1),
    nativeBinding: z.string().optional(),
    sweepRowId: z.number().int().positive(),
    projectId: z.string().nullable(),
    sweepName: z.string(),
  }).optional(),
});
export type SweepWorkerData = z.infer<typeof SweepWorkerData>;

export const ToSweepWorker = z.object({ t: z.literal('job'), cell: z.number().int().min(0), seed: z.number().int().min(0).max(0xffffffff) });
export type ToSweepWorker = z.infer<typeof ToSweepWorker>;

export type FromSweepWorker =
  | { t: 'ready' }
  | { t: 'done'; run: CellRun; wallMs: number }
  | { t: 'error'; cell: number; seed: number; message: string };
