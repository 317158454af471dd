import { describe, expect, it } from 'vitest';
import type { KeyInput, Platform } from './index';
import { COMMANDS, MENU_ORDER, commandForKey, commandShortcuts, formatShortcut, getCommand, isBrowserOwned, isCommandId, matchShortcut, menuGroups, parseAccelerator, shortcutConflicts, shownShortcut, toPlatform } from './index';

const key = (k: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
const PLATFORMS: Platform[] = ['mac', 'windows', 'linux'];

describe('command registry declarations', () => {
  it('declares every command the app needs, once', () => {
    const required = [
      'file.new', 'file.open', 'file.save', 'file.saveAs', 'file.export', 'file.import', 'file.close',
      'edit.undo', 'edit.redo', 'edit.cut', 'edit.copy', 'edit.paste', 'edit.duplicate', 'edit.delete', 'edit.selectAll', 'edit.find',
      'view.zoomIn', 'view.zoomOut', 'view.zoomReset', 'view.fitView', 'view.toggleMinimap', 'view.commandPalette',
      'arrange.autoLayout', 'arrange.alignLeft', 'arrange.alignRight', 'arrange.alignTop', 'arrange.alignBottom', 'arrange.alignCenterH', 'arrange.alignCenterV',
      'arrange.distributeH', 'arrange.distributeV', 'arrange.group', 'arrange.ungroup',
      'run.start', 'run.pause', 'run.stop', 'help.about', 'help.shortcuts',
    ];
    for (const id of required) expect(isCommandId(id), id).toBe(true);
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives the platform-habit shortcuts', () => {
    expect(getCommand('file.save')?.shortcut).toBe('CmdOrCtrl+S');
    expect(getCommand('edit.undo')?.shortcut).toBe('CmdOrCtrl+Z');
    expect(getCommand('edit.redo')?.shortcut).toBe('CmdOrCtrl+Shift+Z');
    expect(getCommand('edit.delete')?.shortcut).toBe('Delete');
    expect(getCommand('edit.find')?.shortcut).toBe('CmdOrCtrl+F');
    expect(commandShortcuts(getCommand('view.commandPalette')!)).toEqual(['CmdOrCtrl+Shift+P', 'CmdOrCtrl+K']);
  });

  it('has only well-formed accelerators and no two commands on one keystroke', () => {
    for (const p of PLATFORMS) {
      for (const c of COMMANDS) for (const s of commandShortcuts(c)) expect(() => parseAccelerator(s, p), `${c.id}: ${s}`).not.toThrow();
      expect(shortcutConflicts(p)).toEqual([]);
    }
  });

  it('ids are namespaced by their menu', () => {
    for (const c of COMMANDS) if ('menu' in c && c.menu) expect(c.id.startsWith(`${c.menu}.`), c.id).toBe(true);
  });

  it('groups menu items in declaration order and leaves hidden commands out', () => {
    expect(menuGroups('file').map((g) => g.map((c) => c.id))).toEqual([
      ['file.new', 'file.open'],
      ['file.save', 'file.saveAs', 'file.history'],
      ['file.import', 'file.export'],
      ['file.close'],
    ]);
    for (const m of MENU_ORDER) expect(menuGroups(m).flat().some((c) => c.id === 'project.open')).toBe(false);
  });

  it('reports a conflict when two commands share a keystroke', () => {
    const clash = [
      { id: 'a.one', label: 'One', shortcut: 'CmdOrCtrl+S' },
      { id: 'a.two', label: 'Two', shortcut: 'Ctrl+S' },
    ];
    expect(shortcutConflicts('linux', clash)).toEqual([['a.one', 'a.two', 'Ctrl+S']]);
    expect(shortcutConflicts('mac', clash)).toEqual([]); // Cmd+S vs Ctrl+S differ on a Mac
  });
});

describe('web mode', () => {
  it('every command whose key the browser keeps has one a page receives, and that one is shown in web mode', () => {
    for (const c of COMMANDS) {
      const keys = commandShortcuts(c);
      if (!keys.some(isBrowserOwned)) continue;
      const web = shownShortcut(c, 'web');
      expect(web, `${c.id} has no key a browser page receives`).toBeDefined();
      expect(isBrowserOwned(web!)).toBe(false);
    }
    expect(shownShortcut(getCommand('file.new')!, 'web')).toBe('Alt+Shift+N');
    expect(shownShortcut(getCommand('file.new')!, 'desktop')).toBe('CmdOrCtrl+N');
    expect(shownShortcut(getCommand('file.close')!, 'web')).toBe('Alt+Shift+W');
    expect(shownShortcut(getCommand('file.save')!, 'web')).toBe('CmdOrCtrl+S');
    expect(shownShortcut(getCommand('file.import')!, 'web')).toBeUndefined();
  });
});

describe('matchShortcut', () => {
  it('maps CmdOrCtrl to Command on macOS and Control elsewhere', () => {
    expect(matchShortcut('CmdOrCtrl+S', key('s', { metaKey: true }), 'mac')).toBe(true);
    expect(matchShortcut('CmdOrCtrl+S', key('s', { ctrlKey: true }), 'mac')).toBe(false);
    expect(matchShortcut('CmdOrCtrl+S', key('s', { ctrlKey: true }), 'windows')).toBe(true);
    expect(matchShortcut('CmdOrCtrl+S', key('s', { metaKey: true }), 'linux')).toBe(false);
  });

  it('requires exactly the declared modifiers for letters', () => {
    expect(matchShortcut('CmdOrCtrl+Z', key('Z', { ctrlKey: true, shiftKey: true }), 'linux')).toBe(false);
    expect(matchShortcut('CmdOrCtrl+Shift+Z', key('Z', { ctrlKey: true, shiftKey: true }), 'linux')).toBe(true);
    expect(matchShortcut('CmdOrCtrl+Shift+Z', key('z', { ctrlKey: true }), 'linux')).toBe(false);
    expect(matchShortcut('CmdOrCtrl+S', key('s', { ctrlKey: true, altKey: true }), 'linux')).toBe(false);
    expect(matchShortcut('Delete', key('Delete'), 'mac')).toBe(true);
    expect(matchShortcut('Delete', key('Delete', { ctrlKey: true }), 'mac')).toBe(false);
  });

  it('matches letters by physical key on non-Latin layouts', () => {
    expect(matchShortcut('CmdOrCtrl+S', { ...key('ы', { ctrlKey: true }), code: 'KeyS' }, 'linux')).toBe(true);
  });

  it('ignores Shift for layout symbols such as Plus', () => {
    expect(matchShortcut('CmdOrCtrl+Plus', key('+', { ctrlKey: true, shiftKey: true }), 'windows')).toBe(true);
    expect(matchShortcut('CmdOrCtrl+Plus', key('+', { ctrlKey: true }), 'windows')).toBe(true);
    expect(matchShortcut('CmdOrCtrl+-', key('-', { metaKey: true }), 'mac')).toBe(true);
    expect(matchShortcut('CmdOrCtrl+/', key('/', { ctrlKey: true }), 'linux')).toBe(true);
  });

  it('matches named and function keys', () => {
    expect(matchShortcut('F5', key('F5'), 'linux')).toBe(true);
    expect(matchShortcut('Shift+F5', key('F5'), 'linux')).toBe(false);
    expect(matchShortcut('Shift+F5', key('F5', { shiftKey: true }), 'linux')).toBe(true);
    expect(matchShortcut('Esc', key('Escape'), 'linux')).toBe(true);
    expect(matchShortcut('Up', key('ArrowUp'), 'linux')).toBe(true);
    expect(matchShortcut('Space', key(' '), 'linux')).toBe(true);
  });

  it('never matches a malformed accelerator', () => {
    expect(matchShortcut('CmdOrCtrl++', key('+', { ctrlKey: true }), 'linux')).toBe(false);
    expect(matchShortcut('Hyper+S', key('s'), 'linux')).toBe(false);
    expect(() => parseAccelerator('Ctrl+Shift', 'linux')).toThrow(/ends with a modifier/);
    expect(() => parseAccelerator('Ctrl+Banana', 'linux')).toThrow(/unknown key "Banana"/);
  });

  it('finds the command of a key event', () => {
    expect(commandForKey(key('s', { metaKey: true }), 'mac')?.id).toBe('file.save');
    expect(commandForKey(key('S', { ctrlKey: true, shiftKey: true }), 'linux')?.id).toBe('file.saveAs');
    expect(commandForKey(key('k', { ctrlKey: true }), 'windows')?.id).toBe('view.commandPalette');
    expect(commandForKey(key('Backspace'), 'mac')?.id).toBe('edit.delete');
    expect(commandForKey(key('q'), 'linux')).toBeUndefined();
  });
});

describe('formatShortcut', () => {
  it('uses symbols in Apple order on macOS', () => {
    expect(formatShortcut('CmdOrCtrl+S', 'mac')).toBe('⌘S');
    expect(formatShortcut('CmdOrCtrl+Shift+Z', 'mac')).toBe('⇧⌘Z');
    expect(formatShortcut('Ctrl+Alt+Shift+Cmd+K', 'mac')).toBe('⌃⌥⇧⌘K');
    expect(formatShortcut('Delete', 'mac')).toBe('⌦');
  });

  it('spells modifiers out elsewhere', () => {
    expect(formatShortcut('CmdOrCtrl+S', 'windows')).toBe('Ctrl+S');
    expect(formatShortcut('CmdOrCtrl+Shift+Z', 'linux')).toBe('Ctrl+Shift+Z');
    expect(formatShortcut('CmdOrCtrl+Plus', 'linux')).toBe('Ctrl++');
    expect(formatShortcut('Delete', 'linux')).toBe('Delete');
    expect(formatShortcut('bogus+', 'linux')).toBe('');
  });

  it('maps platform names', () => {
    expect(toPlatform('darwin')).toBe('mac');
    expect(toPlatform('MacIntel')).toBe('mac');
    expect(toPlatform('win32')).toBe('windows');
    expect(toPlatform('Win32')).toBe('windows');
    expect(toPlatform('Linux x86_64')).toBe('linux');
  });
});
