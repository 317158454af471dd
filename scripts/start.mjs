// `npm start`: launch the desktop app. Finds (or downloads) the Electron binary first — that
// is what fails on machines without internet, so it fails in a second, not after a build —
// then builds, ensures better-sqlite3 for Electron's ABI, and runs Electron on this folder
// (package.json "main" = dist/main/electron.cjs). Extra arguments go to the app
// (e.g. `npm start -- --data-dir /tmp/ef`). `--no-build` skips the build.
import { existsSync, readFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './electron-native.mjs';
import { checkNode } from './node-check.mjs';

checkNode('npm start');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build') || process.env.EVENTFLOW_SKIP_BUILD === '1';
const appArgs = args.filter((a) => a !== '--no-build');
const electronPkg = path.join(root, 'node_modules/electron');

const WEB_HINT = 'Use `npm run web` to run EventFlow Studio in your browser instead (same UI, same data).';

function fail(lines, code = 2) {
  console.error(['', ...lines.map((l) => `EventFlow Studio: ${l}`), ''].join('\n'));
  process.exit(code);
}

/** Mirrors node_modules/electron/index.js, without its download-on-require side effect. */
function electronBinary() {
  const pathFile = path.join(electronPkg, 'path.txt');
  const platformPath = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8')
    : { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] ?? 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  return { binary: override ? path.join(override, platformPath) : path.join(electronPkg, 'dist', platformPath), override };
}

function locateElectron() {
  if (!existsSync(path.join(electronPkg, 'package.json'))) fail(['the `electron` package is not installed; run `npm install` first.', WEB_HINT]);
  let { binary, override } = electronBinary();
  if (existsSync(binary)) return binary;
  if (override) {
    fail([`no Electron binary at ${binary} (ELECTRON_OVERRIDE_DIST_PATH=${override}).`, 'Point ELECTRON_OVERRIDE_DIST_PATH at the folder of an Electron binary, or unset it to download one.', WEB_HINT]);
  }
  console.log('Electron binary not found; downloading it (first start only)…');
  // Progress goes to the terminal; the error's stack trace is kept short below.
  const r = spawnSync(process.execPath, [path.join(electronPkg, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', cwd: electronPkg, timeout: 15 * 60_000 });
  ({ binary } = electronBinary());
  if (r.status === 0 && existsSync(binary)) return binary;
  const reason = (r.stderr ?? '').split('\n').find((l) => /error/i.test(l))?.trim() ?? (r.error ? r.error.message : `installer exited with ${r.status}`);
  fail([
    'the Electron binary could not be downloaded, so the desktop window cannot open on this machine.',
    `(download error: ${reason})`,
    `(Electron fetches it from GitHub on first start; looked for ${binary}.)`,
    WEB_HINT,
    'To use an Electron binary you already have, set ELECTRON_OVERRIDE_DIST_PATH to its folder.',
  ]);
}

const binary = locateElectron();

if (!skipBuild) {
  const b = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) fail(['the build failed (see above).'], b.status ?? 1);
}

const native = ensureElectronNative({ root });
if (!native.ok) fail([native.message, WEB_HINT]);

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node
const child = spawn(binary, ['.', ...appArgs], { cwd: root, stdio: 'inherit', env });
child.on('error', (e) => fail([`could not start Electron (${binary}): ${e.message}`, WEB_HINT]));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
