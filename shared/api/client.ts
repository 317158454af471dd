import type { ApiErrorShape } from './define';
import { ApiError } from './define';
import type { MethodInput, MethodName, MethodOutput, StreamEvent, StreamName, StreamParams } from './contract';

/**
 * What a transport must do. Electron IPC (preload) and WebSocket both implement it; the
 * client and the UI never know which one they are on.
 */
export interface ApiTransport {
  readonly kind: 'ipc' | 'websocket';
  request(method: string, input: unknown): Promise<unknown>;
  /** returns an unsubscribe function */
  subscribe(stream: string, params: unknown, onEvent: (event: unknown) => void): () => void;
}

export interface ApiClient {
  readonly transport: ApiTransport['kind'];
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe<S extends StreamName>(stream: S, params: StreamParams<S>, onEvent: (event: StreamEvent<S>) => void): () => void;
}

export function isApiErrorShape(v: unknown): v is ApiErrorShape {
  return typeof v === 'object' && v !== null && typeof (v as ApiErrorShape).code === 'string' && typeof (v as ApiErrorShape).message === 'string';
}

/** The typed client. Outputs are trusted as typed: the backend validated them before sending. */
export function createApiClient(transport: ApiTransport): ApiClient {
  return {
    transport: transport.kind,
    async call(method, input) {
      try {
        return (await transport.request(method, input)) as never;
      } catch (e) {
        if (e instanceof ApiError) throw e;
        if (isApiErrorShape(e)) throw new ApiError(e.code, e.message, e.issues);
        throw new ApiError('internal', e instanceof Error ? e.message : String(e));
      }
    },
    subscribe(stream, params, onEvent) {
      return transport.subscribe(stream, params, (event) => onEvent(event as never));
    },
  };
}
