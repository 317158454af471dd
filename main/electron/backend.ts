import { openBackend } from '../backend';
import type { BrokerUrlKeeper } from '../backend/live/broker-url-keeper';
import type { BackendPort } from './backend-port';

/**
 * The backend as the desktop shell uses it: main/backend's dispatcher over the SQLite store in
 * `dataDir`, opened with the Electron-ABI better-sqlite3 (`nativeBinding`). Throws the store's
 * StoreOpenError (newer version, corrupt file) without touching the file.
 */
export interface DesktopBackend extends BackendPort {
  close(): void;
  /** stops live runs cleanly, then closes the database */
  shutdown(): Promise<void>;
}

export interface DesktopBackendOptions {
  dataDir: string;
  /** path of better_sqlite3.node built for Electron; undefined = better-sqlite3's own lookup */
  nativeBinding: string | undefined;
  appVersion: string;
  /** the Live dialog's remembered broker URL (main: the OS keychain, broker-keychain.ts) */
  brokerUrls?: BrokerUrlKeeper;
}

export async function openDesktopBackend(options: DesktopBackendOptions): Promise<DesktopBackend> {
  const backend = openBackend({
    dataDir: options.dataDir,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    transport: 'ipc',
    appName: 'EventFlow Studio',
    appVersion: options.appVersion,
    ...(options.brokerUrls !== undefined ? { brokerUrls: options.brokerUrls } : {}),
  });
  return {
    dispatch: (method, input) => backend.dispatch(method, input, { transport: 'ipc' }),
    subscribe: (stream, params, emit) => backend.subscribe(stream, params, emit, { transport: 'ipc' }),
    close: () => backend.close(),
    shutdown: () => backend.shutdown(),
  };
}
