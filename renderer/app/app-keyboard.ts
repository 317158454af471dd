import { useEffect } from 'react';
import type { RefObject } from 'react';
import { COMMANDS, commandForKey, formatShortcut, toPlatform } from '../../shared/commands';
import { editorCommandEnabled } from '../commands/active-editor';
import { isTextTarget } from '../commands/keyboard';
import type { PaletteItem } from '../palette/palette-items';
import { paletteCommands, paletteTitle } from '../palette/palette-items';
import { APP_COMMANDS, runAppCommand } from './app-commands';
import type { AppCommandContext } from './app-commands';

export const PLATFORM = toPlatform(typeof navigator === 'undefined' ? '' : navigator.platform || navigator.userAgent);

/** commands whose keys work even while typing in a field (as in VS Code) */
const ANYWHERE = new Set(['view.commandPalette', 'help.shortcuts']);

/**
 * Shortcuts of the shell's own commands (palette, shortcuts, new project…) on every page; the
 * editor's commands have their own handler (renderer/commands/keyboard.ts). Keys the browser
 * keeps for itself (Ctrl+N, Ctrl+W) never reach a page: the native menu has them on the desktop.
 */
export function useAppKeyboard(ctx: RefObject<AppCommandContext | undefined>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || !ctx.current) return;
      const decl = commandForKey(e, PLATFORM, COMMANDS);
      if (!decl || !(decl.id in APP_COMMANDS)) return;
      if (isTextTarget(e.target) && !ANYWHERE.has(decl.id)) return;
      if (runAppCommand(decl.id, undefined, ctx.current)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctx]);
}

/** The palette's rows now: each command with its shortcut, available or not on this page. */
export function paletteItems(ctx: AppCommandContext): PaletteItem[] {
  return paletteCommands().map((c) => {
    const app = APP_COMMANDS[c.id];
    return {
      id: c.id,
      title: paletteTitle(c),
      description: c.description ?? '',
      shortcut: c.shortcut ? formatShortcut(c.shortcut, PLATFORM) : undefined,
      enabled: app ? app.enabled(ctx) : (editorCommandEnabled(c.id) ?? false),
    };
  });
}
