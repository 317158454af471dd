import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../shared/commands';
import type { PaletteItem } from './palette-items';
import { matchScore, paletteCommands, paletteTitle, rankPalette } from './palette-items';

const item = (id: string, title: string, enabled = true, description = ''): PaletteItem => ({ id, title, description, shortcut: undefined, enabled });

describe('command palette ranking', () => {
  it('needs every typed word, in any order, and prefers word starts', () => {
    expect(matchScore('lay auto', 'Arrange: Auto Layout')).not.toBeNull();
    expect(matchScore('layout zz', 'Arrange: Auto Layout')).toBeNull();
    expect(matchScore('und', 'Edit: Undo')!).toBeGreaterThan(matchScore('ndo', 'Edit: Undo')!);
  });

  it('puts available commands first, then the better match, then menu order', () => {
    const items = [item('a', 'Edit: Redo', false), item('b', 'Edit: Undo'), item('c', 'View: Zoom In'), item('d', 'Run: Start Run')];
    expect(rankPalette(items, '').map((i) => i.id)).toEqual(['b', 'c', 'd', 'a']);
    expect(rankPalette(items, 'do').map((i) => i.id)).toEqual(['b', 'a']);
    expect(rankPalette(items, 'start').map((i) => i.id)).toEqual(['d']);
  });

  it('offers every registry command except the palette itself and argument-only ones', () => {
    const ids = paletteCommands().map((c) => c.id);
    expect(ids).toContain('arrange.autoLayout');
    expect(ids).toContain('file.history');
    expect(ids).not.toContain('view.commandPalette');
    expect(ids).not.toContain('project.open');
    expect(paletteTitle(COMMANDS.find((c) => c.id === 'edit.undo')!)).toBe('Edit: Undo');
  });
});
