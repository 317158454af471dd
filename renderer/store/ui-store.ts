import { createStore } from 'zustand/vanilla';
import type { NodeKind } from '../../shared/model';

/** Where a context menu was opened, in screen and flow coordinates. */

/** The round-trip check shown under an AsyncAPI import (asyncapi.roundtrip): checking, its verdict, or why it could not run. */
export type RoundtripView =
  | { state: 'checking' }
  | { state: 'done'; everythingKept: boolean; summary: string; lines: string[]; more: number }
  | { state: 'failed'; summary: string; lines: string[] };

export interface ContextMenuState {
  target: { type: 'node'; id: string } | { type: 'edge'; id: string } | { type: 'pane' };
  screen: { x: number; y: number };
  flow: { x: number; y: number };
}

/**
 * What a lesson step talks about (renderer/lessons): those nodes and edges are lit, everything
 * else on the canvas dims. View state only: it never touches the user's selection.
 */
export interface Spotlight {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/** A panel something (a lesson step) asked to open; `seq` makes asking twice open it again. */
export interface PanelRequest {
  panel: 'live' | 'faults' | 'events' | 'history' | 'whatif';
  seq: number;
}

/** View state of one open editor: never saved, never undone. */
export interface UiState {
  snapToGrid: boolean;
  minimap: boolean;
  /** the view was last fitted (on open or by Fit): it refits when the pane changes size, until the user pans or zooms */
  followsFit: boolean;
  /** quick-add box, with the flow position new nodes go to */
  quickAdd: { flow: { x: number; y: number }; screen: { x: number; y: number } } | undefined;
  search: boolean;
  contextMenu: ContextMenuState | undefined;
  /** right-hand panel tab */
  sideTab: 'inspector' | 'events';
  /** palette item being dragged (HTML5 drag data is unreadable during dragover) */
  dragging: NodeKind | undefined;
  /** transient banner: file errors, clipboard problems */
  banner: { tone: 'error' | 'info'; title: string; lines: string[]; roundtrip?: RoundtripView } | undefined;
  /** save indicator: "Saved · 2 s ago / Saving… / Unsaved" */
  saveStatus: 'saved' | 'saving' | 'unsaved' | 'error';
  savedAt: number | undefined;
  saveError: string | undefined;
  /** lesson spotlight: undefined = nothing dimmed */
  spotlight: Spotlight | undefined;
  /** the run dock opens this tab when it changes */
  dockRequest: PanelRequest | undefined;
  set(patch: Partial<Omit<UiState, 'set'>>): void;
}

export type UiStore = ReturnType<typeof createUiStore>;

export function createUiStore() {
  return createStore<UiState>()((set) => ({
    snapToGrid: true,
    // on a laptop or projector the minimap would cover the cards it maps
    minimap: typeof window === 'undefined' || window.innerWidth > 1366,
    followsFit: true,
    quickAdd: undefined,
    search: false,
    contextMenu: undefined,
    sideTab: 'inspector',
    dragging: undefined,
    banner: undefined,
    saveStatus: 'saved',
    savedAt: undefined,
    saveError: undefined,
    spotlight: undefined,
    dockRequest: undefined,
    set: (patch) => set(patch),
  }));
}
