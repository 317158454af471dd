import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { UiStore } from './ui-store';

/** An on/off view flag of one open editor (a dialog showing): never saved, never undone. */
export interface EditorFlagState {
  open: boolean;
  set(open: boolean): void;
}

/**
 * A per-editor flag a command can flip and a component can follow, without a field in UiState.
 * Keyed by the editor's ui store (one per open project), so it goes away with the editor.
 */
export function editorFlag(): {
  of(editor: { ui: UiStore }): StoreApi<EditorFlagState>;
  useOpen(editor: { ui: UiStore }): boolean;
} {
  const flags = new WeakMap<object, StoreApi<EditorFlagState>>();
  const of = (editor: { ui: UiStore }): StoreApi<EditorFlagState> => {
    let store = flags.get(editor.ui);
    if (!store) {
      store = createStore<EditorFlagState>()((set) => ({ open: false, set: (open) => set({ open }) }));
      flags.set(editor.ui, store);
    }
    return store;
  };
  return { of, useOpen: (editor) => useStore(of(editor), (s) => s.open) };
}
