import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventflowBridge } from '../../shared/api/bridge';
import type { DesktopBackend } from './backend';
import { openDesktopBackend } from './backend';
import { IPC } from './ipc-protocol';
import { registerIpcTransport } from './ipc-transport';
import { rendererUrl } from './sender-policy';

/**
 * preload.ts end to end: the bridge it exposes, over a stand-in for Electron's IPC pipe, to the
 * real IPC transport and the real backend on a temporary SQLite database.
 */

const h = vi.hoisted(() => {
  type Fn = (...args: unknown[]) => unknown;
  const state = {
    exposed: new Map<string, unknown>(),
    mainHandlers: new Map<string, Fn>(),
    rendererListeners: new Map<string, Fn[]>(),
    event: undefined as unknown,
  };
  // What main's WebContents.send delivers to the renderer side.
  const toRenderer = (channel: string, ...args: unknown[]) => {
    for (const fn of state.rendererListeners.get(channel) ?? []) fn({}, ...args);
  };
  const ipcRenderer = {
    invoke: async (channel: string, arg: unknown) => state.mainHandlers.get(channel)!(state.event, arg),
    send: (channel: string, arg: unknown) => void state.mainHandlers.get(channel)!(state.event, arg),
    on: (channel: string, fn: Fn) => state.rendererListeners.set(channel, [...(state.rendererListeners.get(channel) ?? []), fn]),
    removeListener: () => {},
  };
  const contextBridge = { exposeInMainWorld: (name: string, api: unknown) => state.exposed.set(name, api) };
  return { state, toRenderer, electron: { ipcRenderer, contextBridge } };
});

vi.mock('electron', () => ({ ...h.electron, default: h.electron }));

let dir = '';
let backend: DesktopBackend;
let stop: () => void;
let bridge: EventflowBridge;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ef-preload-'));
  backend = await openDesktopBackend({ dataDir: dir, nativeBinding: undefined, appVersion: '1.0.0' });
  const indexHtml = path.resolve('/app/dist/renderer/index.html');
  const contents = { id: 3, isDestroyed: () => false, send: h.toRenderer, on: () => {} };
  h.state.event = { sender: contents, senderFrame: { url: rendererUrl(indexHtml), parent: null, isDestroyed: () => false } };
  const ipcMain = {
    handle: (c: string, fn: (...a: unknown[]) => unknown) => h.state.mainHandlers.set(c, fn),
    on: (c: string, fn: (...a: unknown[]) => unknown) => h.state.mainHandlers.set(c, fn),
    removeHandler: () => {},
    removeListener: () => {},
  };
  stop = registerIpcTransport({ ipcMain: ipcMain as never, backend, trusted: () => ({ webContentsId: 3, indexHtmlPath: indexHtml }), log: () => {} });
  // A command sent before the UI listens (e.g. a file opened at launch).
  await import('./preload');
  h.toRenderer(IPC.command, 'project.open', { projectId: 'early' });
  bridge = h.state.exposed.get('eventflow') as EventflowBridge;
});

afterAll(() => {
  stop();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('preload bridge', () => {
  it('exposes exactly request, subscribe and onCommand as window.eventflow', () => {
    expect([...h.state.exposed.keys()]).toEqual(['eventflow']);
    expect(Object.keys(bridge).sort()).toEqual(['onCommand', 'request', 'subscribe']);
  });

  it('delivers a command that arrived before anyone listened, then live ones, until unsubscribed', async () => {
    const got: [string, unknown][] = [];
    const off = bridge.onCommand((id, args) => got.push([id, args]));
    await new Promise((r) => setTimeout(r, 5));
    h.toRenderer(IPC.command, 'file.save');
    off();
    h.toRenderer(IPC.command, 'file.new');
    expect(got).toEqual([['project.open', { projectId: 'early' }], ['file.save', undefined]]);
  });

  it('requests reach the backend and errors reject with a plain {code, message, issues}', async () => {
    await expect(bridge.request('projects.create', { name: 'Via preload' })).resolves.toMatchObject({ name: 'Via preload' });
    const error = await bridge.request('projects.create', { name: '' }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'invalid-input', message: expect.any(String), issues: [expect.objectContaining({ path: 'name' })] });
  });

  it('refuses arguments that are not names or plain data before sending anything', async () => {
    await expect(bridge.request(42 as unknown as string, {})).rejects.toThrow(TypeError);
    await expect(bridge.request('app.info', { when: new Date() })).rejects.toThrow(/plain JSON-like data/);
    expect(() => bridge.subscribe('projects.changed', {}, 'not a function' as never)).toThrow(/onEvent must be a function/);
    expect(() => bridge.onCommand(null as never)).toThrow(TypeError);
  });

  it('streams events until the returned function is called', async () => {
    const events: unknown[] = [];
    const off = bridge.subscribe('projects.changed', {}, (e) => events.push(e));
    await new Promise((r) => setTimeout(r, 5));
    await bridge.request('projects.create', { name: 'One' });
    off();
    await bridge.request('projects.create', { name: 'Two' });
    expect(events).toEqual([expect.objectContaining({ change: 'created' })]);
  });
});
