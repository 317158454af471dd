import type { KeyInput, Platform } from './accelerator';
import { matchShortcut } from './accelerator';
import type { CommandDeclaration } from './registry';
import { COMMANDS, commandShortcuts } from './registry';

/** The command a key event triggers on this platform, if any (first declared wins). */
export function commandForKey(event: KeyInput, platform: Platform, commands: readonly CommandDeclaration[] = COMMANDS): CommandDeclaration | undefined {
  return commands.find((c) => commandShortcuts(c).some((s) => matchShortcut(s, event, platform)));
}

/** Pairs of commands that claim the same keystroke on a platform (the registry test keeps this empty). */
export function shortcutConflicts(platform: Platform, commands: readonly CommandDeclaration[] = COMMANDS): [string, string, string][] {
  const seen = new Map<string, string>();
  const conflicts: [string, string, string][] = [];
  for (const c of commands) {
    for (const s of commandShortcuts(c)) {
      const key = canonical(s, platform);
      const other = seen.get(key);
      if (other && other !== c.id) conflicts.push([other, c.id, s]);
      else seen.set(key, c.id);
    }
  }
  return conflicts;
}

function canonical(accelerator: string, platform: Platform): string {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  const mods = parts.map((m) => {
    const l = m.toLowerCase();
    if (l === 'cmdorctrl' || l === 'commandorcontrol') return platform === 'mac' ? 'meta' : 'ctrl';
    if (l === 'cmd' || l === 'command' || l === 'super') return 'meta';
    if (l === 'control') return 'ctrl';
    if (l === 'option') return 'alt';
    return l;
  });
  return [...new Set(mods)].sort().concat(key.toLowerCase()).join('+');
}
