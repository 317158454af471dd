import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkoutTemplate } from '../../shared/model/templates';

/**
 * main.ts's wiring, run under a stand-in for the `electron` module (no Electron binary can run
 * on these machines; the real thing is covered by tests/e2e/electron.spec.ts where it can).
 * Everything behind the stand-in is real: backend, SQLite, files, menu template, sender checks.
 */

const h = vi.hoisted(() => {
  type Fn = (...args: never[]) => unknown;
  class Emitter {
    listeners = new Map<string, Fn[]>();
    on(name: string, fn: Fn) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: Fn) {
      return this.on(name, fn);
    }
    emit(name: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(name) ?? []) (fn as (...a: unknown[]) => unknown)(...args);
      return true;
    }
  }
  const state = { root: '', userData: '', dataDir: '', sent: [] as unknown[][], clipboard: [] as string[], dialogs: [] as unknown[], menus: [] as unknown[][], exits: [] as number[], quits: 0, opened: [] as string[] };
  let nextId = 1;
  class WebContents extends Emitter {
    id = nextId++;
    isDestroyed = () => false;
    send = (...args: unknown[]) => state.sent.push(args);
    copy = () => state.clipboard.push('copy');
    cut = () => state.clipboard.push('cut');
    paste = () => state.clipboard.push('paste');
    setWindowOpenHandler = () => {};
  }
  class BrowserWindow extends Emitter {
    static instances: BrowserWindow[] = [];
    webContents = new WebContents();
    loaded: string[] = [];
    bounds = { x: 10, y: 20, width: 1000, height: 700 };
    constructor(readonly options: Record<string, unknown>) {
      super();
      BrowserWindow.instances.push(this);
    }
    loadFile(file: string) {
      this.loaded.push(file);
      setTimeout(() => {
        this.emit('ready-to-show');
        this.webContents.emit('did-finish-load');
      }, 0);
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    isMaximized = () => false;
    isFullScreen = () => false;
    getNormalBounds = () => this.bounds;
    show() {}
    focus() {}
    restore() {}
    maximize() {}
    setFullScreen() {}
  }
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    whenReady: () => Promise.resolve(),
    getAppPath: () => state.root,
    getPath: (name: string) => path.join(state.userData, name === 'userData' ? '' : name),
    setPath: (name: string, value: string) => {
      if (name === 'userData') state.userData = value;
    },
    getVersion: () => '1.2.3',
    requestSingleInstanceLock: () => true,
    enableSandbox: () => {},
    setName: () => {},
    addRecentDocument: () => {},
    clearRecentDocuments: () => {},
    exit: (code: number) => state.exits.push(code),
    quit: () => { state.quits++; },
  });
  const handlers = new Map<string, Fn>();
  const ipcMain = {
    handlers,
    handle: (c: string, fn: Fn) => handlers.set(c, fn),
    removeHandler: (c: string) => handlers.delete(c),
    on: (c: string, fn: Fn) => handlers.set(c, fn),
    removeListener: (c: string) => handlers.delete(c),
  };
  const sessionHooks: Record<string, Fn> = {};
  const defaultSession = {
    webRequest: { onBeforeRequest: (_f: unknown, fn: Fn) => (sessionHooks.beforeRequest = fn), onHeadersReceived: (fn: Fn) => (sessionHooks.headers = fn) },
    setPermissionRequestHandler: (fn: Fn) => (sessionHooks.permission = fn),
    setPermissionCheckHandler: (fn: Fn) => (sessionHooks.permissionCheck = fn),
    setDevicePermissionHandler: () => {},
  };
  type Item = { id?: string; label?: string; click?: () => void; submenu?: Item[] };
  const Menu = { buildFromTemplate: (t: Item[]) => t, setApplicationMenu: (t: Item[]) => state.menus.push(t) };
  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  const electron = {
    app,
    BrowserWindow,
    ipcMain,
    Menu,
    session: { defaultSession },
    screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
    nativeTheme: { shouldUseDarkColors: false },
    shell: { openExternal: (url: string) => (state.opened.push(url), Promise.resolve()) },
    dialog: {
      showMessageBox: (_w: unknown, o: unknown) => (state.dialogs.push(o), Promise.resolve({ response: 0 })),
      showErrorBox: (title: string, detail: string) => state.dialogs.push({ title, detail }),
    },
  };
  return { state, electron, BrowserWindow, WebContents, app, ipcMain, sessionHooks, Emitter };
});

