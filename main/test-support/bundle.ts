/**
 * Tests that run the real programs as processes (CLI, web host) bundle the current sources with
 * the settings of scripts/build.mjs into one temp folder per test process, so they never test a
 * stale dist/ and work on a fresh clone (where `npm test` runs unit tests before the build).
 * The folder sits in node_modules/.cache so require('better-sqlite3') resolves like in dist/.
 */
import { build } from 'esbuild';
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** what dist/main/ holds, by the names the code looks for (run-worker.cjs next to the bundle) */
export const ENTRIES = {
  cli: 'main/cli/index.ts',
  host: 'main/host/index.ts',
  'run-worker': 'main/backend/runs/run-worker.ts',
} as const;
export type BundleName = keyof typeof ENTRIES;

let dir: string | undefined;
const built = new Map<BundleName, Promise<string>>();

export function bundleForTests(name: BundleName): Promise<string> {
  let p = built.get(name);
  if (p === undefined) {
    p = (async () => {
      if (dir === undefined) {
        const cache = path.join(root, 'node_modules/.cache');
        mkdirSync(cache, { recursive: true });
        dir = mkdtempSync(path.join(cache, 'eventflow-bundle-'));
        // readable by an unprivileged user: the permission test runs the CLI as `nobody`
        chmodSync(dir, 0o755);
      }
      const outfile = path.join(dir, `${name}.cjs`);
      await build({
        absWorkingDir: root,
        entryPoints: [path.join(root, ENTRIES[name])],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        external: ['electron', 'better-sqlite3'],
        logLevel: 'warning',
        define: { 'import.meta.url': 'importMetaUrl' },
        banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
      });
      return outfile;
    })();
    built.set(name, p);
  }
  return p;
}
