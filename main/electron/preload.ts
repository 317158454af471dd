/**
 * The only bridge between the sandboxed renderer and the app: three functions, no Node, no
 * ipcRenderer. The renderer's api client builds on `request` and `subscribe`; menu items arrive
 * through `onCommand`. Bundled to CommonJS by scripts/build.mjs (a sandboxed preload may only
 * require 'electron').
 */
import type { IpcRendererEvent } from 'electron';
import type { EventflowBridge } from '../../shared/api/bridge';
import { BRIDGE_GLOBAL } from '../../shared/api/bridge';
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcReply } from './ipc-protocol';
import { IPC, MAX_NAME_LENGTH, isPlainData } from './ipc-protocol';

function assertName(what: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH) {
    throw new TypeError(`eventflow: ${what} must be a non-empty string of at most ${MAX_NAME_LENGTH} characters`);
  }
}

function assertData(what: string, value: unknown): void {
  if (value !== undefined && !isPlainData(value)) throw new TypeError(`eventflow: ${what} must be plain JSON-like data`);
}

async function request(method: unknown, input: unknown): Promise<unknown> {
  assertName('method', method);
  assertData('input', input);
  const reply = (await ipcRenderer.invoke(IPC.request, { method, input: input ?? {} })) as IpcReply;
  // A plain {code, message, issues} object crosses the context bridge intact; the client turns it into an ApiError.
  if (!reply.ok) throw { ...reply.error };
  return reply.value;
}

const listeners = new Map<string, (event: unknown) => void>();
let counter = 0;

ipcRenderer.on(IPC.event, (_e: IpcRendererEvent, subscriptionId: unknown, event: unknown) => {
  if (typeof subscriptionId === 'string') listeners.get(subscriptionId)?.(event);
});

function subscribe(stream: unknown, params: unknown, onEvent: unknown): () => void {
  assertName('stream', stream);
  assertData('params', params);
  if (typeof onEvent !== 'function') throw new TypeError('eventflow: onEvent must be a function');
  // The id is chosen here, and the listener registered before asking, so no early event is lost.
  const subscriptionId = `s${++counter}_${Math.random().toString(36).slice(2, 10)}`;
  listeners.set(subscriptionId, (event) => (onEvent as (e: unknown) => void)(event));
  let active = true;
  void (ipcRenderer.invoke(IPC.subscribe, { subscriptionId, stream, params: params ?? {} }) as Promise<IpcReply<null>>).then((reply) => {
    if (!reply.ok) {
      listeners.delete(subscriptionId);
      console.error(`eventflow: subscription to ${stream} refused: ${reply.error.message}`);
    }
  });
  return () => {
    if (!active) return;
    active = false;
    listeners.delete(subscriptionId);
    ipcRenderer.send(IPC.unsubscribe, { subscriptionId });
  };
}

// Commands that arrive before the UI listens (a file opened at launch) wait here, not lost.
type CommandListener = (id: string, args?: unknown) => void;
const commandListeners = new Set<CommandListener>();
const earlyCommands: [string, unknown][] = [];
const MAX_EARLY_COMMANDS = 20;

ipcRenderer.on(IPC.command, (_e: IpcRendererEvent, id: unknown, args: unknown) => {
  if (typeof id !== 'string') return;
  if (commandListeners.size === 0) {
    if (earlyCommands.length < MAX_EARLY_COMMANDS) earlyCommands.push([id, args]);
    return;
  }
  for (const listener of commandListeners) listener(id, args);
});

function onCommand(callback: unknown): () => void {
  if (typeof callback !== 'function') throw new TypeError('eventflow: onCommand needs a function');
  const listener: CommandListener = (id, args) => (callback as CommandListener)(id, args);
  commandListeners.add(listener);
  if (earlyCommands.length > 0) {
    const queued = earlyCommands.splice(0);
    setTimeout(() => queued.forEach(([id, args]) => listener(id, args)), 0);
  }
  return () => {
    commandListeners.delete(listener);
  };
}

const bridge = { request, subscribe, onCommand } satisfies EventflowBridge;
contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
