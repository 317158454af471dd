/**
 * File > Import for the open editor: an AsyncAPI document (2.x/3.x, YAML or JSON) or an
 * .eventflow.json replaces the canvas as one undoable step. Problems are listed with their place
 * in the source (line:column and JSON pointer); on any error the project is left untouched.
 */
import { formatProblem, importAsyncApi, looksLikeAsyncApi } from '../../shared/export/asyncapi/import';
import type { ImportProblem } from '../../shared/export/source-doc';
import type { Topology } from '../../shared/model/topology';
import { parseTopologyText } from '../../shared/model/validate';
import type { EditorServices } from '../editor/editor-context';

// the native file's own limit (parseTopologyText); AsyncAPI documents have tighter ones (source-doc.ts)
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export type ImportOutcome =
  | { ok: true; topology: Topology; kind: 'asyncapi' | 'topology'; problems: ImportProblem[] }
  | { ok: false; problems: ImportProblem[] };

/** Pure part: text + file name -> topology or located problems. */
export function importText(text: string, fileName: string): ImportOutcome {
  const asyncapi = /\.(ya?ml)$/i.test(fileName) || (!/\.eventflow\.json$/i.test(fileName) && looksLikeAsyncApi(text));
  if (asyncapi) {
    const r = importAsyncApi(text);
    return r.ok ? { ok: true, topology: r.topology, kind: 'asyncapi', problems: r.problems } : r;
  }
  const r = parseTopologyText(text);
  if (r.ok) return { ok: true, topology: r.value, kind: 'topology', problems: [] };
  return { ok: false, problems: r.issues.map((i) => ({ severity: 'error', message: i.message, pointer: i.path })) };
}

/** Read a dropped or picked file into the editor. Resolves true when the canvas changed. */
export async function importFile(editor: EditorServices, file: File, afterLoad?: () => void): Promise<boolean> {
  const ui = editor.ui.getState();
  if (file.size > MAX_IMPORT_BYTES) {
    ui.set({ banner: { tone: 'error', title: `Cannot import ${file.name} — the project is unchanged`, lines: [`the file is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1048576} MB`] } });
    return false;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    ui.set({ banner: { tone: 'error', title: `Cannot read ${file.name}`, lines: [(e as Error).message] } });
    return false;
  }
  const r = importText(text, file.name);
  if (!r.ok) {
    ui.set({ banner: { tone: 'error', title: `Cannot import ${file.name} — the project is unchanged`, lines: r.problems.slice(0, 12).map((p) => formatProblem(p, file.name)) } });
    return false;
  }
  const applied = editor.doc.getState().apply({ label: `Import ${file.name}`, run: () => ({ topology: r.topology, select: { nodes: [], edges: [] } }) });
  if (!applied.ok) {
    ui.set({ banner: { tone: 'error', title: `Cannot import ${file.name} — the project is unchanged`, lines: applied.issues.map((i) => `${i.path}: ${i.message}`) } });
    return false;
  }
  const t = r.topology;
  const summary = `${t.nodes.length} nodes, ${t.edges.length} edges${r.kind === 'asyncapi' ? `, ${t.eventTypes.length} event types` : ''}. Undo (Ctrl/Cmd+Z) brings back the previous canvas.`;
  ui.set({ banner: { tone: 'info', title: `Imported ${file.name}`, lines: [summary, ...r.problems.slice(0, 10).map((p) => formatProblem(p, file.name))] } });
  afterLoad?.();
  return true;
}
