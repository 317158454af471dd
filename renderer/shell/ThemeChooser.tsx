import { THEME_CHOICES, parseThemeChoice, useTheme } from '../workspace/theme-store';
import { Icon } from './icons';

/** Light / dark / follow the OS, in the top bar; remembered per user (theme-store.ts). */
export function ThemeChooser() {
  const choice = useTheme((s) => s.choice);
  const resolved = useTheme((s) => s.resolved);
  const choose = useTheme((s) => s.choose);
  return (
    <label className="theme-chooser" title="Theme: exported pictures and reports follow it">
      <Icon name={resolved === 'dark' ? 'moon' : 'sun'} />
      <select value={choice} onChange={(e) => choose(parseThemeChoice(e.target.value))} data-testid="theme-choice" aria-label="Theme" data-resolved={resolved}>
        {THEME_CHOICES.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
