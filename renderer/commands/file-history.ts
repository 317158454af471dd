import { historyPanel } from '../editor/history-state';
import type { EditorCommand } from './command';
import { always } from './command';

/** Opens the Version History dialog (earlier explicit saves; restore one). */
export const historyCommand: EditorCommand = {
  id: 'file.history',
  enabled: always,
  perform: (ctx) => {
    ctx.editor.ui.getState().set({ quickAdd: undefined, search: false, contextMenu: undefined });
    historyPanel(ctx.editor).getState().set(true);
  },
};
