/**
 * The desktop shell: one secure window showing the renderer, a native menu built from the
 * shared command registry, the IPC transport to the backend, window state and recent files,
 * and .eventflow.json files opened from the OS. Everything with logic lives in small tested
 * modules beside this file; this one only wires them to Electron.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { BrowserWindow, app, dialog, ipcMain, nativeTheme, screen, session } from 'electron';
import { toPlatform } from '../../shared/commands';
import { exitGracefullyOnSignals } from '../backend/graceful-exit';
import { dataDirArg } from '../backend/store';
import { desktopDataDir } from './app-options';
import type { DesktopBackend } from './backend';
import { openDesktopBackend } from './backend';
import { KeychainBrokerUrlKeeper } from './broker-keychain';
import { registerIpcTransport } from './ipc-transport';
import { installApplicationMenu, sendCommand } from './menu';
import { desktopMethods } from './file-dialogs';
import { electronNativeBinding } from './native-binding';
import type { RecentFile } from './recent-files';
import { addRecentFile, loadRecentFiles, recentFileLabels, removeRecentFile, saveRecentFiles } from './recent-files';
import { hardenSession, hardenWebContents } from './security';
import { secureWebPreferences } from './security-policy';
import type { TrustedRenderer } from './sender-policy';
import { readTopologyFile, topologyPathsInArgv } from './topology-files';
import { MIN_HEIGHT, MIN_WIDTH, loadWindowState, placeWindow, saveWindowState } from './window-state';

const APP_NAME = 'EventFlow Studio';
const log = (m: string) => console.warn(m);

const appRoot = app.getAppPath();
const indexHtml = path.join(appRoot, 'dist', 'renderer', 'index.html');
const preloadPath = path.join(__dirname, 'preload.cjs');
const settingsFile = (name: string) => path.join(app.getPath('userData'), name);

let win: BrowserWindow | undefined;
let backend: DesktopBackend | undefined;
let rendererLoaded = false;
let recent: RecentFile[] = [];
/** files asked for before the window could take them (macOS open-file arrives before ready) */
const pendingFiles: string[] = [];

function trustedRenderer(): TrustedRenderer | undefined {
  return win && !win.isDestroyed() ? { webContentsId: win.webContents.id, indexHtmlPath: indexHtml } : undefined;
}

function refreshMenu(): void {
  const labels = recentFileLabels(recent);
  installApplicationMenu(
    { platform: toPlatform(process.platform), appName: APP_NAME, isPackaged: app.isPackaged, recent: recent.map((r, i) => ({ path: r.path, label: labels[i] })) },
    {
      window: () => win,
      openRecent: (p) => void openTopologyFile(p),
      clearRecent: () => {
        recent = [];
        saveRecentFiles(settingsFile('recent-files.json'), recent);
        app.clearRecentDocuments();
        refreshMenu();
      },
    },
  );
}

function rememberRecentFile(filePath: string): void {
  recent = addRecentFile(recent, filePath);
  saveRecentFiles(settingsFile('recent-files.json'), recent);
  app.addRecentDocument(filePath);
  refreshMenu();
}

async function showError(message: string, detail: string): Promise<void> {
  if (win && !win.isDestroyed()) await dialog.showMessageBox(win, { type: 'error', title: APP_NAME, message, detail, buttons: ['OK'] });
  else dialog.showErrorBox(message, detail);
}

/** Imports a .eventflow.json as a new project and asks the renderer to open it. */
async function openTopologyFile(filePath: string): Promise<void> {
  if (!win || !rendererLoaded || !backend) {
    pendingFiles.push(filePath);
    return;
  }
  const file = await readTopologyFile(filePath);
  if (!file.ok) {
    if (file.missing) {
      recent = removeRecentFile(recent, filePath);
      saveRecentFiles(settingsFile('recent-files.json'), recent);
      refreshMenu();
    }
    await showError(file.title, file.detail);
    return;
  }
  try {
    const project = (await backend.dispatch('projects.create', { name: file.suggestedName, topology: file.topology })) as { id: string };
    rememberRecentFile(file.path);
    sendCommand(win, 'project.open', { projectId: project.id });
    if (win.isMinimized()) win.restore();
    win.focus();
  } catch (e) {
    await showError(`“${path.basename(filePath)}” could not be imported.`, e instanceof Error ? e.message : String(e));
  }
}

function flushPendingFiles(): void {
  for (const f of pendingFiles.splice(0)) void openTopologyFile(f);
}

