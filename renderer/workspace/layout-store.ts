import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/**
 * How the editor's panels are laid out, per user (localStorage), shared by every open project —
 * like VS Code's workbench layout. Sizes the user never chose follow the window: at laptop and
 * projector widths the panels start small so the canvas stays the main thing.
 */
export interface WorkspaceLayout {
  /** palette as a column of icons only */
  paletteRail: boolean;
  inspectorOpen: boolean;
  inspectorWidth: number;
  /** Problems folded into its count line */
  problemsOpen: boolean;
  /** all chrome hidden but the canvas and the run toolbar (never remembered: a reload shows the panels) */
  focus: boolean;
}

type Persisted = Omit<WorkspaceLayout, 'focus'>;

const KEY = 'eventflow.workspace.layout';
/** laptops and projectors: 1280, 1366 */
export const COMPACT_WIDTH = 1366;
export const INSPECTOR_MIN = 240;
export const INSPECTOR_MAX = 560;

export const clampInspector = (w: number): number => Math.round(Math.max(INSPECTOR_MIN, Math.min(INSPECTOR_MAX, w)));

/** Defaults for a window this wide. */
export function defaultLayout(windowWidth: number): Persisted {
  const compact = windowWidth <= COMPACT_WIDTH;
  return { paletteRail: compact, inspectorOpen: true, inspectorWidth: compact ? 272 : 320, problemsOpen: !compact };
}

function read(windowWidth: number): Persisted {
  const base = defaultLayout(windowWidth);
  try {
    const saved: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? 'null');
    if (typeof saved !== 'object' || saved === null) return base;
    const s = saved as Partial<Record<keyof Persisted, unknown>>;
    return {
      paletteRail: typeof s.paletteRail === 'boolean' ? s.paletteRail : base.paletteRail,
      inspectorOpen: typeof s.inspectorOpen === 'boolean' ? s.inspectorOpen : base.inspectorOpen,
      inspectorWidth: typeof s.inspectorWidth === 'number' && Number.isFinite(s.inspectorWidth) ? clampInspector(s.inspectorWidth) : base.inspectorWidth,
      problemsOpen: typeof s.problemsOpen === 'boolean' ? s.problemsOpen : base.problemsOpen,
    };
  } catch {
    return base; // unreadable or blocked storage: defaults, never a broken editor
  }
}

export interface LayoutState extends WorkspaceLayout {
  /** change and remember (focus is not remembered) */
  set(patch: Partial<WorkspaceLayout>): void;
}

export const layoutStore = createStore<LayoutState>()((set, get) => ({
  ...read(typeof window === 'undefined' ? 1920 : window.innerWidth),
  focus: false,
  set: (patch) => {
    set(patch);
    const { paletteRail, inspectorOpen, inspectorWidth, problemsOpen } = get();
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ paletteRail, inspectorOpen, inspectorWidth, problemsOpen }));
    } catch {
      // storage full or blocked: the layout still applies for this session
    }
  },
}));

export const useLayout = <T,>(select: (s: LayoutState) => T): T => useStore(layoutStore, select);