vi.mock('electron', () => ({ ...h.electron, default: h.electron }));

type MenuItem = { id?: string; label?: string; click?: () => void; submenu?: MenuItem[] };
const findItem = (items: MenuItem[], pred: (i: MenuItem) => boolean): MenuItem | undefined => {
  for (const i of items) {
    if (pred(i)) return i;
    const inner = i.submenu && findItem(i.submenu, pred);
    if (inner) return inner;
  }
  return undefined;
};
const lastMenu = () => h.state.menus[h.state.menus.length - 1] as MenuItem[];
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

let indexHtml = '';
let initialUserData = '';
let sigterm: (() => void) | undefined;
let sigintBefore = new Set<NodeJS.SignalsListener>();
const win = () => h.BrowserWindow.instances[0];

beforeAll(async () => {
  h.state.root = mkdtempSync(path.join(os.tmpdir(), 'ef-shell-root-'));
  h.state.userData = initialUserData = mkdtempSync(path.join(os.tmpdir(), 'ef-shell-data-'));
  indexHtml = path.join(h.state.root, 'dist', 'renderer', 'index.html');
  mkdirSync(path.dirname(indexHtml), { recursive: true });
  writeFileSync(indexHtml, '<!doctype html><title>EventFlow Studio</title>');
  h.state.dataDir = mkdtempSync(path.join(os.tmpdir(), 'ef-shell-db-'));
  process.env.EVENTFLOW_DATA_DIR = h.state.dataDir;
  const listening = new Set(process.listeners('SIGTERM'));
  sigintBefore = new Set(process.listeners('SIGINT'));
  await import('./main');
  sigterm = process.listeners('SIGTERM').find((l) => !listening.has(l)) as (() => void) | undefined;
  await until(() => h.BrowserWindow.instances.length === 1 && h.state.menus.length > 0);
});

afterAll(() => {
  // main.ts's signal handlers must not outlive this file in the test worker
  for (const l of process.listeners('SIGINT')) if (!sigintBefore.has(l)) process.off('SIGINT', l);
  h.app.emit('will-quit');
  rmSync(h.state.root, { recursive: true, force: true });
  rmSync(initialUserData, { recursive: true, force: true });
  rmSync(h.state.dataDir, { recursive: true, force: true });
  delete process.env.EVENTFLOW_DATA_DIR;
});

const request = (method: string, input: unknown, url = pathToFileURL(indexHtml).href) =>
  h.ipcMain.handlers.get('eventflow:request')!({ sender: win().webContents, senderFrame: { url, parent: null, isDestroyed: () => false } } as never, { method, input } as never) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

