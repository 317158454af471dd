import { resolveDataDir } from '../backend/store';

/**
 * Where the desktop app keeps its database: exactly where the web host and the CLI keep it
 * (`--data-dir`, else EVENTFLOW_DATA_DIR, else the per-user data folder — the same folder as
 * Electron's userData on macOS and Windows, XDG data on Linux), so `npm start` and `npm run web`
 * show the same projects. Window state and recent files stay in Electron's userData.
 */
export function desktopDataDir(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  return resolveDataDir({ argv, env, cwd });
}
