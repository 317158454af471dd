import { exportDialogFlag } from '../export/export-state';
import type { EditorCommand } from './command';
import { always } from './command';

/** File › Export…: the format picker with its live preview. */
export const exportCommand: EditorCommand = {
  id: 'file.export',
  enabled: always,
  perform: (ctx) => {
    ctx.editor.ui.getState().set({ quickAdd: undefined, search: false, contextMenu: undefined });
    exportDialogFlag.of(ctx.editor).getState().set(true);
  },
};
