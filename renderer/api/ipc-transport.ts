import type { ApiTransport } from '../../shared/api/client';
import type { EventflowBridge } from './bridge';

/** The api over Electron IPC: a thin adapter over the preload's bridge. */
export function createIpcTransport(bridge: EventflowBridge): ApiTransport {
  return {
    kind: 'ipc',
    request: (method, input) => bridge.request(method, input),
    subscribe: (stream, params, onEvent) => bridge.subscribe(stream, params, onEvent),
  };
}
