import type { EditorCommand } from './command';

export const selectAllCommand: EditorCommand = {
  id: 'edit.selectAll',
  enabled: (ctx) => ctx.editor.doc.getState().topology.nodes.length > 0,
  perform: (ctx) => {
    const t = ctx.editor.doc.getState().topology;
    ctx.editor.doc.getState().select({ nodes: t.nodes.map((n) => n.id), edges: t.edges.map((e) => e.id) });
  },
};
