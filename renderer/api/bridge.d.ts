/**
 * What the Electron preload (main/electron/preload.ts) exposes with contextBridge — the whole
 * bridge, nothing else. Absent in a plain browser (web host), where the api runs over WebSocket.
 */
export interface EventflowBridge {
  /** one api call; rejects with a plain {code, message, issues?} object on failure */
  request(method: string, input: unknown): Promise<unknown>;
  /** starts a stream; returns the function that ends it */
  subscribe(stream: string, params: unknown, onEvent: (event: unknown) => void): () => void;
  /** native menu items arrive as command ids (+ optional args); returns the function that stops listening */
  onCommand(callback: (id: string, args?: unknown) => void): () => void;
}

declare global {
  interface Window {
    eventflow?: EventflowBridge;
  }
}
