import type { StoreApi } from 'zustand/vanilla';
import type { EditorFlagState } from '../store/editor-flag';
import { editorFlag } from '../store/editor-flag';
import type { EditorServices } from './editor-context';

/** Whether one open editor's Version History dialog is showing (view state: never saved). */
export type HistoryPanelState = EditorFlagState;

const flag = editorFlag();

export function historyPanel(editor: Pick<EditorServices, 'ui'>): StoreApi<HistoryPanelState> {
  return flag.of(editor);
}

export function useHistoryPanelOpen(editor: Pick<EditorServices, 'ui'>): boolean {
  return flag.useOpen(editor);
}
