import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 for Electron's ABI lives apart from the Node build in node_modules, so
 * `npm test` (Node) and `npm start` (Electron) never rebuild over each other:
 * - dev: scripts/start.mjs builds it into .electron-native/better_sqlite3.node
 * - packaged: electron-builder copies that file to resources/native/ (extraResources)
 * The store opens SQLite with `nativeBinding` set to this path.
 */
export const NATIVE_DIR = '.electron-native';
export const NATIVE_FILE = 'better_sqlite3.node';

export interface NativeBindingContext {
  appPath: string;
  resourcesPath: string;
  isPackaged: boolean;
  exists?: (p: string) => boolean;
}

export function nativeBindingCandidates(ctx: NativeBindingContext): string[] {
  const dev = path.join(ctx.appPath, NATIVE_DIR, NATIVE_FILE);
  return ctx.isPackaged ? [path.join(ctx.resourcesPath, 'native', NATIVE_FILE), dev.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked')] : [dev];
}

/** The Electron-ABI binary to pass as `nativeBinding`, or undefined to let better-sqlite3 look itself. */
export function electronNativeBinding(ctx: NativeBindingContext): string | undefined {
  const exists = ctx.exists ?? existsSync;
  return nativeBindingCandidates(ctx).find((p) => exists(p));
}
