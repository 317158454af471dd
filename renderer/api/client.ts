import { createApiClient } from '../../shared/api/client';
import type { ApiClient } from '../../shared/api/client';
import { createIpcTransport } from './ipc-transport';
import { apiUrlFromLocation, createWsTransport } from './ws-transport';
import type { ConnectionState } from './ws-transport';

export interface AppConnection {
  client: ApiClient;
  /** current link state; IPC is always 'open' */
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
}

export type ConnectionResult = { ok: true; connection: AppConnection } | { ok: false; reason: string };

let cached: ConnectionResult | undefined;

/** Chooses the transport once: Electron's preload bridge if present, else the web host's WebSocket. */
export function getApiConnection(): ConnectionResult {
  if (cached) return cached;
  const bridge = window.eventflow;
  if (bridge) {
    cached = { ok: true, connection: { client: createApiClient(createIpcTransport(bridge)), state: () => 'open', onState: () => () => {} } };
    return cached;
  }
  const where = apiUrlFromLocation(window.location);
  if (!where.ok) return (cached = where);
  const transport = createWsTransport({ url: where.url, hostAnswers: hostAnswers(window.location.origin) });
  cached = { ok: true, connection: { client: createApiClient(transport), state: () => transport.state, onState: (l) => transport.onState(l) } };
  return cached;
}

/** Does the page's own host answer over HTTP (no token needed for the page's icon)? */
const hostAnswers = (origin: string) => async (): Promise<boolean> => {
  try {
    const r = await fetch(`${origin}/favicon.svg`, { cache: 'no-store' });
    return r.ok;
  } catch {
    return false;
  }
};

/** The typed api client; throws when the page cannot reach a backend (see getApiConnection). */
export function getApiClient(): ApiClient {
  const c = getApiConnection();
  if (!c.ok) throw new Error(c.reason);
  return c.connection.client;
}
