import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a worker thread's bundle (dist/main/NAME) is: next to the running bundle (dist/main/*.cjs,
 * dist/bench/*.cjs → ../main), else the source tree's dist/main; in a packaged app the unpacked
 * copy (electron-builder asarUnpack). `override` (an env var's value) wins.
 */
export function resolveWorkerBundle(name: string, override: string | undefined): string {
  if (override) return override;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, name), path.resolve(here, '../main', name), path.resolve(here, '../../dist/main', name), path.resolve(here, '../../../dist/main', name)];
  for (const c of candidates) {
    // packaged app: workers are shipped unpacked (electron-builder asarUnpack), Node workers can't read the archive
    const unpacked = unpackedPath(c);
    if (unpacked !== c && existsSync(unpacked)) return unpacked;
    if (existsSync(c)) return c;
  }
  throw new Error(`the worker bundle ${name} is missing (looked for ${candidates.join(', ')}); build it with: node scripts/build.mjs --node-only`);
}

/** `…/app.asar/dist/main/x.cjs` → `…/app.asar.unpacked/dist/main/x.cjs`; other paths unchanged. */
export function unpackedPath(file: string): string {
  return file.replace(/\.asar(?=[\\/])/, '.asar.unpacked');
}

const builtForTests = new Map<string, Promise<string>>();

/** Tests run the TypeScript sources, but a worker thread needs JavaScript: bundle `entry` once per test process. */
export function buildWorkerForTests(entry: string, name: string): Promise<string> {
  let p = builtForTests.get(entry);
  if (p === undefined) {
    p = (async () => {
      const here = path.dirname(fileURLToPath(import.meta.url));
      // inside node_modules/.cache so require('better-sqlite3') resolves like in dist/
      const cache = path.resolve(here, '../../node_modules/.cache');
      mkdirSync(cache, { recursive: true });
      const outfile = path.join(mkdtempSync(path.join(cache, `eventflow-${name.replace(/\.cjs$/, '')}-`)), name);
      await build({
        entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning',
        define: { 'import.meta.url': 'importMetaUrl' },
        banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
      });
      return outfile;
    })();
    builtForTests.set(entry, p);
  }
  return p;
}
