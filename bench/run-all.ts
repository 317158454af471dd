/**
 * `npm run bench`: runs every bench entry built into dist/bench (one process each, so one
 * bench's heap does not skew the next), in name order.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = __dirname;
const self = path.basename(__filename);
const entries = readdirSync(dir).filter((f) => f.endsWith('.cjs') && f !== self).sort();
let failed = 0;
for (const f of entries) {
  console.log(`\n=== ${f.replace(/\.cjs$/, '')} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(dir, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
