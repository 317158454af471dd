// Shared by the Chromium benches: the built web host on a temporary data folder, and Debian's
// Chromium launched the way the e2e tests launch it.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const hostBundle = path.join(root, 'dist/main/host.cjs');

/** Exits 0 with a skip line when there is no build to measure. */
export function requireBuild(name) {
  if (!existsSync(hostBundle) || !existsSync(path.join(root, 'dist/renderer/index.html'))) {
    console.log(`${name}: skipped — run \`npm run build\` first (needs dist/main/host.cjs and dist/renderer)`);
    process.exit(0);
  }
}

/** Starts `dist/main/host.cjs` on a free port; resolves with its printed URL (token included). */
export async function startHost(prefix) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const child = spawn(process.execPath, [hostBundle, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      const m = /web host: (http\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`host exited ${code}: ${out}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}
