import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { EditorServices } from './editor-context';

/** Whether one open editor's Version History dialog is showing (view state: never saved). */
export interface HistoryPanelState {
  open: boolean;
  set(open: boolean): void;
}

// Keyed by the editor's ui store (one per open project), so no field is added to shared UiState.
const panels = new WeakMap<object, StoreApi<HistoryPanelState>>();

export function historyPanel(editor: Pick<EditorServices, 'ui'>): StoreApi<HistoryPanelState> {
  let store = panels.get(editor.ui);
  if (!store) {
    store = createStore<HistoryPanelState>()((set) => ({ open: false, set: (open) => set({ open }) }));
    panels.set(editor.ui, store);
  }
  return store;
}

export function useHistoryPanelOpen(editor: Pick<EditorServices, 'ui'>): boolean {
  return useStore(historyPanel(editor), (s) => s.open);
}
