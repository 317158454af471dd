import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesktopBackend } from './backend';
import { openDesktopBackend } from './backend';
import type { IpcReply } from './ipc-protocol';
import { IPC } from './ipc-protocol';
import { registerIpcTransport } from './ipc-transport';
import { rendererUrl } from './sender-policy';

/**
 * The IPC transport against the real backend and a real SQLite file. Electron itself cannot run
 * here, so ipcMain and the sending WebContents are small stand-ins with Electron's shape.
 */

type Invoke = (event: IpcMainInvokeEvent, arg: unknown) => unknown;
type Listener = (event: IpcMainEvent, arg: unknown) => void;

class IpcMainStandIn {
  handlers = new Map<string, Invoke>();
  listeners = new Map<string, Listener>();
  handle(channel: string, fn: Invoke) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  on(channel: string, fn: Listener) {
    this.listeners.set(channel, fn);
    return this;
  }
  removeListener(channel: string) {
    this.listeners.delete(channel);
    return this;
  }
}

class ContentsStandIn extends EventEmitter {
  sent: unknown[][] = [];
  destroyed = false;
  constructor(readonly id: number) {
    super();
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
}

const indexHtml = path.resolve('/app/dist/renderer/index.html');
const ours = rendererUrl(indexHtml);

let dir = '';
let backend: DesktopBackend;
let ipc: IpcMainStandIn;
let win: ContentsStandIn;
let stop: () => void;

function event(opts: { contents?: ContentsStandIn; url?: string; subFrame?: boolean } = {}) {
  const contents = opts.contents ?? win;
  const frame = { url: opts.url ?? ours, parent: opts.subFrame ? {} : null, isDestroyed: () => false };
  return { sender: contents, senderFrame: frame } as unknown as IpcMainInvokeEvent & IpcMainEvent;
}

async function request(method: unknown, input: unknown, opts?: Parameters<typeof event>[0]): Promise<IpcReply> {
  return (await ipc.handlers.get(IPC.request)!(event(opts), { method, input })) as IpcReply;
}
function subscribe(subscriptionId: string, stream: string, opts?: Parameters<typeof event>[0]): IpcReply<null> {
  return ipc.handlers.get(IPC.subscribe)!(event(opts), { subscriptionId, stream, params: {} }) as IpcReply<null>;
}
const projectEvents = () => win.sent.filter((m) => m[0] === IPC.event);

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ef-ipc-'));
  backend = await openDesktopBackend({ dataDir: dir, nativeBinding: undefined, appVersion: '9.9.9' });
  ipc = new IpcMainStandIn();
  win = new ContentsStandIn(1);
  stop = registerIpcTransport({
    ipcMain: ipc as never,
    backend,
    localMethods: { 'desktop.echo': async (input) => ({ echoed: input }) },
    trusted: () => ({ webContentsId: 1, indexHtmlPath: indexHtml }),
    log: () => {},
  });
});

afterEach(() => {
  stop();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('IPC transport', () => {
  it('answers requests from our window with the backend', async () => {
    const info = await request('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { transport: 'ipc', version: '9.9.9', dataDir: dir } });
    const created = await request('projects.create', { name: 'Checkout' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Checkout' } });
    expect(await request('projects.list', {})).toMatchObject({ ok: true, value: [{ name: 'Checkout' }] });
  });

  it('carries errors as {code, message, issues}', async () => {
    expect(await request('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const bad = await request('projects.create', { name: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [expect.objectContaining({ path: 'name' })] } });
    expect(await request('projects.open', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses a malformed envelope', async () => {
    expect(await request(42, {})).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'malformed request' } });
    const extra = (await ipc.handlers.get(IPC.request)!(event(), { method: 'app.info', input: {}, sneaky: true })) as IpcReply;
    expect(extra.ok).toBe(false);
  });

  it('refuses sub-frames, other windows and foreign pages without touching the backend', async () => {
    for (const opts of [{ subFrame: true }, { contents: new ContentsStandIn(2) }, { url: 'https://evil.example/' }, { url: 'file:///tmp/index.html' }]) {
      expect(await request('projects.create', { name: 'Intruder' }, opts)).toMatchObject({ ok: false, error: { code: 'refused' } });
      expect(subscribe('s9', 'projects.changed', opts)).toMatchObject({ ok: false, error: { code: 'refused' } });
    }
    expect(await request('projects.list', {})).toEqual({ ok: true, value: [] });
  });

  it('pushes stream events to the subscribing window until it unsubscribes', async () => {
    expect(subscribe('s1', 'projects.changed')).toEqual({ ok: true, value: null });
    const created = (await request('projects.create', { name: 'A' })) as { ok: true; value: { id: string } };
    expect(projectEvents()).toEqual([[IPC.event, 's1', { id: created.value.id, change: 'created' }]]);
    ipc.listeners.get(IPC.unsubscribe)!(event(), { subscriptionId: 's1' });
    await request('projects.create', { name: 'B' });
    expect(projectEvents()).toHaveLength(1);
  });

  it('refuses duplicate or malformed subscription ids and unknown streams', () => {
    expect(subscribe('s1', 'projects.changed').ok).toBe(true);
    expect(subscribe('s1', 'projects.changed')).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(subscribe('bad id!', 'projects.changed')).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(subscribe('s2', 'no.such.stream')).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('ends the subscriptions of a window that reloads or closes', async () => {
    subscribe('s1', 'projects.changed');
    win.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    await request('projects.create', { name: 'After reload' });
    expect(projectEvents()).toHaveLength(0);

    subscribe('s2', 'projects.changed');
    win.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true }); // a #hash change keeps them
    await request('projects.create', { name: 'Same page' });
    expect(projectEvents()).toHaveLength(1);
    win.emit('destroyed');
    await request('projects.create', { name: 'Closed' });
    expect(projectEvents()).toHaveLength(1);
  });

  it('answers desktop-only methods itself, and removes its channels when stopped', async () => {
    expect(await request('desktop.echo', { a: 1 })).toEqual({ ok: true, value: { echoed: { a: 1 } } });
    stop();
    expect(ipc.handlers.size).toBe(0);
    expect(ipc.listeners.size).toBe(0);
    stop = () => {};
  });
});
