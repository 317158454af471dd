import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../shared/commands';
import type { MenuEntry } from './menu-template';
import { buildMenuTemplate, templateCommandIds } from './menu-template';

const ctx = { appName: 'EventFlow Studio', isPackaged: true, recent: [] as { path: string; label: string }[] };
const submenu = (t: MenuEntry[], label: string) => {
  const m = t.find((e) => e.type === 'submenu' && e.label.replace('&', '') === label);
  if (!m || m.type !== 'submenu') throw new Error(`no ${label} menu`);
  return m.items;
};
const labels = (items: MenuEntry[]) => items.map((e) => (e.type === 'separator' ? '---' : e.type === 'role' ? (e.label ?? e.role) : e.label));
const roles = (items: MenuEntry[]): string[] => items.flatMap((e) => (e.type === 'role' ? [e.role] : e.type === 'submenu' ? roles(e.items) : []));

describe('native menu template from the command registry', () => {
  it('has the menus in order with mnemonics on Windows/Linux', () => {
    const t = buildMenuTemplate({ ...ctx, platform: 'linux' });
    expect(t.map((e) => (e.type === 'submenu' ? e.label : e.type))).toEqual(['&File', '&Edit', '&View', '&Arrange', '&Run', '&Help']);
  });

  it('builds File with Recent and Quit, Edit with the editing commands', () => {
    const t = buildMenuTemplate({ ...ctx, platform: 'windows', recent: [{ path: 'C:\\x\\shop.eventflow.json', label: 'shop.eventflow.json' }] });
    expect(labels(submenu(t, 'File'))).toEqual(['New Project…', 'Open…', 'Open Recent', '---', 'Save', 'Save As…', 'Version History…', '---', 'Import…', 'Export…', '---', 'Close Project', '---', 'Quit']);
    const recent = submenu(t, 'File').find((e) => e.type === 'submenu');
    expect(recent).toMatchObject({ items: [{ type: 'recent', path: 'C:\\x\\shop.eventflow.json' }, { type: 'separator' }, { type: 'clearRecent', enabled: true }] });
    expect(labels(submenu(t, 'Edit'))).toEqual(['Undo', 'Redo', '---', 'Cut', 'Copy', 'Paste', 'Duplicate', 'Delete', '---', 'Select All', 'Find Node…']);
  });

  it('carries accelerators from the registry and marks clipboard items', () => {
    const edit = submenu(buildMenuTemplate({ ...ctx, platform: 'linux' }), 'Edit');
    expect(edit.find((e) => e.type === 'command' && e.id === 'edit.redo')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+Z' });
    expect(edit.find((e) => e.type === 'command' && e.id === 'edit.copy')).toMatchObject({ clipboard: 'copy' });
    expect(edit.find((e) => e.type === 'command' && e.id === 'edit.undo')).not.toHaveProperty('clipboard');
  });

  it('puts every menu command of the registry somewhere, and nothing else', () => {
    for (const platform of ['mac', 'linux'] as const) {
      const ids = templateCommandIds(buildMenuTemplate({ ...ctx, platform }));
      const expected = COMMANDS.filter((c) => 'menu' in c && !('hiddenFromMenu' in c && c.hiddenFromMenu)).map((c) => c.id);
      expect([...ids].sort()).toEqual([...expected].sort());
    }
  });

  it('shows dev tools only when not packaged', () => {
    expect(roles(buildMenuTemplate({ ...ctx, platform: 'linux', isPackaged: true }))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate({ ...ctx, platform: 'linux', isPackaged: false }))).toContain('toggleDevTools');
    expect(roles(buildMenuTemplate({ ...ctx, platform: 'linux' }))).toContain('togglefullscreen');
  });

  it('follows macOS habits: app menu with About and Quit, Window menu, no Quit in File', () => {
    const t = buildMenuTemplate({ ...ctx, platform: 'mac' });
    expect(t[0]).toMatchObject({ type: 'submenu', label: 'EventFlow Studio', role: 'appMenu' });
    const app = submenu(t, 'EventFlow Studio');
    expect(app[0]).toMatchObject({ type: 'command', id: 'help.about' });
    expect(roles(app)).toContain('quit');
    expect(roles(submenu(t, 'File'))).not.toContain('quit');
    expect(t.map((e) => (e.type === 'submenu' ? e.label : ''))).toEqual(['EventFlow Studio', 'File', 'Edit', 'View', 'Arrange', 'Run', 'Window', 'Help']);
    expect(templateCommandIds(submenu(t, 'Help'))).toEqual(['help.shortcuts']);
  });

  it('disables Clear Recent when there is nothing to clear, and never starts or ends a menu with a separator', () => {
    const t = buildMenuTemplate({ ...ctx, platform: 'linux' });
    const recent = submenu(t, 'File').find((e) => e.type === 'submenu');
    expect(recent).toMatchObject({ items: [{ type: 'clearRecent', enabled: false }] });
    for (const m of t) if (m.type === 'submenu') {
      expect(m.items[0].type).not.toBe('separator');
      expect(m.items[m.items.length - 1].type).not.toBe('separator');
    }
  });
});
