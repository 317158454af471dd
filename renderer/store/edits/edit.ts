import type { Topology } from '../../../shared/model';

/** What the user has selected on the canvas. */
export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

export interface EditResult {
  topology: Topology;
  /** selection after the edit (e.g. the pasted nodes); unchanged when absent */
  select?: Selection;
}

/**
 * One user edit: a pure function old topology → new topology. Every change to the document goes
 * through DocumentStore.apply(edit), which validates the result and records undo history.
 */
export interface Edit {
  label: string;
  /** edits with the same key in quick succession merge into one undo step (drag, typing) */
  coalesceKey?: string;
  /** only moves nodes: the schema check is skipped (positions cannot break references) */
  positionsOnly?: boolean;
  run(topology: Topology): EditResult;
}

export const unchanged = (topology: Topology): EditResult => ({ topology });
