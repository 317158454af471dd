import { paste, parseClipboard } from '../store/edits/clipboard';
import type { CommandContext, EditorCommand } from './command';
import { always } from './command';

/**
 * Paste clipboard text: an EventFlow selection (from this or another project) lands at `at`
 * (or offset from where it was copied). Anything else is ignored with a note.
 */
export function pasteText(ctx: CommandContext, text: string): boolean {
  const payload = parseClipboard(text);
  if (!payload) {
    ctx.editor.doc.getState().setNotice('The clipboard holds no EventFlow nodes');
    return false;
  }
  const top = payload.nodes.filter((n) => !n.parentId);
  let offset = { x: 40, y: 40 };
  if (ctx.at && top.length > 0) {
    const minX = Math.min(...top.map((n) => n.position.x));
    const minY = Math.min(...top.map((n) => n.position.y));
    offset = { x: Math.round(ctx.at.x - minX), y: Math.round(ctx.at.y - minY) };
  }
  return ctx.editor.doc.getState().apply(paste(payload, offset)).ok;
}

export const pasteCommand: EditorCommand = {
  id: 'edit.paste',
  enabled: always,
  perform: async (ctx) => {
    try {
      pasteText(ctx, await navigator.clipboard.readText());
    } catch (e) {
      ctx.editor.doc.getState().setNotice(`Cannot read the clipboard: ${(e as Error).message}. Use Ctrl/Cmd+V.`);
    }
  },
};
