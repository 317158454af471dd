#!/usr/bin/env node
// `npx eventflow`: runs the bundled CLI, building it first on a fresh checkout.
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist/main/cli.cjs');
if (!existsSync(cli)) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--node-only'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !existsSync(cli)) {
    console.error('eventflow: could not build the CLI (run `npm install` then `npm run build`).');
    process.exit(70);
  }
}
require(cli);
