/**
 * THE command registry's declarations: id, label, menu placement and shortcut of every user
 * command, declared once. main/electron builds the native menu from it; renderer/commands/<id>.ts
 * adds enabled-when and perform; the command palette, shortcuts and context menus read it too.
 * Pure data, so it is the same in Electron and in the browser.
 */

export type CommandMenu = 'file' | 'edit' | 'view' | 'arrange' | 'run' | 'help';

/** Native text-editing action a command stands for while focus is in a text field. */
export type TextEditingAction = 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'delete' | 'selectAll';

export interface CommandDeclaration {
  readonly id: string;
  /** menu / palette label, Title Case, '…' when it asks for more input */
  readonly label: string;
  readonly menu?: CommandMenu;
  /** items of one menu with the same group sit together between separators, in declaration order */
  readonly group?: string;
  /** primary accelerator (Electron syntax, see accelerator.ts); shown in menus */
  readonly shortcut?: string;
  /**
   * further accelerators the renderer also binds (a menu item can show only one); Ctrl+N and Ctrl+W
   * belong to the browser in web mode, so those commands have Alt+Shift ones that work there
   */
  readonly altShortcuts?: readonly string[];
  /** one line for the command palette */
  readonly description?: string;
  /**
   * Set for commands that are the platform's text-editing action too. Inside a text field the
   * field keeps its native behaviour. Clipboard ones (cut/copy/paste) are delivered as DOM
   * clipboard events — the native menu calls webContents.cut/copy/paste(), a browser does the
   * same on the keystroke — so the renderer handles them in one place with the real clipboard.
   */
  readonly textEditing?: TextEditingAction;
  /** shown only in the palette / sent by the shell, never as a native menu item */
  readonly hiddenFromMenu?: boolean;
}

const d = (c: CommandDeclaration): CommandDeclaration => c;

