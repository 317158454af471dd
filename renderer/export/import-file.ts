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
import type { RoundtripView } from '../store/ui-store';

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
  const banner = { tone: 'info' as const, title: `Imported ${file.name}`, lines: [summary, ...r.problems.slice(0, 10).map((p) => formatProblem(p, file.name)), ...(r.problems.length > 10 ? [`… and ${r.problems.length - 10} more`] : [])] };
  ui.set({ banner: r.kind === 'asyncapi' ? { ...banner, roundtrip: { state: 'checking' } } : banner });
  afterLoad?.();
  if (r.kind === 'asyncapi') void showRoundtrip(editor, text, file.name, banner.title);
  return true;
}

/** Ask the backend to import, export and compare the document; show the verdict under the import's banner. */
async function showRoundtrip(editor: EditorServices, text: string, fileName: string, title: string): Promise<void> {
  let view: RoundtripView;
  try {
    const r = await editor.api.call('asyncapi.roundtrip', { text, fileName });
    view = r.ok
      ? { state: 'done', everythingKept: r.everythingKept && r.differences.length === 0, summary: r.lines[0] ?? '', lines: r.lines.slice(1), more: r.more }
      : { state: 'failed', summary: 'Round trip not checked: the document does not import on its own', lines: r.problems.slice(0, 8).map((p) => formatProblem(p, fileName)) };
  } catch (e) {
    view = { state: 'failed', summary: 'Round trip not checked', lines: [(e as Error).message] };
  }
  const ui = editor.ui.getState();
  // the user may have dismissed the banner or imported something else meanwhile
  if (ui.banner?.title === title && ui.banner.roundtrip?.state === 'checking') ui.set({ banner: { ...ui.banner, roundtrip: view } });
}
