// Says, once and plainly, when this Node is older than the one package.json "engines" states.
// electron 45, vitest 5 and @electron/rebuild 4 declare node >= 22.12; the project is tested on
// 22/24 and also on 20.20 (this repo's CI machines), so an older Node gets a notice, not a refusal.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** "22.12.0" → [22, 12, 0]; anything unparsable → null. */
function parse(v) {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

function older(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** Prints a notice on stderr when the running Node is older than engines.node (a ">=x.y" range); returns whether it did. */
export function checkNode(what) {
  const range = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines?.node ?? '';
  const want = parse(range);
  const have = parse(process.versions.node);
  if (!want || !have || !older(have, want)) return false;
  console.error(
    `EventFlow Studio: Node ${process.versions.node} is older than the ${want.join('.')} that package.json "engines" states ` +
      `(electron 45, vitest 5 and @electron/rebuild 4 declare it; npm ci's EBADENGINE warnings say the same). ` +
      `${what} continues: this project is also checked on Node 20.20. Install Node 22 LTS or 24 for a supported setup.`,
  );
  return true;
}
