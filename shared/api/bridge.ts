/**
 * What the Electron preload exposes to the renderer as `window.eventflow` — the IPC transport
 * and the native menu's command channel, nothing else (main/electron/preload.ts implements it;
 * the renderer's IPC transport uses it when present, otherwise the WebSocket one).
 * Errors reject with a plain { code, message, issues? } object (see isApiErrorShape).
 */
export interface EventflowBridge {
  request(method: string, input: unknown): Promise<unknown>;
  /** returns the function that ends the subscription */
  subscribe(stream: string, params: unknown, onEvent: (event: unknown) => void): () => void;
  /** a native menu item or the desktop shell asks for a command of shared/commands; returns unsubscribe */
  onCommand(callback: (commandId: string, args?: unknown) => void): () => void;
}

/** The global name: `window.eventflow`. */
export const BRIDGE_GLOBAL = 'eventflow';
