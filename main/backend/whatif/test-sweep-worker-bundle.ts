import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkerForTests } from '../worker-bundle';
import { SWEEP_WORKER_BUNDLE } from './sweep-worker-file';

/** sweep-worker.ts bundled for tests (once per test process), as scripts/build.mjs bundles it. */
export function buildSweepWorkerForTests(): Promise<string> {
  return buildWorkerForTests(path.join(path.dirname(fileURLToPath(import.meta.url)), 'sweep-worker.ts'), SWEEP_WORKER_BUNDLE);
}
