import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../shared/api/client';
import type { AppConnection } from './client';
import type { ConnectionState } from './ws-transport';

const ApiContext = createContext<AppConnection | null>(null);

export function ApiProvider({ connection, children }: { connection: AppConnection; children: ReactNode }) {
  return <ApiContext.Provider value={connection}>{children}</ApiContext.Provider>;
}

function useConnection(): AppConnection {
  const c = useContext(ApiContext);
  if (!c) throw new Error('useApi() needs an <ApiProvider> above it');
  return c;
}

/** The typed api client (same on IPC and WebSocket). */
export function useApi(): ApiClient {
  return useConnection().client;
}

/** 'open' | 'connecting' | 'reconnecting' | 'closed', re-rendering on change. */
export function useConnectionState(): ConnectionState {
  const c = useConnection();
  return useSyncExternalStore(c.onState, c.state);
}
