import type { EditorCommand } from './command';

export const undoCommand: EditorCommand = {
  id: 'edit.undo',
  enabled: (ctx) => ctx.editor.doc.getState().history.past.length > 0,
  perform: (ctx) => { ctx.editor.doc.getState().undo(); },
};
