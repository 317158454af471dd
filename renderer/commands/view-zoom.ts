import type { EditorCommand } from './command';
import { always } from './command';

export const zoomInCommand: EditorCommand = { id: 'view.zoomIn', enabled: always, perform: (ctx) => { void ctx.flow.zoomIn({ duration: 150 }); } };
export const zoomOutCommand: EditorCommand = { id: 'view.zoomOut', enabled: always, perform: (ctx) => { void ctx.flow.zoomOut({ duration: 150 }); } };
export const zoomResetCommand: EditorCommand = { id: 'view.zoomReset', enabled: always, perform: (ctx) => { void ctx.flow.zoomTo(1, { duration: 150 }); } };
