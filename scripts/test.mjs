// The one test command (README, .ci/run): lint, typecheck, unit tests (Vitest), build, e2e
// (Playwright in Debian Chromium over the web host). Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkNode } from './node-check.mjs';

checkNode('npm test');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs only some steps

const steps = [
  { id: 'lint', cmd: [bin('eslint'), '--max-warnings', '0', '.'] },
  { id: 'typecheck', cmd: [bin('tsc'), '-p', 'tsconfig.json'] },
  { id: 'typecheck-shared', cmd: [bin('tsc'), '-p', 'tsconfig.shared.json'] },
  { id: 'unit', cmd: [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile=${path.join(tmp, 'vitest.json')}`] },
  { id: 'build', cmd: [process.execPath, path.join(root, 'scripts/build.mjs')] },
  { id: 'e2e', cmd: [bin('playwright'), 'test'], env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(tmp, 'playwright.json') } },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
for (const step of steps) {
  if (only.length > 0 && !only.includes(step.id)) continue;
  if (step.id === 'e2e' && !existsSync(path.join(root, 'playwright.config.ts'))) continue;
  console.log(`\n━━ ${step.id} ━━ ${step.cmd.map((c) => path.relative(root, c) || c).join(' ')}`);
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...(step.env ?? {}) } });
  if (r.status !== 0) failedSteps.push(step.id);
  if (step.id === 'unit') count(path.join(tmp, 'vitest.json'), 'vitest');
  if (step.id === 'e2e') count(path.join(tmp, 'playwright.json'), 'playwright');
}

function count(file, kind) {
  if (!existsSync(file)) return;
  const j = JSON.parse(readFileSync(file, 'utf8'));
  if (kind === 'vitest') {
    totals.passed += j.numPassedTests ?? 0;
    totals.failed += j.numFailedTests ?? 0;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  } else {
    totals.passed += j.stats?.expected ?? 0;
    totals.failed += (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0);
    totals.skipped += j.stats?.skipped ?? 0;
  }
}

console.log(`\n${failedSteps.length ? `failed steps: ${failedSteps.join(', ')}` : 'all steps passed'}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
