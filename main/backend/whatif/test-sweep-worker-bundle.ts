/**
 * Tests run the TypeScript sources, but a worker thread needs JavaScript: this bundles
 * sweep-worker.ts with esbuild (as scripts/build.mjs does) once per test process.
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let built: Promise<string> | null = null;

export function buildSweepWorkerForTests(): Promise<string> {
  built ??= (async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const cache = path.resolve(here, '../../../node_modules/.cache');
    mkdirSync(cache, { recursive: true });
    const outfile = path.join(mkdtempSync(path.join(cache, 'eventflow-whatif-worker-')), 'whatif-worker.cjs');
    await build({
      entryPoints: [path.join(here, 'sweep-worker.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning',
      define: { 'import.meta.url': 'importMetaUrl' },
      banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    });
    return outfile;
  })();
  return built;
}
