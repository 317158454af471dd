import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { CommandDeclaration, Platform } from '../../shared/commands';
import { getCommand, menuGroups, shownShortcut, formatShortcut } from '../../shared/commands';
import { useDismiss } from '../workspace/use-dismiss';
import { THEME_CHOICES, useTheme } from '../workspace/theme-store';
import type { ThemeChoice } from '../workspace/theme-store';
import { Icon } from './icons';

/** theme choice → its command (shared/commands) */
const THEME_COMMAND: Readonly<Record<ThemeChoice, string>> = { system: 'view.themeSystem', light: 'view.themeLight', dark: 'view.themeDark' };

interface Row {
  id: string;
  label: string;
  shortcut: string | undefined;
  checked?: boolean;
}

export interface AppMenuProps {
  platform: Platform;
  /** which commands can run now (taken when the menu opens) */
  enabled: (id: string) => boolean;
  onRun: (id: string) => void;
}

/**
 * The menu button of web mode, where there is no native menu bar: the command palette, File's
 * items (Import…, Export…, …), the theme and Help, each with the key that works in a browser
 * (Alt+Shift+N where the browser keeps Ctrl+N). Keyboard: ↑ ↓ Home End move, Enter runs, Esc closes.
 */
export function AppMenu({ platform, enabled, onRun }: AppMenuProps) {
  const [open, setOpen] = useState(false);
  const [can, setCan] = useState<ReadonlySet<string>>(new Set());
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const theme = useTheme((s) => s.choice);
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);
  useDismiss(box, open, close);

  const row = (c: CommandDeclaration, label = c.label): Row => {
    const key = shownShortcut(c, 'web');
    return { id: c.id, label, shortcut: key ? formatShortcut(key, platform) : undefined };
  };
  const palette = getCommand('view.commandPalette');
  const shortcuts = getCommand('help.shortcuts');
  const about = getCommand('help.about');
  const sections: { title: string; rows: Row[] }[] = [
    { title: '', rows: palette ? [row(palette)] : [] },
    { title: 'File', rows: menuGroups('file').flat().map((c) => row(c)) },
    {
      title: 'Theme',
      rows: THEME_CHOICES.map((t) => {
        const c = getCommand(THEME_COMMAND[t.id]);
        return { id: THEME_COMMAND[t.id], label: t.label, shortcut: c ? row(c).shortcut : undefined, checked: theme === t.id };
      }),
    },
    { title: 'Help', rows: [shortcuts, about].filter((c): c is CommandDeclaration => c !== undefined).map((c) => row(c)) },
  ];

  const toggle = () => {
    if (open) return close();
    const ids = sections.flatMap((s) => s.rows.map((r) => r.id));
    setCan(new Set(ids.filter(enabled)));
    setOpen(true);
  };
  // the first item takes focus when the menu opens, as platform menus do
  useEffect(() => {
    if (open) list.current?.querySelector<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [open]);

  const run = (id: string) => {
    if (!can.has(id)) return;
    setOpen(false);
    onRun(id);
  };
  const onKey = (e: ReactKeyboardEvent) => {
    const items = [...(list.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(items.length - 1);
    else return;
    e.preventDefault();
  };

  return (
    <div className="app-menu" ref={box}>
      <button ref={button} type="button" className="btn btn-ghost" aria-haspopup="menu" aria-expanded={open} onClick={toggle} data-testid="app-menu" title="Menu: command palette, import, export, theme, help">
        <Icon name="menu" /> Menu
      </button>
      {open && (
        <div className="app-menu__list" role="menu" aria-label="Menu" ref={list} onKeyDown={onKey} data-testid="app-menu-list">
          {sections.map((s, i) => (
            <div key={s.title || i} role="group" aria-label={s.title || 'Commands'} className="app-menu__group">
              {s.title && <div className="app-menu__title" aria-hidden="true">{s.title}</div>}
              {s.rows.map((r) => (
                <button
                  key={r.id}
                  type="button"
                  role={r.checked === undefined ? 'menuitem' : 'menuitemradio'}
                  aria-checked={r.checked}
                  aria-disabled={!can.has(r.id)}
                  className="app-menu__item"
                  onClick={() => run(r.id)}
                  data-command={r.id}
                >
                  <span className="app-menu__check" aria-hidden="true">{r.checked ? <Icon name="check" size={12} /> : null}</span>
                  <span className="app-menu__label">{r.label}</span>
                  {r.shortcut && <kbd className="app-menu__key">{r.shortcut}</kbd>}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
