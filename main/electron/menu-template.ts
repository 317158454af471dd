import type { CommandDeclaration, Platform } from '../../shared/commands';
import { COMMANDS, MENU_LABELS, MENU_ORDER, menuGroups } from '../../shared/commands';

/**
 * The native menu as plain data, built from the shared command registry. menu.ts turns it into
 * Electron MenuItems (a thin step), so the interesting part is tested without Electron.
 */

/** Native behaviours Electron implements itself (no renderer command exists for them). */
export type NativeRole =
  | 'quit' | 'togglefullscreen' | 'toggleDevTools' | 'reload' | 'forceReload'
  | 'hide' | 'hideOthers' | 'unhide' | 'services' | 'windowMenu' | 'minimize' | 'zoom' | 'front';

export type MenuEntry =
  | { type: 'separator' }
  | { type: 'submenu'; label: string; role?: 'appMenu' | 'fileMenu' | 'editMenu' | 'viewMenu' | 'windowMenu' | 'help'; items: MenuEntry[] }
  /** a registry command: the click sends its id to the renderer (or a clipboard action, see CommandDeclaration.textEditing) */
  | { type: 'command'; id: string; label: string; accelerator?: string; clipboard?: 'cut' | 'copy' | 'paste' }
  | { type: 'role'; role: NativeRole; label?: string; accelerator?: string }
  /** an entry of File > Open Recent */
  | { type: 'recent'; path: string; label: string }
  | { type: 'clearRecent'; label: string; enabled: boolean };

export interface MenuContext {
  platform: Platform;
  appName: string;
  /** dev tools and reload only when the app is not packaged */
  isPackaged: boolean;
  recent: readonly { path: string; label: string }[];
  commands?: readonly CommandDeclaration[];
}

function commandEntry(c: CommandDeclaration): MenuEntry {
  const clipboard = c.textEditing === 'cut' || c.textEditing === 'copy' || c.textEditing === 'paste' ? c.textEditing : undefined;
  return {
    type: 'command',
    id: c.id,
    label: c.label,
    ...(c.shortcut ? { accelerator: c.shortcut } : {}),
    ...(clipboard ? { clipboard } : {}),
  };
}

/** Groups joined by separators. */
function joinGroups(groups: readonly MenuEntry[][]): MenuEntry[] {
  const out: MenuEntry[] = [];
  for (const g of groups) {
    if (g.length === 0) continue;
    if (out.length > 0) out.push({ type: 'separator' });
    out.push(...g);
  }
  return out;
}

function recentSubmenu(ctx: MenuContext): MenuEntry {
  const items: MenuEntry[] = ctx.recent.map((r) => ({ type: 'recent', path: r.path, label: r.label }));
  if (items.length > 0) items.push({ type: 'separator' });
  items.push({ type: 'clearRecent', label: 'Clear Recently Opened', enabled: ctx.recent.length > 0 });
  return { type: 'submenu', label: 'Open Recent', items };
}

export function buildMenuTemplate(ctx: MenuContext): MenuEntry[] {
  const commands = ctx.commands ?? COMMANDS;
  const mac = ctx.platform === 'mac';
  const groupsOf = (menu: (typeof MENU_ORDER)[number]): MenuEntry[][] => menuGroups(menu, commands).map((g) => g.map(commandEntry));
  const template: MenuEntry[] = [];

  if (mac) {
    const about = commands.find((c) => c.id === 'help.about');
    template.push({
      type: 'submenu',
      label: ctx.appName,
      role: 'appMenu',
      items: joinGroups([
        about ? [{ type: 'command', id: about.id, label: `About ${ctx.appName}` }] : [],
        [{ type: 'role', role: 'services' }],
        [{ type: 'role', role: 'hide' }, { type: 'role', role: 'hideOthers' }, { type: 'role', role: 'unhide' }],
        [{ type: 'role', role: 'quit' }],
      ]),
    });
  }

  for (const menu of MENU_ORDER) {
    let groups = groupsOf(menu);
    if (menu === 'file') {
      // Open Recent sits with New/Open; Quit closes the File menu except on macOS (app menu).
      groups = groups.map((g) => (g.some((e) => e.type === 'command' && e.id === 'file.open') ? [...g, recentSubmenu(ctx)] : g));
      if (!mac) groups.push([{ type: 'role', role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' }]);
    }
    if (menu === 'view') {
      groups.push([{ type: 'role', role: 'togglefullscreen', label: 'Toggle Full Screen' }]);
      if (!ctx.isPackaged) groups.push([{ type: 'role', role: 'reload', label: 'Reload' }, { type: 'role', role: 'toggleDevTools', label: 'Toggle Developer Tools' }]);
    }
    if (menu === 'help' && mac) {
      // About lives in the app menu on macOS.
      groups = groups.map((g) => g.filter((e) => !(e.type === 'command' && e.id === 'help.about')));
    }
    const items = joinGroups(groups);
    if (items.length === 0) continue;
    if (menu === 'help' && mac) template.push({ type: 'submenu', label: 'Window', role: 'windowMenu', items: [{ type: 'role', role: 'minimize' }, { type: 'role', role: 'zoom' }, { type: 'separator' }, { type: 'role', role: 'front' }] });
    template.push({ type: 'submenu', label: menuLabel(menu, mac), ...(menu === 'help' ? { role: 'help' as const } : {}), items });
  }
  return template;
}

/** '&' marks the Alt+letter mnemonic on Windows/Linux; macOS has none. */
function menuLabel(menu: (typeof MENU_ORDER)[number], mac: boolean): string {
  const label = MENU_LABELS[menu];
  return mac ? label : `&${label}`;
}

/** Every command id reachable from a template (for tests and for checking the registry). */
export function templateCommandIds(template: readonly MenuEntry[]): string[] {
  return template.flatMap((e) => (e.type === 'command' ? [e.id] : e.type === 'submenu' ? templateCommandIds(e.items) : []));
}
