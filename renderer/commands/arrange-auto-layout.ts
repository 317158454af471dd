import { applyLayout } from '../layout/apply-layout';
import { layoutTopology } from '../layout/elk-layout';
import type { EditorCommand } from './command';

export const autoLayoutCommand: EditorCommand = {
  id: 'arrange.autoLayout',
  enabled: (ctx) => ctx.editor.doc.getState().topology.nodes.length > 0,
  perform: async (ctx) => {
    const doc = ctx.editor.doc;
    const before = doc.getState().topology;
    const result = await layoutTopology(before, doc.getState().measured);
    if (doc.getState().topology !== before) return; // edited meanwhile: a stale layout would undo it
    doc.getState().apply(applyLayout(result));
    requestAnimationFrame(() => { void ctx.flow.fitView({ padding: 0.15, duration: 250, maxZoom: 1.1 }); });
  },
};
