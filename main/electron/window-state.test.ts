import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Rect } from './window-state';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, MIN_WIDTH, loadWindowState, parseWindowState, placeWindow, saveWindowState } from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const state = (s: Partial<{ x: number; y: number; width: number; height: number; maximized: boolean }>) => ({ x: 100, y: 80, width: 1200, height: 800, maximized: false, fullScreen: false, ...s });

describe('window state validation', () => {
  it('accepts a well-formed state and fills defaults', () => {
    expect(parseWindowState({ x: 10, y: 20, width: 900, height: 700 })).toEqual({ x: 10, y: 20, width: 900, height: 700, maximized: false, fullScreen: false });
  });

  it('rejects garbage instead of throwing', () => {
    for (const bad of [undefined, null, 'x', [], { x: 1 }, { x: 'a', y: 0, width: 800, height: 600 }, { x: 0.5, y: 0, width: 800, height: 600 }, { x: 0, y: 0, width: -5, height: 600 }, { x: 1e12, y: 0, width: 800, height: 600 }]) {
      expect(parseWindowState(bad)).toBeUndefined();
    }
  });
});

describe('placing the window on the displays present now', () => {
  it('opens a default-size window centred on the primary display when nothing is saved', () => {
    const p = placeWindow(undefined, [laptop, rightMonitor]);
    expect(p.positioned).toBe(false);
    expect(p.bounds).toEqual({ x: (1920 - DEFAULT_WIDTH) / 2, y: (1040 - DEFAULT_HEIGHT) / 2, width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT });
  });

  it('keeps bounds that are fully visible', () => {
    expect(placeWindow(state({ x: 2000, y: 100 }), [laptop, rightMonitor])).toEqual({ bounds: { x: 2000, y: 100, width: 1200, height: 800 }, positioned: true, maximized: false, fullScreen: false });
  });

  it('falls back to the primary display when the saved monitor is gone', () => {
    const p = placeWindow(state({ x: 2000, y: 100, maximized: true }), [laptop]);
    expect(p.positioned).toBe(false);
    expect(p.bounds.x).toBeGreaterThanOrEqual(0);
    expect(p.bounds.x + p.bounds.width).toBeLessThanOrEqual(1920);
    expect(p.maximized).toBe(true);
  });

  it('pulls a partly off-screen window inside its display and shrinks it to fit', () => {
    const p = placeWindow(state({ x: 1700, y: 900, width: 3000, height: 2000 }), [laptop]);
    expect(p.positioned).toBe(true);
    expect(p.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it('refuses a window whose title bar is above the screen', () => {
    expect(placeWindow(state({ y: -900 }), [laptop]).positioned).toBe(false);
  });

  it('raises a tiny saved size to the minimum', () => {
    expect(placeWindow(state({ width: 100, height: 50 }), [laptop]).bounds.width).toBe(MIN_WIDTH);
  });

  it('never produces a window larger than a small display', () => {
    const small: Rect = { x: 0, y: 0, width: 640, height: 400 };
    const p = placeWindow(undefined, [small]);
    expect(p.bounds).toEqual({ x: 0, y: 0, width: 640, height: 400 });
  });
});

describe('window state file', () => {
  let dir = '';
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('round-trips and ignores a corrupt file', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ef-window-'));
    const file = path.join(dir, 'window-state.json');
    expect(loadWindowState(file)).toBeUndefined();
    saveWindowState(file, state({ x: 5 }));
    expect(loadWindowState(file)).toEqual(state({ x: 5 }));
    writeFileSync(file, '{"x": 5, "y": ');
    expect(loadWindowState(file)).toBeUndefined();
  });

  it('does not write an invalid state', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ef-window-'));
    const file = path.join(dir, 'window-state.json');
    saveWindowState(file, state({ x: 5 }));
    saveWindowState(file, { ...state({}), width: Number.NaN });
    expect(JSON.parse(readFileSync(file, 'utf8')).x).toBe(5);
  });
});
