import { groupNodes, ungroup } from '../store/edits/groups';
import type { EditorCommand } from './command';
import { hasNodeSelection, selectedNodeIds } from './command';

export const groupCommand: EditorCommand = {
  id: 'arrange.group',
  enabled: hasNodeSelection,
  perform: (ctx) => { ctx.editor.doc.getState().apply(groupNodes(selectedNodeIds(ctx), ctx.editor.doc.getState().measured)); },
};

export const ungroupCommand: EditorCommand = {
  id: 'arrange.ungroup',
  enabled: (ctx) => {
    const s = ctx.editor.doc.getState();
    return s.topology.nodes.some((n) => n.kind === 'group' && s.selection.nodes.has(n.id));
  },
  perform: (ctx) => { ctx.editor.doc.getState().apply(ungroup(selectedNodeIds(ctx))); },
};
