import type { MethodOutput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/define';
import { errorMessage } from '../app/errors';
import type { EditorServices } from './editor-context';

export type VersionSummary = MethodOutput<'projects.versions'>[number];
export type RestoreOutcome = { ok: true } | { ok: false; message: string };

export function versionTime(v: Pick<VersionSummary, 'savedAt'>): string {
  const d = new Date(v.savedAt);
  return Number.isNaN(d.getTime()) ? v.savedAt : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/**
 * Makes an earlier version current.
 * 1. Flush pending edits, so the canvas being replaced is exactly what the backend keeps as a
 *    version (restoreVersion keeps the stored current topology). If that save fails, stop:
 *    restoring would lose those edits.
 * 2. projects.restoreVersion swaps the topologies in one transaction.
 * 3. The canvas takes the restored topology as ONE undoable step (like opening a file): Undo is
 *    where a user looks first after "oops, wrong version", the edits before the restore stay
 *    undoable, and the replaced canvas is in the history list as well, so both ways back exist.
 */
export async function restoreVersion(editor: EditorServices, version: VersionSummary): Promise<RestoreOutcome> {
  await editor.save('autosave');
  const ui = editor.ui.getState();
  if (ui.saveStatus === 'error') {
    return { ok: false, message: `Nothing was restored: your latest changes could not be saved first and would be lost (${failureReason(ui.saveError ?? 'unknown error')}).` };
  }
  let topology;
  try {
    ({ topology } = await editor.api.call('projects.restoreVersion', { id: editor.projectId, versionId: version.versionId }));
  } catch (e) {
    return { ok: false, message: `Could not restore this version (${failureReason(e)}). The canvas is unchanged.` };
  }
  const r = editor.doc.getState().apply({
    label: `Restore version of ${versionTime(version)}`,
    run: () => ({ topology, select: { nodes: [], edges: [] } }),
  });
  if (!r.ok) {
    // the backend has switched already; say so rather than show a canvas that differs from it
    const first = r.issues[0];
    return { ok: false, message: `The version was restored but the editor refused it (${first?.path}: ${first?.message}). Reopen the project to see it.` };
  }
  return { ok: true };
}

/** The cause in a few words, without the trailing punctuation (it goes inside a sentence). */
export function failureReason(e: unknown): string {
  const text = e instanceof ApiError && e.code === 'disconnected' ? 'the connection to the backend was lost' : typeof e === 'string' ? e : errorMessage(e);
  return text.trim().replace(/[.…\s]+$/u, '');
}
