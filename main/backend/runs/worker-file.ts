import { resolveWorkerBundle } from '../worker-bundle';

export const RUN_WORKER_BUNDLE = 'run-worker.cjs';

/**
 * Where the run worker bundle is (see resolveWorkerBundle); tests running the TypeScript sources
 * build it with `node scripts/build.mjs --node-only` or use buildRunWorkerForTests.
 * EVENTFLOW_RUN_WORKER overrides the search.
 */
export function resolveRunWorkerFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolveWorkerBundle(RUN_WORKER_BUNDLE, env.EVENTFLOW_RUN_WORKER);
}
