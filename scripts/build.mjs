// Builds the Node side with esbuild (fast, one bundle per entry, native modules external)
// and the renderer with Vite. `--node-only` skips the renderer (CLI, benches, unit needs).
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeOnly = process.argv.includes('--node-only');

/** Entry name -> source file; only the ones that exist are built, so the tree can grow. */
const entries = {
  'main/electron': 'main/electron/main.ts',
  'main/preload': 'main/electron/preload.ts',
  'main/host': 'main/host/index.ts',
  'main/cli': 'main/cli/index.ts',
  'main/run-worker': 'main/backend/runs/run-worker.ts',
  'main/whatif-worker': 'main/backend/whatif/sweep-worker.ts',
  'main/lesson-worker': 'main/backend/lessons/lesson-worker.ts',
};
const benchDir = path.join(root, 'bench');
if (existsSync(benchDir)) {
  for (const f of readdirSync(benchDir)) {
    if (f.endsWith('.ts') && !f.endsWith('.test.ts')) entries[`bench/${f.slice(0, -3)}`] = `bench/${f}`;
  }
}

// The sandboxed preload is built on its own below: it may only require('electron') and has no
// __filename, so it must not get the import.meta banner.
const preloadEntry = 'main/preload';
const nodeEntries = Object.fromEntries(
  Object.entries(entries).filter(([name, src]) => name !== preloadEntry && existsSync(path.join(root, src))),
);

await build({
  absWorkingDir: root,
  entryPoints: nodeEntries,
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
});

if (existsSync(path.join(root, entries[preloadEntry]))) {
  await build({
    absWorkingDir: root,
    entryPoints: { [preloadEntry]: entries[preloadEntry] },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'chrome130',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['electron'],
    logLevel: 'warning',
  });
  nodeEntries[preloadEntry] = entries[preloadEntry];
}

if (!nodeOnly) {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log(`built ${Object.keys(nodeEntries).length} node bundles${nodeOnly ? '' : ' + renderer'} into dist/`);
