import type { BrowserWindow } from 'electron';
import { dialog } from 'electron';
import path from 'node:path';
import { z } from 'zod';
import { Topology } from '../../shared/model';
import type { BackendPort, LocalMethods } from './backend-port';
import { readTopologyFile, safeFileName, writeTopologyFile } from './topology-files';

/**
 * Native open/save dialogs for .eventflow.json, as desktop-only api methods. The IPC transport
 * answers these itself (the web host has no native dialogs; the browser UI uses a file input
 * and a download instead). To make them callable from the typed client, declare them in
 * shared/api/contract.ts with these input/output shapes and have the web host refuse them.
 */

const FILTERS = [{ name: 'EventFlow topology', extensions: ['eventflow.json'] }, { name: 'All files', extensions: ['*'] }];

export const OpenTopologyFileInput = z.object({}).strict();
export const OpenTopologyFileOutput = z.union([
  z.object({ cancelled: z.literal(true) }),
  z.object({ cancelled: z.literal(false), projectId: z.string(), path: z.string() }),
]);
export const SaveTopologyFileInput = z.object({ topology: Topology, suggestedName: z.string().max(200).default('topology') }).strict();
export const SaveTopologyFileOutput = z.union([z.object({ cancelled: z.literal(true) }), z.object({ cancelled: z.literal(false), path: z.string() })]);

export interface DesktopMethodContext {
  window: () => BrowserWindow | undefined;
  backend: BackendPort;
  /** called with each file opened or saved (File › Open Recent) */
  remember: (filePath: string) => void;
  /** default folder of the dialogs */
  documentsDir: string;
}

class DialogError extends Error {
  constructor(
    readonly code: 'invalid-input' | 'internal',
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export function desktopMethods(ctx: DesktopMethodContext): LocalMethods {
  return {
    'desktop.openTopologyFile': async (input) => {
      OpenTopologyFileInput.parse(input ?? {});
      const win = ctx.window();
      const options = { title: 'Open topology', defaultPath: ctx.documentsDir, filters: FILTERS, properties: ['openFile' as const] };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      if (r.canceled || r.filePaths.length === 0) return { cancelled: true };
      const file = await readTopologyFile(r.filePaths[0]);
      if (!file.ok) throw new DialogError('invalid-input', `${file.title}\n${file.detail}`, [{ path: file.path, message: file.detail }]);
      const project = (await ctx.backend.dispatch('projects.create', { name: file.suggestedName, topology: file.topology })) as { id: string };
      ctx.remember(file.path);
      return { cancelled: false, projectId: project.id, path: file.path };
    },
    'desktop.saveTopologyFile': async (input) => {
      const parsed = SaveTopologyFileInput.safeParse(input);
      if (!parsed.success) throw new DialogError('invalid-input', 'invalid topology', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      const win = ctx.window();
      const safeName = safeFileName(parsed.data.suggestedName);
      const options = { title: 'Save topology as', defaultPath: path.join(ctx.documentsDir, `${safeName}.eventflow.json`), filters: FILTERS };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (r.canceled || !r.filePath) return { cancelled: true };
      const written = await writeTopologyFile(r.filePath, parsed.data.topology);
      ctx.remember(written);
      return { cancelled: false, path: written };
    },
  };
}
