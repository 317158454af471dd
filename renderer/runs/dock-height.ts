import { useCallback, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';

const KEY = 'eventflow.runDock.height';
const MIN = 120;
/** the canvas keeps at least this share of the window */
const MAX_SHARE = 0.7;

const clampHeight = (h: number): number => Math.round(Math.max(MIN, Math.min(h, window.innerHeight * MAX_SHARE)));

function initialHeight(): number {
  const saved = Number(window.localStorage.getItem(KEY));
  // about a third of the window by default: on a laptop the canvas must stay the main thing, on a
  // 1080p screen the old 300 px cap cut the charts under the KPI cards in half; at laptop and
  // projector widths (≤ 1366 px) compact: the KPI cards and one chart row
  const byWindow = window.innerWidth <= 1366 ? Math.min(230, window.innerHeight * 0.3) : Math.min(420, window.innerHeight * 0.36);
  return clampHeight(Number.isFinite(saved) && saved > 0 ? saved : byWindow);
}

const OPEN_KEY = 'eventflow.runDock.open';

/** Whether the dock's body is open, remembered like its height. */
export function useDockOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => window.localStorage.getItem(OPEN_KEY) !== 'false');
  const change = useCallback((v: boolean) => {
    setOpen(v);
    window.localStorage.setItem(OPEN_KEY, String(v));
  }, []);
  return [open, change];
}

/**
 * The dock's height, changed by dragging its top edge (or arrow keys on it) and remembered
 * across sessions — like VS Code's panel.
 */
export function useDockHeight(): {
  height: number;
  onPointerDown: (e: PointerEvent<HTMLElement>) => void;
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
} {
  const [height, setHeight] = useState(initialHeight);
  const commit = useCallback((h: number) => {
    const v = clampHeight(h);
    setHeight(v);
    window.localStorage.setItem(KEY, String(v));
  }, []);

  const onPointerDown = useCallback((e: PointerEvent<HTMLElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const handle = e.currentTarget;
    const startY = e.clientY;
    const startH = height;
    handle.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => setHeight(clampHeight(startH + startY - ev.clientY));
    const up = (ev: globalThis.PointerEvent) => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      commit(startH + startY - ev.clientY);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  }, [height, commit]);

  const onKeyDown = useCallback((e: KeyboardEvent<HTMLElement>) => {
    const step = e.shiftKey ? 80 : 20;
    if (e.key === 'ArrowUp') commit(height + step);
    else if (e.key === 'ArrowDown') commit(height - step);
    else return;
    e.preventDefault();
  }, [height, commit]);

  return { height, onPointerDown, onKeyDown };
}
