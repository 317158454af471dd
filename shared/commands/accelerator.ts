/**
 * Platform-neutral keyboard accelerators in Electron's syntax ('CmdOrCtrl+Shift+Z', 'Delete'),
 * so one string serves the native menu (main/) and the renderer's key handling (browser too).
 */

export type Platform = 'mac' | 'windows' | 'linux';

/** Maps Node's process.platform or a browser's navigator.platform / userAgent to a Platform. */
export function toPlatform(name: string): Platform {
  const n = name.toLowerCase();
  if (n === 'darwin' || n.includes('mac') || n.includes('iphone') || n.includes('ipad')) return 'mac';
  if (n === 'win32' || n.startsWith('win')) return 'windows';
  return 'linux';
}

/** The parts of a KeyboardEvent that matching needs (a plain object in tests). */
export interface KeyInput {
  key: string;
  /** physical key ('KeyS'): lets Ctrl+S work on non-Latin layouts */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export interface ParsedAccelerator {
  /** modifiers as the user must hold them on this platform */
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
  /** the key name as written in the accelerator, normalised ('Delete', 'S', 'F5', '=') */
  key: string;
}

const MODIFIERS = new Set(['cmdorctrl', 'commandorcontrol', 'cmd', 'command', 'ctrl', 'control', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);

/** Named keys: accelerator spelling -> the KeyboardEvent.key values it matches. */
const NAMED_KEYS: Record<string, readonly string[]> = {
  Plus: ['+'],
  Space: [' ', 'Spacebar'],
  Tab: ['Tab'],
  Backspace: ['Backspace'],
  Delete: ['Delete', 'Del'],
  Insert: ['Insert'],
  Enter: ['Enter'],
  Return: ['Enter'],
  Escape: ['Escape', 'Esc'],
  Esc: ['Escape', 'Esc'],
  Up: ['ArrowUp', 'Up'],
  Down: ['ArrowDown', 'Down'],
  Left: ['ArrowLeft', 'Left'],
  Right: ['ArrowRight', 'Right'],
  Home: ['Home'],
  End: ['End'],
  PageUp: ['PageUp'],
  PageDown: ['PageDown'],
};

const NAMED_BY_LOWER = new Map(Object.keys(NAMED_KEYS).map((k) => [k.toLowerCase(), k]));

/** Parses an accelerator for a platform; throws with the reason when it is malformed. */
export function parseAccelerator(accelerator: string, platform: Platform): ParsedAccelerator {
  const parts = accelerator.split('+');
  // 'CmdOrCtrl++' is not valid Electron syntax: the plus key is spelled 'Plus'.
  if (parts.some((p) => p.trim() === '')) throw new Error(`accelerator "${accelerator}": empty part (write the + key as "Plus")`);
  const result: ParsedAccelerator = { ctrl: false, meta: false, alt: false, shift: false, key: '' };
  parts.forEach((raw, index) => {
    const part = raw.trim();
    const lower = part.toLowerCase();
    const isLast = index === parts.length - 1;
    if (!isLast) {
      if (!MODIFIERS.has(lower)) throw new Error(`accelerator "${accelerator}": "${part}" is not a modifier`);
      if (lower === 'cmdorctrl' || lower === 'commandorcontrol') {
        if (platform === 'mac') result.meta = true;
        else result.ctrl = true;
      } else if (lower === 'cmd' || lower === 'command' || lower === 'super' || lower === 'meta') result.meta = true;
      else if (lower === 'ctrl' || lower === 'control') result.ctrl = true;
      else if (lower === 'shift') result.shift = true;
      else result.alt = true;
      return;
    }
    if (MODIFIERS.has(lower)) throw new Error(`accelerator "${accelerator}": ends with a modifier, not a key`);
    result.key = normaliseKey(part, accelerator);
  });
  return result;
}

function normaliseKey(part: string, accelerator: string): string {
  const named = NAMED_BY_LOWER.get(part.toLowerCase());
  if (named) return named;
  if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(part)) return part.toUpperCase();
  if (part.length === 1) return /[a-z]/i.test(part) ? part.toUpperCase() : part;
  throw new Error(`accelerator "${accelerator}": unknown key "${part}"`);
}

/** True when a key is a printable symbol whose Shift state depends on the keyboard layout. */
function isLayoutSymbol(key: string): boolean {
  return key === 'Plus' || (key.length === 1 && !/[A-Z0-9]/.test(key));
}

/**
 * Does this key event trigger the accelerator on this platform? Modifiers must match exactly,
 * except Shift for symbols ('+' needs Shift on one layout and not on another).
 */
export function matchShortcut(accelerator: string, event: KeyInput, platform: Platform): boolean {
  let want: ParsedAccelerator;
  try {
    want = parseAccelerator(accelerator, platform);
  } catch {
    return false;
  }
  if (event.ctrlKey !== want.ctrl || event.metaKey !== want.meta || event.altKey !== want.alt) return false;
  if (!isLayoutSymbol(want.key) && event.shiftKey !== want.shift) return false;
  return keyMatches(want.key, event);
}

function keyMatches(key: string, event: KeyInput): boolean {
  const named = NAMED_KEYS[key];
  if (named) return named.includes(event.key);
  if (/^F\d+$/.test(key)) return event.key.toUpperCase() === key;
  if (/^[A-Z]$/.test(key)) return event.key.toUpperCase() === key || event.code === `Key${key}`;
  if (/^[0-9]$/.test(key)) return event.key === key || event.code === `Digit${key}`;
  return event.key === key;
}

const MAC_KEY_SYMBOLS: Record<string, string> = {
  Plus: '+', Space: 'Space', Tab: '⇥', Backspace: '⌫', Delete: '⌦', Enter: '↩', Return: '↩', Escape: '⎋', Esc: '⎋',
  Up: '↑', Down: '↓', Left: '←', Right: '→', Home: '↖', End: '↘', PageUp: '⇞', PageDown: '⇟',
};
const OTHER_KEY_NAMES: Record<string, string> = { Plus: '+', Return: 'Enter', Esc: 'Escape', Up: '↑', Down: '↓', Left: '←', Right: '→', Backspace: 'Backspace' };

/** Human label: '⌘S' / '⇧⌘Z' on macOS, 'Ctrl+S' / 'Ctrl+Shift+Z' elsewhere; '' if malformed. */
export function formatShortcut(accelerator: string, platform: Platform): string {
  let a: ParsedAccelerator;
  try {
    a = parseAccelerator(accelerator, platform);
  } catch {
    return '';
  }
  if (platform === 'mac') {
    // Apple's order: Control, Option, Shift, Command.
    return `${a.ctrl ? '⌃' : ''}${a.alt ? '⌥' : ''}${a.shift ? '⇧' : ''}${a.meta ? '⌘' : ''}${MAC_KEY_SYMBOLS[a.key] ?? a.key}`;
  }
  const mods = [a.ctrl && 'Ctrl', a.alt && 'Alt', a.shift && 'Shift', a.meta && (platform === 'windows' ? 'Win' : 'Super')].filter(Boolean);
  return [...mods, OTHER_KEY_NAMES[a.key] ?? a.key].join('+');
}
