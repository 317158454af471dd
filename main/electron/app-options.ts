import path from 'node:path';
import { dataDirArg } from '../backend/store';

/**
 * Where the desktop app keeps its database: `--data-dir <dir>` (or `--data-dir=<dir>`),
 * else EVENTFLOW_DATA_DIR — parsed as the web host and CLI do — else Electron's per-user
 * userData folder. Tests and the Electron e2e pass a temporary folder this way.
 */
export function resolveDataDir(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, userData: string, cwd: string): string {
  const given = dataDirArg(argv) ?? env.EVENTFLOW_DATA_DIR;
  return given ? path.resolve(cwd, given) : userData;
}
