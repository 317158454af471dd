import type { CommandContext, EditorCommand } from './command';
import { always } from './command';

/** a zoom the user asked for: the view stops refitting itself on resize */
const unfollow = (ctx: CommandContext): void => ctx.editor.ui.getState().set({ followsFit: false });

export const zoomInCommand: EditorCommand = { id: 'view.zoomIn', enabled: always, perform: (ctx) => { unfollow(ctx); void ctx.flow.zoomIn({ duration: 150 }); } };
export const zoomOutCommand: EditorCommand = { id: 'view.zoomOut', enabled: always, perform: (ctx) => { unfollow(ctx); void ctx.flow.zoomOut({ duration: 150 }); } };
export const zoomResetCommand: EditorCommand = { id: 'view.zoomReset', enabled: always, perform: (ctx) => { unfollow(ctx); void ctx.flow.zoomTo(1, { duration: 150 }); } };
