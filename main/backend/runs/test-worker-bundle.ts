/**
 * Tests run the TypeScript sources, but a worker thread needs a JavaScript file: this bundles
 * run-worker.ts with esbuild (same settings as scripts/build.mjs) into a temp folder, once per
 * test process. Production code uses dist/main/run-worker.cjs (resolveRunWorkerFile).
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let built: Promise<string> | null = null;

export function buildRunWorkerForTests(): Promise<string> {
  built ??= (async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    // inside node_modules/.cache so require('better-sqlite3') resolves like in dist/
    const cache = path.resolve(here, '../../../node_modules/.cache');
    mkdirSync(cache, { recursive: true });
    const outfile = path.join(mkdtempSync(path.join(cache, 'eventflow-run-worker-')), 'run-worker.cjs');
    await build({
      entryPoints: [path.join(here, 'run-worker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['better-sqlite3'],
      logLevel: 'warning',
      define: { 'import.meta.url': 'importMetaUrl' },
      banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    });
    return outfile;
  })();
  return built;
}