/** Declaration order is menu order. */
export const COMMANDS = [
  // File
  d({ id: 'file.new', label: 'New Project…', menu: 'file', group: 'project', shortcut: 'CmdOrCtrl+N', altShortcuts: ['Alt+Shift+N'], description: 'Create a project from a template or empty.' }),
  d({ id: 'file.open', label: 'Open…', menu: 'file', group: 'project', shortcut: 'CmdOrCtrl+O', description: 'Open a project or an .eventflow.json file.' }),
  d({ id: 'file.save', label: 'Save', menu: 'file', group: 'save', shortcut: 'CmdOrCtrl+S', description: 'Save the topology (keeps the previous one as a version).' }),
  d({ id: 'file.saveAs', label: 'Save As…', menu: 'file', group: 'save', shortcut: 'CmdOrCtrl+Shift+S', description: 'Save the topology to an .eventflow.json file.' }),
  // not a native menu item yet (the menu-template tests list File's items): toolbar + palette
  d({ id: 'file.history', label: 'Version History…', menu: 'file', group: 'save', description: 'Earlier explicitly saved versions of the project; restore one.' }),
  d({ id: 'file.import', label: 'Import…', menu: 'file', group: 'transfer', description: 'Import a topology (.eventflow.json, AsyncAPI).' }),
  d({ id: 'file.export', label: 'Export…', menu: 'file', group: 'transfer', shortcut: 'CmdOrCtrl+E', description: 'Export as AsyncAPI, JSON Schema, Mermaid, SVG or PNG.' }),
  d({ id: 'file.close', label: 'Close Project', menu: 'file', group: 'close', shortcut: 'CmdOrCtrl+W', altShortcuts: ['Alt+Shift+W'], description: 'Close the project and return to the start page.' }),
  d({
    id: 'project.open',
    label: 'Open Project',
    hiddenFromMenu: true,
    description: 'Open a project by id (args: { projectId }); the desktop shell sends it after importing a file.',
  }),
  // Edit
  d({ id: 'edit.undo', label: 'Undo', menu: 'edit', group: 'history', shortcut: 'CmdOrCtrl+Z', textEditing: 'undo' }),
  d({ id: 'edit.redo', label: 'Redo', menu: 'edit', group: 'history', shortcut: 'CmdOrCtrl+Shift+Z', altShortcuts: ['Ctrl+Y'], textEditing: 'redo' }),
  d({ id: 'edit.cut', label: 'Cut', menu: 'edit', group: 'clipboard', shortcut: 'CmdOrCtrl+X', textEditing: 'cut' }),
  d({ id: 'edit.copy', label: 'Copy', menu: 'edit', group: 'clipboard', shortcut: 'CmdOrCtrl+C', textEditing: 'copy' }),
  d({ id: 'edit.paste', label: 'Paste', menu: 'edit', group: 'clipboard', shortcut: 'CmdOrCtrl+V', textEditing: 'paste' }),
  d({ id: 'edit.duplicate', label: 'Duplicate', menu: 'edit', group: 'clipboard', shortcut: 'CmdOrCtrl+D', description: 'Duplicate the selected nodes.' }),
  d({ id: 'edit.delete', label: 'Delete', menu: 'edit', group: 'clipboard', shortcut: 'Delete', altShortcuts: ['Backspace'], textEditing: 'delete' }),
  d({ id: 'edit.selectAll', label: 'Select All', menu: 'edit', group: 'select', shortcut: 'CmdOrCtrl+A', textEditing: 'selectAll' }),
  d({ id: 'edit.find', label: 'Find Node…', menu: 'edit', group: 'select', shortcut: 'CmdOrCtrl+F', description: 'Search the canvas and jump to a node.' }),
  // View
  d({ id: 'view.commandPalette', label: 'Command Palette…', menu: 'view', group: 'palette', shortcut: 'CmdOrCtrl+Shift+P', altShortcuts: ['CmdOrCtrl+K'] }),
  d({ id: 'view.zoomIn', label: 'Zoom In', menu: 'view', group: 'zoom', shortcut: 'CmdOrCtrl+Plus', altShortcuts: ['CmdOrCtrl+='] }),
  d({ id: 'view.zoomOut', label: 'Zoom Out', menu: 'view', group: 'zoom', shortcut: 'CmdOrCtrl+-' }),
  d({ id: 'view.zoomReset', label: 'Actual Size', menu: 'view', group: 'zoom', shortcut: 'CmdOrCtrl+0' }),
  d({ id: 'view.fitView', label: 'Fit to Window', menu: 'view', group: 'zoom', shortcut: 'Shift+1' }),
  d({ id: 'view.toggleMinimap', label: 'Toggle Minimap', menu: 'view', group: 'panels', shortcut: 'CmdOrCtrl+Shift+M' }),
  d({ id: 'view.focusMode', label: 'Focus Mode', menu: 'view', group: 'panels', shortcut: 'CmdOrCtrl+.', description: 'Hide every panel but the canvas and the run toolbar (again to bring them back).' }),
  d({ id: 'view.themeSystem', label: 'Theme: Follow the OS', menu: 'view', group: 'theme', description: 'Light or dark as the operating system is set; exports follow it.' }),
  d({ id: 'view.themeLight', label: 'Theme: Light', menu: 'view', group: 'theme', description: 'Light colours, remembered; SVG/PNG pictures and HTML reports export light by default.' }),
  d({ id: 'view.themeDark', label: 'Theme: Dark', menu: 'view', group: 'theme', description: 'Dark colours, remembered; SVG/PNG pictures and HTML reports export dark by default.' }),
  // Arrange
  d({ id: 'arrange.autoLayout', label: 'Auto Layout', menu: 'arrange', group: 'layout', shortcut: 'CmdOrCtrl+Shift+L', description: 'Lay the graph out left to right (ELK).' }),
  d({ id: 'arrange.alignLeft', label: 'Align Left', menu: 'arrange', group: 'align' }),
  d({ id: 'arrange.alignCenterH', label: 'Align Centers Horizontally', menu: 'arrange', group: 'align' }),
  d({ id: 'arrange.alignRight', label: 'Align Right', menu: 'arrange', group: 'align' }),
  d({ id: 'arrange.alignTop', label: 'Align Top', menu: 'arrange', group: 'align' }),
  d({ id: 'arrange.alignCenterV', label: 'Align Centers Vertically', menu: 'arrange', group: 'align' }),
  d({ id: 'arrange.alignBottom', label: 'Align Bottom', menu: 'arrange', group: 'align' }),
  d({ id: 'arrange.distributeH', label: 'Distribute Horizontally', menu: 'arrange', group: 'distribute' }),
  d({ id: 'arrange.distributeV', label: 'Distribute Vertically', menu: 'arrange', group: 'distribute' }),
  d({ id: 'arrange.group', label: 'Group', menu: 'arrange', group: 'group', shortcut: 'CmdOrCtrl+G', description: 'Put the selected nodes in a bounded-context group.' }),
  d({ id: 'arrange.ungroup', label: 'Ungroup', menu: 'arrange', group: 'group', shortcut: 'CmdOrCtrl+Shift+G' }),
  // Run
  d({ id: 'run.start', label: 'Start Run', menu: 'run', group: 'run', shortcut: 'F5', description: 'Run the topology against simulated traffic.' }),
  d({ id: 'run.pause', label: 'Pause Run', menu: 'run', group: 'run', shortcut: 'F6' }),
  d({ id: 'run.stop', label: 'Stop Run', menu: 'run', group: 'run', shortcut: 'Shift+F5' }),
  // Help
  d({ id: 'help.shortcuts', label: 'Keyboard Shortcuts', menu: 'help', group: 'help', shortcut: 'CmdOrCtrl+/' }),
  d({ id: 'help.about', label: 'About EventFlow Studio', menu: 'help', group: 'about' }),
] as const satisfies readonly CommandDeclaration[];

