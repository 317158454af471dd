import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';
import { Menu } from 'electron';
import type { MenuContext, MenuEntry } from './menu-template';
import { buildMenuTemplate } from './menu-template';
import { IPC } from './ipc-protocol';

/** Thin step from the pure template to Electron: what each kind of entry does when clicked. */
export interface MenuActions {
  window: () => BrowserWindow | undefined;
  openRecent: (path: string) => void;
  clearRecent: () => void;
}

export function sendCommand(win: BrowserWindow | undefined, id: string, args?: unknown): void {
  if (win && !win.isDestroyed()) win.webContents.send(IPC.command, id, args);
}

function toElectron(entry: MenuEntry, actions: MenuActions): MenuItemConstructorOptions {
  switch (entry.type) {
    case 'separator':
      return { type: 'separator' };
    case 'submenu':
      return { label: entry.label, ...(entry.role ? { role: entry.role } : {}), submenu: entry.items.map((e) => toElectron(e, actions)) };
    case 'role':
      return { role: entry.role, ...(entry.label ? { label: entry.label } : {}), ...(entry.accelerator ? { accelerator: entry.accelerator } : {}) };
    case 'recent':
      return { label: entry.label, click: () => actions.openRecent(entry.path) };
    case 'clearRecent':
      return { label: entry.label, enabled: entry.enabled, click: () => actions.clearRecent() };
    case 'command': {
      const { clipboard, id } = entry;
      return {
        id, // lets tests and the shell find an item: Menu.getApplicationMenu()?.getMenuItemById('file.save')
        label: entry.label,
        ...(entry.accelerator ? { accelerator: entry.accelerator } : {}),
        click: () => {
          const win = actions.window();
          // Clipboard items act like the browser's: a DOM cut/copy/paste event in the focused
          // element, so text fields work natively and the canvas reads the real clipboard.
          if (clipboard && win && !win.isDestroyed()) win.webContents[clipboard]();
          else sendCommand(win, id);
        },
      };
    }
  }
}

export function installApplicationMenu(ctx: MenuContext, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(ctx).map((e) => toElectron(e, actions))));
}
