import { createBackend } from './api';
import type { Backend, BackendOptions } from './api';
import { openStore } from './store';
import type { OpenStoreOptions } from './store';

export { createBackend } from './api';
export type { Backend, BackendOptions, CallContext } from './api';
export { StoreOpenError, openStore, resolveDataDir } from './store';
export type { Store } from './store';

export interface OpenedBackend extends Backend {
  /** closes the database at once (live run workers are left to die with the process) */
  close(): void;
  /** stops live runs (each kept as 'stopped' with what it wrote), then closes the database */
  shutdown(): Promise<void>;
}

/**
 * Store + dispatcher in one call, as the Electron shell and the web host use it. Throws
 * StoreOpenError (newer-version / corrupt / unreadable) without touching the file.
 */
export function openBackend(opts: OpenStoreOptions & BackendOptions): OpenedBackend {
  const store = openStore(opts);
  // run workers open their own connection: they need the same native binding (Electron ABI)
  const backend = createBackend(store, { ...opts, runs: { ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}), ...opts.runs } });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    store.close();
  };
  return {
    ...backend,
    close,
    shutdown: async () => {
      try {
        await Promise.all([backend.runs.dispose(), backend.sweeps.dispose(), backend.liveRuns.dispose()]);
      } finally {
        close();
      }
    },
  };
}
