/** The storage.* methods of shared/api: the data folder's size budget, usage and pruning. */
import type { MethodName } from '../../../shared/api/contract';
import type { MethodHandlers } from '../api/handlers';
import type { RunManager } from './run-manager';
import { pruneRuns, setBudget, storageUsage } from './storage';

type StorageMethod = Extract<MethodName, `storage.${string}`>;
const DAY_MS = 86_400_000;

export function storageHandlers(runs: RunManager): Pick<MethodHandlers, StorageMethod> {
  const db = runs.repo.db;
  return {
    'storage.usage': async () => storageUsage(db),
    'storage.setBudget': async ({ bytes }) => {
      setBudget(db, bytes);
      runs.applyBudget();
      return storageUsage(db);
    },
    'storage.prune': async ({ keep, olderThanDays, runIds, eventsOnly }) => {
      const r = pruneRuns(db, (id) => runs.isLive(id), {
        ...(keep !== undefined ? { keep } : {}), ...(olderThanDays !== undefined ? { olderThanMs: olderThanDays * DAY_MS } : {}), ...(runIds ? { runIds } : {}), eventsOnly,
      });
      // the space goes back to the OS in the background, once no run is writing
      if (r.runsDeleted.length + r.eventsPruned.length > 0) runs.requestReclaim();
      return r;
    },
  };
}
