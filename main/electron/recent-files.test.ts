import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RECENT_FILES, addRecentFile, isTopologyFilePath, loadRecentFiles, parseRecentFiles, recentFileLabels, removeRecentFile, saveRecentFiles } from './recent-files';

const abs = (...p: string[]) => path.join(path.sep, 'home', 'ann', ...p);
const t0 = new Date('2026-01-01T10:00:00Z');

describe('recent files', () => {
  it('puts the newest first and moves a reopened file to the top', () => {
    let list = addRecentFile([], abs('a.eventflow.json'), t0);
    list = addRecentFile(list, abs('b.eventflow.json'), t0);
    list = addRecentFile(list, abs('a.eventflow.json'), new Date('2026-01-02T00:00:00Z'));
    expect(list.map((f) => path.basename(f.path))).toEqual(['a.eventflow.json', 'b.eventflow.json']);
    expect(list[0].openedAt).toBe('2026-01-02T00:00:00.000Z');
  });

  it(`keeps at most ${MAX_RECENT_FILES}`, () => {
    let list = addRecentFile([], abs('0.eventflow.json'), t0);
    for (let i = 1; i < 25; i++) list = addRecentFile(list, abs(`${i}.eventflow.json`), t0);
    expect(list).toHaveLength(MAX_RECENT_FILES);
    expect(path.basename(list[0].path)).toBe('24.eventflow.json');
  });

  it('only records absolute .eventflow.json paths', () => {
    expect(isTopologyFilePath(abs('x.eventflow.json'))).toBe(true);
    expect(isTopologyFilePath('x.eventflow.json')).toBe(false);
    expect(isTopologyFilePath(abs('x.json'))).toBe(false);
    expect(addRecentFile([], abs('notes.txt'), t0)).toEqual([]);
  });

  it('removes an entry', () => {
    const list = addRecentFile(addRecentFile([], abs('a.eventflow.json'), t0), abs('b.eventflow.json'), t0);
    expect(removeRecentFile(list, abs('a.eventflow.json')).map((f) => path.basename(f.path))).toEqual(['b.eventflow.json']);
  });

  it('drops invalid and duplicate entries of a stored list but keeps the good ones', () => {
    const good = { path: abs('a.eventflow.json'), openedAt: t0.toISOString() };
    expect(parseRecentFiles([good, { path: 42 }, { path: 'relative.eventflow.json', openedAt: t0.toISOString() }, { path: abs('b.exe'), openedAt: t0.toISOString() }, good, 'junk'])).toEqual([good]);
    expect(parseRecentFiles({ not: 'a list' })).toEqual([]);
  });

  it('labels same-named files with their folder', () => {
    const list = addRecentFile(addRecentFile(addRecentFile([], abs('x', 'shop.eventflow.json'), t0), abs('y', 'shop.eventflow.json'), t0), abs('z', 'other.eventflow.json'), t0);
    const labels = recentFileLabels(list);
    expect(labels[0]).toBe('other.eventflow.json');
    expect(labels[1]).toBe(`shop.eventflow.json — ${abs('y')}`);
    expect(labels[2]).toBe(`shop.eventflow.json — ${abs('x')}`);
  });

  describe('file', () => {
    let dir = '';
    afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));
    it('round-trips and survives a corrupt file', () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'ef-recent-'));
      const file = path.join(dir, 'recent-files.json');
      expect(loadRecentFiles(file)).toEqual([]);
      const list = addRecentFile([], abs('a.eventflow.json'), t0);
      saveRecentFiles(file, list);
      expect(loadRecentFiles(file)).toEqual(list);
      writeFileSync(file, '\u0000garbage');
      expect(loadRecentFiles(file)).toEqual([]);
    });
  });
});
