import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/** `npm start` where no Electron binary can be had must say so and point at `npm run web`. */
const root = path.resolve(__dirname, '../..');
const startScript = path.join(root, 'scripts/start.mjs');
const electronPkg = path.join(root, 'node_modules/electron');
const pathTxt = path.join(electronPkg, 'path.txt');
const installedBinary = path.join(electronPkg, 'dist', existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8') : 'electron');

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function runStart(env: Record<string, string>) {
  const clean = { ...process.env };
  delete clean.ELECTRON_OVERRIDE_DIST_PATH;
  return spawnSync(process.execPath, [startScript], { cwd: root, env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('npm start without an Electron binary', () => {
  it('exits non-zero naming npm run web when ELECTRON_OVERRIDE_DIST_PATH has no binary', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ef-no-electron-'));
    const r = runStart({ ELECTRON_OVERRIDE_DIST_PATH: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`no Electron binary at ${path.join(dir, 'electron')}`);
    expect(r.stderr).toContain('`npm run web`');
    expect(r.stdout).not.toMatch(/built \d+ node bundles/); // fails before spending time on a build
  });

  it.skipIf(existsSync(installedBinary))('exits non-zero naming npm run web when the download fails', () => {
    // A closed local port as the mirror: the download fails the same way on every machine.
    dir = mkdtempSync(path.join(os.tmpdir(), 'ef-cache-'));
    const r = runStart({ ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the Electron binary could not be downloaded');
    expect(r.stderr).toContain('`npm run web`');
    expect(existsSync(installedBinary)).toBe(false);
  });
});