describe('desktop shell wiring (main.ts)', () => {
  it('keeps Electron\'s profile beside an explicitly given data folder', () => {
    expect(h.state.userData).toBe(path.join(h.state.dataDir, 'electron-profile'));
  });

  it('opens one window on our renderer file with secure preferences and the preload', () => {
    expect(h.state.exits).toEqual([]);
    expect(win().loaded).toEqual([indexHtml]);
    expect(win().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: expect.stringMatching(/preload\.cjs$/) });
  });

  it('serves the api over IPC from the shared data folder, and refuses other pages', async () => {
    const info = await request('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { transport: 'ipc', version: '1.2.3', dataDir: h.state.dataDir } });
    expect(await request('projects.create', { name: 'Desk' })).toMatchObject({ ok: true });
    expect(await request('projects.list', {}, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('menu items send only their command id; clipboard items use the native clipboard', () => {
    findItem(lastMenu(), (i) => i.id === 'file.save')!.click!();
    expect(h.state.sent.at(-1)).toEqual(['eventflow:command', 'file.save', undefined]);
    findItem(lastMenu(), (i) => i.id === 'edit.copy')!.click!();
    expect(h.state.clipboard).toEqual(['copy']);
    expect(findItem(lastMenu(), (i) => i.label === 'Toggle Developer Tools')).toBeDefined(); // not packaged
  });

  it('denies permissions and new windows, blocks navigation and remote requests, sets the CSP', () => {
    let granted: boolean | undefined;
    h.sessionHooks.permission(null as never, 'media' as never, ((v: boolean) => (granted = v)) as never);
    expect(granted).toBe(false);
    let cancelled: unknown;
    h.sessionHooks.beforeRequest({ url: 'https://x.example' } as never, ((r: unknown) => (cancelled = r)) as never);
    expect(cancelled).toEqual({ cancel: true });
    let headers: { responseHeaders: Record<string, string[]> } | undefined;
    h.sessionHooks.headers({ responseHeaders: {} } as never, ((r: typeof headers) => (headers = r)) as never);
    expect(headers?.responseHeaders['Content-Security-Policy'][0]).toMatch(/script-src 'self'/);

    const contents = new h.WebContents();
    let openHandler: ((d: { url: string }) => unknown) | undefined;
    contents.setWindowOpenHandler = ((fn: typeof openHandler) => (openHandler = fn)) as never;
    h.app.emit('web-contents-created', {}, contents);
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    // only documentation links reach the user's browser; any other target is refused (external-links.ts)
    for (const url of ['https://evil.example/', 'smb://host/share', 'https://www.asyncapi.com/docs']) expect(openHandler!({ url })).toEqual({ action: 'deny' });
    expect(h.state.opened).toEqual(['https://www.asyncapi.com/docs']);
    let prevented = 0;
    const nav = (url: string) => contents.emit('will-navigate', { preventDefault: () => prevented++ }, url);
    nav('https://evil.example/');
    nav(`${pathToFileURL(indexHtml).href}#/project/1`);
    expect(prevented).toBe(1);
  });

  it('imports a .eventflow.json opened from the OS, asks the renderer to open it, and lists it under Open Recent', async () => {
    const file = path.join(h.state.root, 'Shop.eventflow.json');
    writeFileSync(file, JSON.stringify(checkoutTemplate()));
    h.app.emit('open-file', { preventDefault: () => {} }, file);
    await until(() => h.state.sent.some((m) => m[1] === 'project.open'));
    const [, , args] = h.state.sent.find((m) => m[1] === 'project.open')!;
    expect(args).toEqual({ projectId: expect.any(String) });
    const opened = await request('projects.open', { id: (args as { projectId: string }).projectId });
    expect(opened).toMatchObject({ ok: true, value: { name: checkoutTemplate().name } });
    expect(JSON.parse(readFileSync(path.join(h.state.userData, 'recent-files.json'), 'utf8'))[0].path).toBe(file);
    expect(findItem(lastMenu(), (i) => i.label === 'Shop.eventflow.json')).toBeDefined();
  });

  it('explains a bad file in a dialog and imports nothing', async () => {
    const file = path.join(h.state.root, 'broken.eventflow.json');
    writeFileSync(file, '{"schemaVersion": 1, "nodes": [');
    const before = ((await request('projects.list', {})).value as unknown[]).length;
    h.app.emit('open-file', { preventDefault: () => {} }, file);
    await until(() => h.state.dialogs.length > 0);
    expect(h.state.dialogs.at(-1)).toMatchObject({ type: 'error', message: '“broken.eventflow.json” is not a valid EventFlow topology.' });
    expect(((await request('projects.list', {})).value as unknown[]).length).toBe(before);
  });

  it('remembers the window bounds when it closes', () => {
    win().bounds = { x: 40, y: 50, width: 1111, height: 777 };
    win().emit('close');
    const saved = JSON.parse(readFileSync(path.join(h.state.userData, 'window-state.json'), 'utf8'));
    expect(saved).toEqual({ x: 40, y: 50, width: 1111, height: 777, maximized: false, fullScreen: false });
    expect(existsSync(path.join(h.state.dataDir, 'eventflow.sqlite'))).toBe(true);
  });

  it('holds the quit until live runs are stopped and the database is closed, then quits once', async () => {
    const event = { prevented: 0, preventDefault() { this.prevented++; } };
    const quitsBefore = h.state.quits;
    h.app.emit('before-quit', event);
    h.app.emit('before-quit', event); // a second Quit while stopping waits for the first
    expect(event.prevented).toBe(2);
    await until(() => h.state.quits === quitsBefore + 1);
    const later = { prevented: 0, preventDefault() { this.prevented++; } };
    h.app.emit('before-quit', later); // the real quit goes through
    expect(later.prevented).toBe(0);
  });

  it('SIGTERM takes the Quit path (runs stopped, database closed by before-quit/will-quit), then exits 0', async () => {
    expect(sigterm, 'main.ts listens for SIGTERM').toBeDefined();
    const quitsBefore = h.state.quits;
    sigterm!();
    expect(h.state.quits).toBe(quitsBefore + 1);
    expect(h.state.exits).toEqual([]);
    h.app.emit('will-quit');
    await until(() => h.state.exits.length > 0);
    expect(h.state.exits).toEqual([0]);
    process.off('SIGTERM', sigterm!);
  });
});
