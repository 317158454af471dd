import type { EditorCommand } from './command';
import { always } from './command';

export const fitViewCommand: EditorCommand = {
  id: 'view.fitView',
  enabled: always,
  perform: (ctx) => {
    ctx.editor.ui.getState().set({ followsFit: true });
    void ctx.flow.fitView({ padding: 0.15, duration: 250, maxZoom: 1.2 });
  },
};
