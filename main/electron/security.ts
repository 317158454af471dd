import type { App, Session, WebContents } from 'electron';
import { shell } from 'electron';
import { isAllowedExternalUrl } from './external-links';
import { CONTENT_SECURITY_POLICY } from './security-policy';
import { isAllowedNavigation } from './sender-policy';

/**
 * Secure defaults for every web contents (DESIGN.md §3): strict CSP, no remote content, no
 * navigation away from our page, no new windows, no permissions, no <webview>.
 */

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
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
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
