/**
 * What the IPC transport needs from the backend (main/backend/api): the same generic
 * dispatch/subscribe pair the WebSocket host uses. Both validate inputs against shared/api.
 */
export interface BackendPort {
  dispatch(method: string, input: unknown): Promise<unknown>;
  /** returns the function that ends the subscription */
  subscribe(stream: string, params: unknown, emit: (event: unknown) => void): () => void;
}

/** Methods the desktop shell answers itself before the backend (native dialogs): name -> handler. */
export type LocalMethods = Record<string, (input: unknown) => Promise<unknown>>;
