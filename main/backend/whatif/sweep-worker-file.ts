import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unpackedPath } from '../runs/worker-file';

export const SWEEP_WORKER_BUNDLE = 'whatif-worker.cjs';

/**
 * Where the sweep worker bundle is, found like the run worker's (runs/worker-file.ts): next to the
 * running bundle (dist/main/*.cjs, dist/bench/*.cjs → ../main), else the source tree's dist/main.
 * EVENTFLOW_SWEEP_WORKER overrides both (tests point it at a bundle built on the fly).
 */
export function resolveSweepWorkerFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.EVENTFLOW_SWEEP_WORKER) return env.EVENTFLOW_SWEEP_WORKER;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, SWEEP_WORKER_BUNDLE), path.resolve(here, '../main', SWEEP_WORKER_BUNDLE), path.resolve(here, '../../../dist/main', SWEEP_WORKER_BUNDLE)];
  for (const c of candidates) {
    const unpacked = unpackedPath(c);
    if (unpacked !== c && existsSync(unpacked)) return unpacked;
    if (existsSync(c)) return c;
  }
  throw new Error(`the sweep worker bundle is missing (looked for ${candidates.join(', ')}); build it with: node scripts/build.mjs --node-only`);
}
