import type { EditorCommand } from './command';
import { always } from './command';

/** Editor-only: not in the native menu, bound to the toolbar toggle. */
export const toggleSnapCommand: EditorCommand = {
  id: 'editor.toggleSnap',
  label: 'Snap to Grid',
  enabled: always,
  perform: (ctx) => ctx.editor.ui.getState().set({ snapToGrid: !ctx.editor.ui.getState().snapToGrid }),
};
