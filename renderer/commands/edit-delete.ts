import { removeElements } from '../store/edits/remove';
import type { EditorCommand } from './command';
import { hasSelection } from './command';

export const deleteCommand: EditorCommand = {
  id: 'edit.delete',
  enabled: hasSelection,
  perform: (ctx) => {
    const s = ctx.editor.doc.getState().selection;
    ctx.editor.doc.getState().apply(removeElements([...s.nodes], [...s.edges].filter((id) => !id.startsWith('dlq:'))));
  },
};
