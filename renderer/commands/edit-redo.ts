import type { EditorCommand } from './command';

export const redoCommand: EditorCommand = {
  id: 'edit.redo',
  enabled: (ctx) => ctx.editor.doc.getState().history.future.length > 0,
  perform: (ctx) => { ctx.editor.doc.getState().redo(); },
};
