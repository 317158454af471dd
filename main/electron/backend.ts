import type { BackendPort } from './backend-port';

/**
 * The backend as the desktop shell uses it: main/backend/api's dispatcher over the SQLite store
 * in `dataDir`, opened with the Electron-ABI better-sqlite3 (`nativeBinding`).
 */
export interface DesktopBackend extends BackendPort {
  close(): void;
}

export interface DesktopBackendOptions {
  dataDir: string;
  /** path of better_sqlite3.node built for Electron; undefined = better-sqlite3's own lookup */
  nativeBinding: string | undefined;
  appVersion: string;
}

export async function openDesktopBackend(options: DesktopBackendOptions): Promise<DesktopBackend> {
  // Bound to main/backend/api once it lands (see the report of issue 2).
  throw new Error(`the backend (main/backend/api) is not available in this build; data folder ${options.dataDir}`);
}
