import { createStore } from 'zustand/vanilla';
import type { Topology } from '../../shared/model';
import type { ModelIssue } from '../../shared/model';
import { Topology as TopologySchema, issuesFromZod } from '../../shared/model';
import type { Edit, Selection } from './edits/edit';
import type { Size } from './edits/geometry';
import type { History } from './history';
import { emptyHistory, record, redo as redoHistory, seal as sealHistory, undo as undoHistory } from './history';

export type ApplyResult = { ok: true; changed: boolean } | { ok: false; issues: ModelIssue[] };

export interface DocumentState {
  /** THE document: every view derives from it */
  topology: Topology;
  history: History<Topology>;
  /** increments on every change of `topology` (autosave watches it) */
  revision: number;
  selection: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };
  /** node sizes measured by React Flow (view state, not undoable) */
  measured: ReadonlyMap<string, Size>;
  /** message of the last refused edit or undo, for the status line */
  notice: string | undefined;

  apply(edit: Edit): ApplyResult;
  undo(): boolean;
  redo(): boolean;
  /** end the current coalescing burst (drag end, field blur) */
  seal(): void;
  select(selection: Selection): void;
  setMeasured(sizes: ReadonlyMap<string, Size>): void;
  /** replace the document without history (open file / load project) */
  load(topology: Topology): void;
  setNotice(notice: string | undefined): void;
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

const EMPTY = new Set<string>();

export function createDocumentStore(initial: Topology, now: () => number = Date.now) {
  return createStore<DocumentState>()((set, get) => ({
    topology: initial,
    history: emptyHistory<Topology>(),
    revision: 0,
    selection: { nodes: EMPTY, edges: EMPTY },
    measured: new Map(),
    notice: undefined,

    apply(edit) {
      const before = get().topology;
      const result = edit.run(before);
      const after = result.topology;
      if (after === before) {
        if (result.select) get().select(result.select);
        return { ok: true, changed: false };
      }
      if (!edit.positionsOnly) {
        // No invalid document is ever stored: the candidate must pass the model's own schema.
        const check = TopologySchema.safeParse(after);
        if (!check.success) {
          const issues = issuesFromZod(check.error);
          set({ notice: `${edit.label} refused: ${issues[0]?.path}: ${issues[0]?.message}` });
          return { ok: false, issues };
        }
      }
      const history = record(get().history, { label: edit.label, before, after, coalesceKey: edit.coalesceKey, at: now() });
      const selection = result.select ? toSelection(result.select) : pruneSelection(get().selection, after);
      set({ topology: after, history, revision: get().revision + 1, selection, notice: undefined });
      return { ok: true, changed: true };
    },
    undo() {
      const u = undoHistory(get().history);
      if (!u) return false;
      set({ topology: u.doc, history: u.history, revision: get().revision + 1, selection: pruneSelection(get().selection, u.doc), notice: `Undid ${u.label}` });
      return true;
    },
    redo() {
      const r = redoHistory(get().history);
      if (!r) return false;
      set({ topology: r.doc, history: r.history, revision: get().revision + 1, selection: pruneSelection(get().selection, r.doc), notice: `Redid ${r.label}` });
      return true;
    },
    seal() {
      const h = get().history;
      const sealed = sealHistory(h);
      if (sealed !== h) set({ history: sealed });
    },
    select(selection) {
      const next = toSelection(selection);
      const cur = get().selection;
      if (sameSet(cur.nodes, next.nodes) && sameSet(cur.edges, next.edges)) return;
      set({ selection: next });
    },
    setMeasured(sizes) {
      set({ measured: sizes });
    },
    load(topology) {
      set({ topology, history: emptyHistory<Topology>(), revision: get().revision + 1, selection: { nodes: EMPTY, edges: EMPTY }, notice: undefined });
    },
    setNotice(notice) {
      set({ notice });
    },
  }));
}

function toSelection(s: Selection): DocumentState['selection'] {
  return { nodes: s.nodes.length ? new Set(s.nodes) : EMPTY, edges: s.edges.length ? new Set(s.edges) : EMPTY };
}

function pruneSelection(sel: DocumentState['selection'], t: Topology): DocumentState['selection'] {
  if (sel.nodes.size === 0 && sel.edges.size === 0) return sel;
  const nodeIds = new Set(t.nodes.map((n) => n.id));
  const edgeIds = new Set(t.edges.map((e) => e.id));
  const nodes = [...sel.nodes].filter((id) => nodeIds.has(id));
  const edges = [...sel.edges].filter((id) => edgeIds.has(id));
  if (nodes.length === sel.nodes.size && edges.length === sel.edges.size) return sel;
  return toSelection({ nodes, edges });
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
