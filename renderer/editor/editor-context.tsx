import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ApiClient } from '../../shared/api/client';
import type { DocumentStore } from '../store/document-store';
import type { UiState, UiStore } from '../store/ui-store';

export type SaveKind = 'autosave' | 'explicit';

/** Everything one open project editor shares with its panels and commands. */
export interface EditorServices {
  projectId: string;
  api: ApiClient;
  doc: DocumentStore;
  ui: UiStore;
  save(kind: SaveKind): Promise<void>;
  close(): void;
}

const Ctx = createContext<EditorServices | null>(null);
export const EditorServicesProvider = Ctx.Provider;

export function useEditor(): EditorServices {
  const s = useContext(Ctx);
  if (!s) throw new Error('useEditor() needs a <ProjectEditor> above it');
  return s;
}

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(useEditor().ui, selector);
}
