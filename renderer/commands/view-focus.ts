import { layoutStore } from '../workspace/layout-store';
import type { EditorCommand } from './command';
import { always } from './command';

/** Focus mode: only the canvas and the run toolbar (a trainer at a projector, a small laptop). */
export const focusModeCommand: EditorCommand = {
  id: 'view.focusMode',
  enabled: always,
  perform: () => layoutStore.getState().set({ focus: !layoutStore.getState().focus }),
};
