import { z } from 'zod';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

/**
 * Window size/position remembered between launches (userData/window-state.json). The file is
 * validated, and the bounds are fitted to the displays present now: a window saved on a monitor
 * that is gone must not open off-screen.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MIN_WIDTH = 720;
export const MIN_HEIGHT = 480;
export const DEFAULT_WIDTH = 1360;
export const DEFAULT_HEIGHT = 860;
/** How much of the window's title bar must lie on a display for the saved position to be kept. */
const MIN_VISIBLE = 48;

const Int = z.number().int().min(-100_000).max(100_000);
export const SavedWindowState = z.object({
  x: Int,
  y: Int,
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean().default(false),
  fullScreen: z.boolean().default(false),
});
export type SavedWindowState = z.infer<typeof SavedWindowState>;

export interface WindowPlacement {
  bounds: Rect;
  /** false: let the window manager centre it */
  positioned: boolean;
  maximized: boolean;
  fullScreen: boolean;
}

export function parseWindowState(data: unknown): SavedWindowState | undefined {
  const r = SavedWindowState.safeParse(data);
  return r.success ? r.data : undefined;
}

function overlap(a: Rect, b: Rect): Rect | undefined {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : undefined;
}

function centred(width: number, height: number, area: Rect): Rect {
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/**
 * Where to open the window: the saved bounds if their title bar is on one of `workAreas`
 * (size shrunk to fit that display and position pulled inside it), else a default size centred
 * on the primary display. `workAreas[0]` is the primary display.
 */
export function placeWindow(saved: SavedWindowState | undefined, workAreas: readonly Rect[]): WindowPlacement {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT };
  const fallback = (): WindowPlacement => {
    const width = Math.min(DEFAULT_WIDTH, primary.width);
    const height = Math.min(DEFAULT_HEIGHT, primary.height);
    return { bounds: centred(width, height, primary), positioned: false, maximized: saved?.maximized ?? false, fullScreen: false };
  };
  if (!saved) return fallback();
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(saved.height, MIN_VISIBLE) };
  const display = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o !== undefined && o.width >= Math.min(MIN_VISIBLE, saved.width) && o.height >= Math.min(MIN_VISIBLE, saved.height) / 2;
  });
  if (!display) return fallback();
  const width = Math.min(Math.max(saved.width, MIN_WIDTH), display.width);
  const height = Math.min(Math.max(saved.height, MIN_HEIGHT), display.height);
  const x = Math.min(Math.max(saved.x, display.x), display.x + display.width - width);
  const y = Math.min(Math.max(saved.y, display.y), display.y + display.height - height);
  return { bounds: { x, y, width, height }, positioned: true, maximized: saved.maximized, fullScreen: saved.fullScreen };
}

export function loadWindowState(file: string): SavedWindowState | undefined {
  return parseWindowState(readJsonFile(file));
}

export function saveWindowState(file: string, state: SavedWindowState): void {
  const r = SavedWindowState.safeParse(state);
  if (r.success) writeJsonFileAtomic(file, r.data);
}
