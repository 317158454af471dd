// Builds better-sqlite3 for Electron's ABI into .electron-native/better_sqlite3.node, apart from
// the Node build in node_modules, so `npm test` (Node) and `npm start` (Electron) never rebuild
// over each other. main/electron passes this file to better-sqlite3 as `nativeBinding`.
// Tries a prebuilt binary (prebuild-install) first, then compiles with node-gyp against
// Electron's headers. Both need the internet on first run; the result is reused (stamp.json).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const defaultRoot = path.resolve(here, '..');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

export function nativePaths(root = defaultRoot) {
  const dir = path.join(root, '.electron-native');
  return { dir, binary: path.join(dir, 'better_sqlite3.node'), stamp: path.join(dir, 'stamp.json'), work: path.join(dir, 'build-src') };
}

/** What the binary was built for; a different one means rebuild. */
export function wantedStamp(root = defaultRoot, { runtime = 'electron', target } = {}) {
  return {
    runtime,
    target: target ?? readJson(path.join(root, 'node_modules/electron/package.json')).version,
    betterSqlite3: readJson(path.join(root, 'node_modules/better-sqlite3/package.json')).version,
    platform: process.platform,
    arch: process.arch,
  };
}

export function isUpToDate(root = defaultRoot, wanted = wantedStamp(root)) {
  const p = nativePaths(root);
  if (!existsSync(p.binary) || !existsSync(p.stamp)) return false;
  try {
    const have = readJson(p.stamp);
    return Object.entries(wanted).every(([k, v]) => have[k] === v);
  } catch {
    return false;
  }
}

/** npm passes its config as env vars; a global `nodedir` would make node-gyp build for Node's ABI. */
function buildEnv(runtime) {
  const env = { ...process.env };
  if (runtime !== 'electron') return env;
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|build_from_source|arch)$/i.test(key)) delete env[key];
  }
  return env;
}

/**
 * Ensures the Electron-ABI build exists. Returns { ok: true, built } or { ok: false, message }.
 * `runtime: 'node'` (with target = process.version) exercises the same pipeline offline.
 */
export function ensureElectronNative({ root = defaultRoot, runtime = 'electron', target, log = console.log } = {}) {
  const wanted = wantedStamp(root, { runtime, target });
  if (isUpToDate(root, wanted)) return { ok: true, built: false };
  const p = nativePaths(root);
  const src = path.join(root, 'node_modules/better-sqlite3');
  log(`Building better-sqlite3 ${wanted.betterSqlite3} for ${runtime} ${wanted.target} (${wanted.platform}-${wanted.arch}) into .electron-native/ (once)…`);
  rmSync(p.work, { recursive: true, force: true });
  mkdirSync(p.work, { recursive: true });
  // A private copy: building in node_modules would replace the Node build the tests use.
  cpSync(src, p.work, { recursive: true, filter: (f) => !/[\\/](build|node_modules)$/.test(f) });
  const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
  const env = buildEnv(runtime);
  const run = (args) => spawnSync(process.execPath, args, { cwd: p.work, stdio: 'inherit', env }).status === 0;
  const common = [`--target=${wanted.target}`, `--arch=${wanted.arch}`];
  const attempts = [
    () => run([bin('prebuild-install', 'bin.js'), `--runtime=${runtime}`, ...common, `--platform=${wanted.platform}`]),
    () => run([bin('node-gyp', 'bin/node-gyp.js'), 'rebuild', '--release', `--runtime=${runtime}`, ...common, ...(runtime === 'electron' ? ['--dist-url=https://electronjs.org/headers'] : [])]),
  ];
  const built = path.join(p.work, 'build/Release/better_sqlite3.node');
  for (const attempt of attempts) {
    if (attempt() && existsSync(built)) {
      copyFileSync(built, p.binary);
      writeFileSync(p.stamp, `${JSON.stringify(wanted, null, 2)}\n`);
      rmSync(p.work, { recursive: true, force: true });
      return { ok: true, built: true };
    }
  }
  rmSync(p.work, { recursive: true, force: true });
  return {
    ok: false,
    message:
      `could not build better-sqlite3 for ${runtime} ${wanted.target}: no prebuilt binary could be downloaded and ` +
      `compiling needs ${runtime === 'electron' ? "Electron's headers (downloaded from electronjs.org) and " : ''}a C++ toolchain (python3, make, g++).`,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = ensureElectronNative();
  if (!r.ok) {
    console.error(`\nEventFlow Studio: ${r.message}\nThe desktop app needs it; \`npm run web\` runs EventFlow Studio in your browser without it.`);
    process.exit(1);
  }
  console.log(r.built ? 'better-sqlite3 for Electron: built.' : 'better-sqlite3 for Electron: up to date.');
}
