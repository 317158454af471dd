import type { ApiClient } from '../../shared/api/client';
import type { DocumentStore } from '../store/document-store';
import type { UiStore } from '../store/ui-store';
import type { SaveKind } from './editor-context';

export const AUTOSAVE_DELAY_MS = 1000;

/**
 * Saving for one open project: autosave ~1 s after the last edit (projects.save kind
 * 'autosave'), explicit Save (kind 'explicit', which keeps a version). Saves run one at a time;
 * the indicator says Saved / Saving… / Unsaved / failed. Returns save() and a disposer that
 * flushes pending changes.
 */
export function createSaver(projectId: string, api: ApiClient, doc: DocumentStore, ui: UiStore) {
  let savedRevision = doc.getState().revision;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();

  const save = (kind: SaveKind): Promise<void> => {
    if (timer) { clearTimeout(timer); timer = undefined; }
    chain = chain.then(async () => {
      const { topology, revision } = doc.getState();
      if (kind === 'autosave' && revision === savedRevision) return;
      ui.getState().set({ saveStatus: 'saving' });
      try {
        await api.call('projects.save', { id: projectId, topology, kind });
        savedRevision = revision;
        ui.getState().set({ saveStatus: doc.getState().revision === revision ? 'saved' : 'unsaved', savedAt: Date.now(), saveError: undefined });
      } catch (e) {
        ui.getState().set({ saveStatus: 'error', saveError: e instanceof Error ? e.message : String(e) });
      }
    });
    return chain;
  };

  const unsubscribe = doc.subscribe((s, prev) => {
    if (s.revision === prev.revision) return;
    if (s.revision === savedRevision) return;
    if (ui.getState().saveStatus !== 'saving') ui.getState().set({ saveStatus: 'unsaved' });
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = undefined; void save('autosave'); }, AUTOSAVE_DELAY_MS);
  });

  const dispose = () => {
    unsubscribe();
    if (timer) { clearTimeout(timer); timer = undefined; void save('autosave'); }
  };
  return { save, dispose };
}
