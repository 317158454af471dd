import type { App, Session, WebContents } from 'electron';
import { shell } from 'electron';
import { isAllowedNavigation } from './sender-policy';

/**
 * Secure defaults for every web contents (DESIGN.md §3): strict CSP, no remote content, no
 * navigation away from our page, no new windows, no permissions, no <webview>.
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Secure webPreferences for the app window (tested by the Electron e2e through app.evaluate). */
export function secureWebPreferences(preloadPath: string, isPackaged: boolean) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: !isPackaged,
  } as const;
}

export function hardenSession(session: Session): void {
  // Nothing remote is ever loaded: the UI and the api are local.
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] }, (_details, callback) => callback({ cancel: true }));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Applies to every web contents the app ever creates (window, devtools excluded by URL). */
export function hardenWebContents(app: App, indexHtmlPath: () => string, log: (m: string) => void): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // Links to documentation open in the user's browser; nothing opens inside the app.
      if (/^https:\/\//i.test(url)) void shell.openExternal(url);
      else log(`eventflow: blocked window.open(${url})`);
      return { action: 'deny' };
    });
    const guard = (event: { preventDefault(): void }, url: string) => {
      if (!isAllowedNavigation(url, indexHtmlPath())) {
        event.preventDefault();
        log(`eventflow: blocked navigation to ${url}`);
      }
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
