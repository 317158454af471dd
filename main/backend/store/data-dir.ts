import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'eventflow-studio';
export const DATABASE_FILE_NAME = 'eventflow.sqlite';

export interface DataDirContext {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  home?: string;
  cwd?: string;
}

/** The value of `--data-dir <dir>` or `--data-dir=<dir>`, if given. */
export function dataDirArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data-dir' && argv[i + 1]) return argv[i + 1];
    if (a.startsWith('--data-dir=') && a.length > '--data-dir='.length) return a.slice('--data-dir='.length);
  }
  return undefined;
}

/**
 * The per-user data folder the web host and CLI use when nothing is given (Electron uses its
 * own userData instead): XDG on Linux, Application Support on macOS, %APPDATA% on Windows.
 */
export function defaultDataDir(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, home: string): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'EventFlow Studio');
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), 'EventFlow Studio');
  const xdg = env.XDG_DATA_HOME;
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'share'), APP_DIR_NAME);
}

/** `--data-dir`, else EVENTFLOW_DATA_DIR, else the per-user default. Always absolute. */
export function resolveDataDir(ctx: DataDirContext): string {
  const cwd = ctx.cwd ?? process.cwd();
  const given = dataDirArg(ctx.argv) ?? ctx.env.EVENTFLOW_DATA_DIR;
  if (given) return path.resolve(cwd, given);
  return defaultDataDir(ctx.platform ?? process.platform, ctx.env, ctx.home ?? os.homedir());
}
