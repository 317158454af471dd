import { removeElements } from '../store/edits/remove';
import type { EditorCommand } from './command';
import { hasNodeSelection, selectedNodeIds } from './command';
import { selectionAsText } from './edit-copy';

export const cutCommand: EditorCommand = {
  id: 'edit.cut',
  enabled: hasNodeSelection,
  perform: async (ctx) => {
    await navigator.clipboard.writeText(selectionAsText(ctx));
    const e = removeElements(selectedNodeIds(ctx), []);
    ctx.editor.doc.getState().apply({ ...e, label: 'Cut' });
  },
};
