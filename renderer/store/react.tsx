import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { DocumentState, DocumentStore } from './document-store';

const DocumentContext = createContext<DocumentStore | null>(null);
export const DocumentStoreProvider = DocumentContext.Provider;

export function useDocumentStoreApi(): DocumentStore {
  const s = useContext(DocumentContext);
  if (!s) throw new Error('useDocument() needs a <DocumentStoreProvider> above it');
  return s;
}

/** Narrow selector over the open document (re-renders only when the selected slice changes). */
export function useDocument<T>(selector: (s: DocumentState) => T): T {
  return useStore(useDocumentStoreApi(), selector);
}
