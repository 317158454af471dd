import type { CommandDeclaration } from '../../shared/commands';
import { COMMANDS, MENU_LABELS } from '../../shared/commands';

/** One row of the command palette. */
export interface PaletteItem {
  id: string;
  /** 'Edit: Undo' — the menu is part of what one types */
  title: string;
  description: string;
  shortcut: string | undefined;
  enabled: boolean;
}

/** Commands that need arguments or would open the palette again are not offered. */
const NOT_IN_PALETTE = new Set(['project.open', 'view.commandPalette']);

export function paletteCommands(commands: readonly CommandDeclaration[] = COMMANDS): CommandDeclaration[] {
  return commands.filter((c) => !NOT_IN_PALETTE.has(c.id));
}

/**
 * Score of `query` against `text`: every query word must occur (a prefix of a word scores more
 * than a match inside one; the earlier, the better). null when a word is missing.
 */
export function matchScore(query: string, text: string): number | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hay = text.toLowerCase();
  let score = 0;
  for (const w of words) {
    const at = hay.indexOf(w);
    if (at < 0) return null;
    const wordStart = at === 0 || /[\s:.·(/-]/.test(hay[at - 1] ?? '');
    score += (wordStart ? 10 : 3) - Math.min(at, 50) / 50;
  }
  return score;
}

/** Items matching `query`, available ones first, best match first, then in menu order. */
export function rankPalette(items: readonly PaletteItem[], query: string): PaletteItem[] {
  const scored = items
    .map((item, order) => ({ item, order, score: query.trim() ? matchScore(query, `${item.title} ${item.description}`) : 0 }))
    .filter((s): s is { item: PaletteItem; order: number; score: number } => s.score !== null);
  scored.sort((a, b) => Number(b.item.enabled) - Number(a.item.enabled) || b.score - a.score || a.order - b.order);
  return scored.map((s) => s.item);
}

export const paletteTitle = (c: CommandDeclaration): string => (c.menu ? `${MENU_LABELS[c.menu]}: ${c.label}` : c.label);
