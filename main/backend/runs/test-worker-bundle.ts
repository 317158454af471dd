import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkerForTests } from '../worker-bundle';
import { RUN_WORKER_BUNDLE } from './worker-file';

/** run-worker.ts bundled for tests (once per test process); production uses dist/main/run-worker.cjs. */
export function buildRunWorkerForTests(): Promise<string> {
  return buildWorkerForTests(path.join(path.dirname(fileURLToPath(import.meta.url)), 'run-worker.ts'), RUN_WORKER_BUNDLE);
}
