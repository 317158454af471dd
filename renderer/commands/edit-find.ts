import type { EditorCommand } from './command';
import { always } from './command';

export const findCommand: EditorCommand = {
  id: 'edit.find',
  enabled: always,
  perform: (ctx) => ctx.editor.ui.getState().set({ search: true, quickAdd: undefined, contextMenu: undefined }),
};
