import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

/**
 * Who may talk to the backend over IPC: only the main frame of our own window, showing our
 * own renderer file. Sub-frames, other windows, and any page that somehow navigated elsewhere
 * (http:, devtools:, another file) are refused. Pure, so it is tested without Electron.
 */

export interface SenderInfo {
  /** id of the WebContents that sent the message */
  webContentsId: number;
  /** the sending frame; null when it is already gone */
  frame: { url: string; isMainFrame: boolean } | null;
}

export interface TrustedRenderer {
  webContentsId: number;
  /** absolute path of dist/renderer/index.html */
  indexHtmlPath: string;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

export function rendererUrl(indexHtmlPath: string): string {
  return pathToFileURL(indexHtmlPath).href;
}

export function checkSender(sender: SenderInfo, trusted: TrustedRenderer | undefined): SenderVerdict {
  if (!trusted) return { ok: false, reason: 'no application window is open' };
  if (sender.webContentsId !== trusted.webContentsId) return { ok: false, reason: 'message from a window that is not the application window' };
  if (!sender.frame) return { ok: false, reason: 'the sending frame is gone' };
  if (!sender.frame.isMainFrame) return { ok: false, reason: 'message from a sub-frame' };
  return isOurRendererUrl(sender.frame.url, trusted.indexHtmlPath) ? { ok: true } : { ok: false, reason: `message from an unexpected page: ${truncate(sender.frame.url)}` };
}

/** Is `url` our renderer's index.html (any #hash or ?query allowed: the UI routes with them)? */
export function isOurRendererUrl(url: string, indexHtmlPath: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  let filePath: string;
  try {
    filePath = fileURLToPath(`file://${parsed.pathname}`);
  } catch {
    return false;
  }
  return path.normalize(filePath) === path.normalize(indexHtmlPath);
}

/** Navigation inside the app is never needed: everything but our own page (with a new #hash) is refused. */
export function isAllowedNavigation(url: string, indexHtmlPath: string): boolean {
  return isOurRendererUrl(url, indexHtmlPath);
}

function truncate(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
