import { parseTopologyText } from '../../shared/model';
import type { CommandContext, EditorCommand } from './command';
import { always } from './command';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Read an .eventflow.json file into the open project as one undoable step. A bad file (not
 * JSON, unknown kind, dangling edge, out-of-range setting, newer schemaVersion, too big) shows
 * where and why, and the project is left untouched.
 */
export async function openTopologyFile(ctx: CommandContext, file: File): Promise<boolean> {
  const ui = ctx.editor.ui.getState();
  if (file.size > MAX_FILE_BYTES) {
    ui.set({ banner: { tone: 'error', title: `Cannot open ${file.name}`, lines: [`(file): the file is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB`] } });
    return false;
  }
  const parsed = parseTopologyText(await file.text(), MAX_FILE_BYTES);
  if (!parsed.ok) {
    ui.set({ banner: { tone: 'error', title: `Cannot open ${file.name} — the project is unchanged`, lines: parsed.issues.slice(0, 8).map((i) => `${i.path}: ${i.message}`) } });
    return false;
  }
  const doc = ctx.editor.doc.getState();
  const r = doc.apply({ label: `Open ${file.name}`, run: () => ({ topology: parsed.value, select: { nodes: [], edges: [] } }) });
  if (!r.ok) {
    ui.set({ banner: { tone: 'error', title: `Cannot open ${file.name}`, lines: r.issues.map((i) => `${i.path}: ${i.message}`) } });
    return false;
  }
  ui.set({ banner: { tone: 'info', title: `Opened ${file.name}`, lines: ['Undo (Ctrl/Cmd+Z) brings back the previous canvas.'] } });
  requestAnimationFrame(() => { void ctx.flow.fitView({ padding: 0.15, duration: 200, maxZoom: 1.1 }); });
  return true;
}

/** Browser path: a hidden file input; Electron's native dialog is the shell's (file.open). */
export const importCommand: EditorCommand = {
  id: 'file.import',
  enabled: always,
  perform: (ctx) => new Promise<void>((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,.eventflow.json,application/json';
    input.onchange = () => {
      const file = input.files?.[0];
      if (file) void openTopologyFile(ctx, file).finally(resolve);
      else resolve();
    };
    input.click();
  }),
};