function createWindow(): void {
  const stateFile = settingsFile('window-state.json');
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const placement = placeWindow(loadWindowState(stateFile), displays);
  const devIcon = path.join(appRoot, 'resources', 'icons', 'png', '512x512.png');

  win = new BrowserWindow({
    ...(placement.positioned ? { x: placement.bounds.x, y: placement.bounds.y } : {}),
    width: placement.bounds.width,
    height: placement.bounds.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: APP_NAME,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#f7f8fa',
    ...(process.platform === 'linux' && existsSync(devIcon) ? { icon: devIcon } : {}),
    webPreferences: secureWebPreferences(preloadPath, app.isPackaged),
  });
  const w = win;

  let saveTimer: NodeJS.Timeout | undefined;
  const saveState = () => {
    if (w.isDestroyed()) return;
    const b = w.getNormalBounds();
    saveWindowState(stateFile, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: w.isMaximized(), fullScreen: w.isFullScreen() });
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveState, 400);
  };
  w.on('resize', saveSoon);
  w.on('move', saveSoon);
  w.on('maximize', saveSoon);
  w.on('unmaximize', saveSoon);
  w.on('enter-full-screen', saveSoon);
  w.on('leave-full-screen', saveSoon);
  w.on('close', () => {
    clearTimeout(saveTimer);
    saveState();
  });
  w.on('closed', () => {
    if (win === w) win = undefined;
    rendererLoaded = false;
  });

  w.once('ready-to-show', () => {
    if (placement.maximized) w.maximize();
    if (placement.fullScreen) w.setFullScreen(true);
    w.show();
  });
  w.webContents.on('did-finish-load', () => {
    rendererLoaded = true;
    flushPendingFiles();
  });
  const crashes: number[] = [];
  w.webContents.on('render-process-gone', (_e, details) => {
    rendererLoaded = false;
    if (details.reason === 'clean-exit' || w.isDestroyed()) return;
    // Reload after a crash (saved work is in SQLite), but do not loop on a renderer that keeps dying.
    const now = Date.now();
    crashes.push(now);
    while (crashes.length > 0 && now - crashes[0] > 60_000) crashes.shift();
    if (crashes.length <= 3) {
      log(`eventflow: renderer gone (${details.reason}); reloading`);
      void w.loadFile(indexHtml);
    } else {
      void showError('The window keeps crashing.', `The renderer stopped ${crashes.length} times in a minute (${details.reason}). Your saved projects are safe; restart the app.`);
    }
  });

  if (!existsSync(indexHtml)) {
    void showError('The user interface has not been built.', `${indexHtml} is missing. Run \`npm start\` (it builds first) or \`npm run build\`.`);
  }
  void w.loadFile(indexHtml);
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  recent = loadRecentFiles(settingsFile('recent-files.json'));

  const dataDir = desktopDataDir(process.argv, process.env, process.cwd());
  const nativeBinding = electronNativeBinding({ appPath: appRoot, resourcesPath: process.resourcesPath, isPackaged: app.isPackaged });
  try {
    backend = await openDesktopBackend({ dataDir, nativeBinding, appVersion: app.getVersion(), brokerUrls: new KeychainBrokerUrlKeeper(app.getPath('userData')) });
  } catch (e) {
    // e.g. a database from a newer version or a corrupt file: say so, never recreate it.
    dialog.showErrorBox(`${APP_NAME} cannot open its database`, e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  const localMethods = desktopMethods({ window: () => win, backend, remember: rememberRecentFile, documentsDir: app.getPath('documents') });
  const stopIpc = registerIpcTransport({ ipcMain, backend, localMethods, trusted: trustedRenderer, log });
  // Quit waits for live runs to stop cleanly (kept as 'stopped', not 'interrupted').
  let shutdown: 'no' | 'going' | 'done' = 'no';
  app.on('before-quit', (event) => {
    if (shutdown === 'done' || !backend) return;
    event.preventDefault();
    if (shutdown === 'going') return;
    shutdown = 'going';
    void backend.shutdown()
      .catch((e: unknown) => log(`stopping runs on quit failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        shutdown = 'done';
        app.quit();
      });
  });
  app.on('will-quit', () => {
    stopIpc();
    backend?.close();
    backend = undefined;
  });
  // SIGTERM/SIGINT (logout, `kill`, a service manager) take the same way out as Quit: before-quit
  // above stops the live runs and closes the database, then the app exits 0 (as the web host does)
  exitGracefullyOnSignals({
    name: APP_NAME,
    log,
    stop: () => new Promise<void>((resolve) => {
      app.once('will-quit', () => resolve());
      app.quit();
    }),
    exit: (code) => app.exit(code),
  });

  refreshMenu();
  createWindow();
  pendingFiles.push(...topologyPathsInArgv(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd()));

  app.on('activate', () => {
    if (!win) createWindow();
  });
}

// An explicit data folder (tests, a second profile) also isolates Electron's own profile:
// settings, caches and the single-instance lock live beside that database.
const explicitDataDir = dataDirArg(process.argv) ?? process.env.EVENTFLOW_DATA_DIR;
if (explicitDataDir) app.setPath('userData', path.join(path.resolve(explicitDataDir), 'electron-profile'));

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it receives our arguments through 'second-instance'.
  app.quit();
} else {
  app.enableSandbox();
  app.setName(APP_NAME);
  hardenWebContents(app, () => indexHtml, log);
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    for (const f of topologyPathsInArgv(argv.slice(1), workingDirectory)) void openTopologyFile(f);
  });
  // macOS: double-clicked files and files dropped on the Dock icon.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    void openTopologyFile(filePath);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  start().catch((e: unknown) => {
    dialog.showErrorBox(`${APP_NAME} could not start`, e instanceof Error ? (e.stack ?? e.message) : String(e));
    app.exit(1);
  });
}