export type CommandId = (typeof COMMANDS)[number]['id'];

export const MENU_ORDER: readonly CommandMenu[] = ['file', 'edit', 'view', 'arrange', 'run', 'help'];
export const MENU_LABELS: Readonly<Record<CommandMenu, string>> = { file: 'File', edit: 'Edit', view: 'View', arrange: 'Arrange', run: 'Run', help: 'Help' };

const BY_ID: ReadonlyMap<string, CommandDeclaration> = new Map(COMMANDS.map((c) => [c.id, c]));

export function isCommandId(id: string): id is CommandId {
  return BY_ID.has(id);
}

export function getCommand(id: string): CommandDeclaration | undefined {
  return BY_ID.get(id);
}

/** All accelerators of a command, primary first. */
export function commandShortcuts(c: CommandDeclaration): readonly string[] {
  return c.shortcut ? [c.shortcut, ...(c.altShortcuts ?? [])] : [...(c.altShortcuts ?? [])];
}

/**
 * Keys a browser keeps for itself (new window, close tab, new tab): a page never receives them, so
 * in web mode the commands that claim them are reached by their alternatives.
 */
export const BROWSER_OWNED_SHORTCUTS: readonly string[] = ['CmdOrCtrl+N', 'CmdOrCtrl+W', 'CmdOrCtrl+T', 'CmdOrCtrl+Shift+N', 'CmdOrCtrl+Shift+W'];

export const isBrowserOwned = (accelerator: string): boolean => BROWSER_OWNED_SHORTCUTS.some((b) => b.toLowerCase() === accelerator.toLowerCase());

/** The accelerator to show for a command where it runs: in a browser, the first one the page actually gets. */
export function shownShortcut(c: CommandDeclaration, mode: 'desktop' | 'web'): string | undefined {
  const all = commandShortcuts(c);
  return mode === 'web' ? all.find((s) => !isBrowserOwned(s)) : all[0];
}

/** Commands of one menu, grouped (groups in first-appearance order), without hidden ones. */
export function menuGroups(menu: CommandMenu, commands: readonly CommandDeclaration[] = COMMANDS): CommandDeclaration[][] {
  const groups = new Map<string, CommandDeclaration[]>();
  for (const c of commands) {
    if (c.menu !== menu || c.hiddenFromMenu) continue;
    const key = c.group ?? '';
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  return [...groups.values()];
}
