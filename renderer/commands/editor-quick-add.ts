import type { EditorCommand } from './command';
import { always } from './command';

/** Editor-only ("/"): the quick-add box at the given point or the middle of the viewport. */
export const quickAddCommand: EditorCommand = {
  id: 'editor.quickAdd',
  label: 'Add Node…',
  enabled: always,
  perform: (ctx) => {
    const el = document.querySelector('.ef-canvas');
    const r = el?.getBoundingClientRect();
    const screen = r ? { x: r.left + r.width / 2, y: r.top + r.height / 3 } : { x: 400, y: 300 };
    const flow = ctx.at ?? ctx.flow.screenToFlowPosition(screen);
    const s = ctx.at ? ctx.flow.flowToScreenPosition(ctx.at) : screen;
    ctx.editor.ui.getState().set({ quickAdd: { flow, screen: s }, contextMenu: undefined, search: false });
  },
};
