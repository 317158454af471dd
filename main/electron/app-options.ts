import path from 'node:path';

/**
 * Where the desktop app keeps its database: `--data-dir <dir>` (or `--data-dir=<dir>`),
 * else EVENTFLOW_DATA_DIR, else Electron's per-user userData folder. Tests and the Electron
 * e2e pass a temporary folder this way.
 */
export function resolveDataDir(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, userData: string, cwd: string): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data-dir' && argv[i + 1]) return path.resolve(cwd, argv[i + 1]);
    if (a.startsWith('--data-dir=') && a.length > '--data-dir='.length) return path.resolve(cwd, a.slice('--data-dir='.length));
  }
  const fromEnv = env.EVENTFLOW_DATA_DIR;
  return fromEnv ? path.resolve(cwd, fromEnv) : userData;
}
