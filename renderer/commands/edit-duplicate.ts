import { duplicate } from '../store/edits/clipboard';
import type { EditorCommand } from './command';
import { hasNodeSelection, selectedNodeIds } from './command';

export const duplicateCommand: EditorCommand = {
  id: 'edit.duplicate',
  enabled: hasNodeSelection,
  perform: (ctx) => { ctx.editor.doc.getState().apply(duplicate(ctx.editor.doc.getState().topology, selectedNodeIds(ctx))); },
};
