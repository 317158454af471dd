import { copySelection } from '../store/edits/clipboard';
import type { CommandContext, EditorCommand } from './command';
import { hasNodeSelection, selectedNodeIds } from './command';

/** The selection as clipboard JSON (used by the DOM copy event and by menus). */
export function selectionAsText(ctx: CommandContext): string {
  return JSON.stringify(copySelection(ctx.editor.doc.getState().topology, selectedNodeIds(ctx)), null, 2);
}

/** Menu/context-menu path: the keyboard path goes through the DOM copy event (clipboard-events.ts). */
export const copyCommand: EditorCommand = {
  id: 'edit.copy',
  enabled: hasNodeSelection,
  perform: async (ctx) => {
    await navigator.clipboard.writeText(selectionAsText(ctx));
    ctx.editor.doc.getState().setNotice(`Copied ${ctx.editor.doc.getState().selection.nodes.size} node(s)`);
  },
};
