import { z } from 'zod';

/** The data folder's size budget (main/backend/runs/storage.ts), as the api carries it. */
export const StorageRun = z.object({
  id: z.number().int(),
  name: z.string(),
  projectId: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
  eventCount: z.number().int(),
  eventBytes: z.number(),
  seriesBytes: z.number(),
  eventsPrunedAt: z.string().nullable(),
});
export const StorageUsage = z.object({
  databaseFile: z.string(),
  databaseBytes: z.number(),
  freeBytes: z.number(),
  eventBytes: z.number(),
  budgetBytes: z.number(),
  runs: z.array(StorageRun),
});
export type StorageUsage = z.infer<typeof StorageUsage>;

export const PruneResult = z.object({ runsDeleted: z.array(z.number().int()), eventsPruned: z.array(z.number().int()), bytesFreed: z.number() });
export type PruneResult = z.infer<typeof PruneResult>;

export const storageMethods = {
  setBudget: z.object({ bytes: z.number().int().min(16 * 1024 ** 2).max(2 ** 50) }),
  /** at least one of keep / olderThanDays / runIds */
  prune: z.object({
    keep: z.number().int().min(0).max(1_000_000).optional(),
    olderThanDays: z.number().min(0).max(36_500).optional(),
    runIds: z.array(z.number().int().positive()).max(10_000).optional(),
    eventsOnly: z.boolean().default(false),
  }).refine((p) => p.keep !== undefined || p.olderThanDays !== undefined || (p.runIds?.length ?? 0) > 0, { message: 'say which runs: keep, olderThanDays or runIds' }),
};
