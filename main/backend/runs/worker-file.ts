import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUN_WORKER_BUNDLE = 'run-worker.cjs';

/**
 * Where the run worker bundle is: next to the running bundle (dist/main/*.cjs — app, host, CLI),
 * else dist/main/ of the source tree (tests and tools running the TypeScript sources; build it
 * with `node scripts/build.mjs --node-only`, or use buildRunWorkerForTests in tests).
 * EVENTFLOW_RUN_WORKER overrides both.
 */
export function resolveRunWorkerFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.EVENTFLOW_RUN_WORKER) return env.EVENTFLOW_RUN_WORKER;
  const here = path.dirname(fileURLToPath(import.meta.url));
  // dist/main/*.cjs, dist/bench/*.cjs, or main/backend/runs/*.ts
  const candidates = [path.join(here, RUN_WORKER_BUNDLE), path.resolve(here, '../main', RUN_WORKER_BUNDLE), path.resolve(here, '../../../dist/main', RUN_WORKER_BUNDLE)];
  for (const c of candidates) {
    // packaged app: the worker is shipped unpacked (electron-builder asarUnpack), Node workers can't read the archive
    const unpacked = unpackedPath(c);
    if (unpacked !== c && existsSync(unpacked)) return unpacked;
    if (existsSync(c)) return c;
  }
  throw new Error(`the run worker bundle is missing (looked for ${candidates.join(', ')}); build it with: node scripts/build.mjs --node-only`);
}

/** `…/app.asar/dist/main/x.cjs` → `…/app.asar.unpacked/dist/main/x.cjs`; other paths unchanged. */
export function unpackedPath(file: string): string {
  return file.replace(/\.asar(?=[\\/])/, '.asar.unpacked');
}
