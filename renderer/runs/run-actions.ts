import type { UiStore } from '../store/ui-store';

/** What the Run menu / F5 / F6 / Shift+F5 and the palette can do with the open editor's run toolbar. */
export interface RunActions {
  canStart(): boolean;
  /** starts with the toolbar's scenario and speed, as its ▶ Run button does */
  start(): void;
  canPause(): boolean;
  /** pauses a running run, resumes a paused one */
  togglePause(): void;
  canStop(): boolean;
  stop(): void;
}

const byEditor = new WeakMap<object, RunActions>();

/** The run toolbar registers itself while mounted (keyed by the editor's ui store). */
export function setRunActions(editor: { ui: UiStore }, actions: RunActions | undefined): void {
  if (actions) byEditor.set(editor.ui, actions);
  else byEditor.delete(editor.ui);
}

export function runActionsOf(editor: { ui: UiStore }): RunActions | undefined {
  return byEditor.get(editor.ui);
}
