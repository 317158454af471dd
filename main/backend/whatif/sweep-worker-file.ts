import { resolveWorkerBundle } from '../worker-bundle';

export const SWEEP_WORKER_BUNDLE = 'whatif-worker.cjs';

/** Where the sweep worker bundle is (see resolveWorkerBundle); EVENTFLOW_SWEEP_WORKER overrides the search. */
export function resolveSweepWorkerFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolveWorkerBundle(SWEEP_WORKER_BUNDLE, env.EVENTFLOW_SWEEP_WORKER);
}
