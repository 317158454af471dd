import { runActionsOf } from '../runs/run-actions';
import type { EditorCommand } from './command';

/** Run › Start / Pause / Stop (F5, F6, Shift+F5): the run toolbar's buttons, from the keyboard or a menu. */
export const runCommands: EditorCommand[] = [
  { id: 'run.start', enabled: (ctx) => runActionsOf(ctx.editor)?.canStart() ?? false, perform: (ctx) => runActionsOf(ctx.editor)?.start() },
  { id: 'run.pause', enabled: (ctx) => runActionsOf(ctx.editor)?.canPause() ?? false, perform: (ctx) => runActionsOf(ctx.editor)?.togglePause() },
  { id: 'run.stop', enabled: (ctx) => runActionsOf(ctx.editor)?.canStop() ?? false, perform: (ctx) => runActionsOf(ctx.editor)?.stop() },
];
