/**
 * Undo history over immutable documents. Each entry keeps the document before and after one
 * edit; consecutive edits with the same coalesce key inside the window (a drag, a typing burst)
 * merge into one step, so Undo goes back to where the gesture started.
 */
export interface HistoryEntry<T> {
  label: string;
  before: T;
  after: T;
  coalesceKey: string | undefined;
  at: number;
}

export interface History<T> {
  past: readonly HistoryEntry<T>[];
  future: readonly HistoryEntry<T>[];
}

export const HISTORY_LIMIT = 500;
export const COALESCE_WINDOW_MS = 1200;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [] };
}

export function record<T>(h: History<T>, entry: HistoryEntry<T>, limit = HISTORY_LIMIT): History<T> {
  const last = h.past[h.past.length - 1];
  if (last && entry.coalesceKey !== undefined && last.coalesceKey === entry.coalesceKey && entry.at - last.at <= COALESCE_WINDOW_MS) {
    const merged: HistoryEntry<T> = { ...last, after: entry.after, at: entry.at };
    return { past: [...h.past.slice(0, -1), merged], future: [] };
  }
  const past = h.past.length >= limit ? h.past.slice(h.past.length - limit + 1) : h.past;
  return { past: [...past, entry], future: [] };
}

/** Ends coalescing: the next edit starts a new step even with the same key (drag end, blur). */
export function seal<T>(h: History<T>): History<T> {
  const last = h.past[h.past.length - 1];
  if (!last || last.coalesceKey === undefined) return h;
  return { ...h, past: [...h.past.slice(0, -1), { ...last, coalesceKey: undefined }] };
}

export function undo<T>(h: History<T>): { history: History<T>; doc: T; label: string } | undefined {
  const last = h.past[h.past.length - 1];
  if (!last) return undefined;
  return { history: { past: h.past.slice(0, -1), future: [{ ...last, coalesceKey: undefined }, ...h.future] }, doc: last.before, label: last.label };
}

export function redo<T>(h: History<T>): { history: History<T>; doc: T; label: string } | undefined {
  const next = h.future[0];
  if (!next) return undefined;
  return { history: { past: [...h.past, next], future: h.future.slice(1) }, doc: next.after, label: next.label };
}
