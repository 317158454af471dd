import type { EditorCommand } from './command';
import { always } from './command';

export const toggleMinimapCommand: EditorCommand = {
  id: 'view.toggleMinimap',
  enabled: always,
  perform: (ctx) => ctx.editor.ui.getState().set({ minimap: !ctx.editor.ui.getState().minimap }),
};
