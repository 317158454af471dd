import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/**
 * The app's colour theme, chosen by the user (light, dark, or follow the OS) and remembered per
 * user (localStorage, like the panel layout). The chosen theme is put on <html data-theme> so every
 * stylesheet switches with `:root[data-theme='dark']`; exports (SVG/PNG pictures, the HTML run
 * report) take `resolved` as their default.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_CHOICES: readonly { id: ThemeChoice; label: string }[] = [
  { id: 'system', label: 'Follow the OS' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

const KEY = 'eventflow.theme';

export const parseThemeChoice = (v: unknown): ThemeChoice => (v === 'light' || v === 'dark' || v === 'system' ? v : 'system');
export const resolveTheme = (choice: ThemeChoice, osDark: boolean): Theme => (choice === 'system' ? (osDark ? 'dark' : 'light') : choice);

const osQuery = (): MediaQueryList | undefined => (typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined);

function readChoice(): ThemeChoice {
  try {
    return parseThemeChoice(window.localStorage.getItem(KEY));
  } catch {
    return 'system'; // blocked storage: follow the OS
  }
}

function apply(theme: Theme): void {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

export interface ThemeState {
  choice: ThemeChoice;
  /** what is shown now: the choice, or the OS's when following it */
  resolved: Theme;
  choose(choice: ThemeChoice): void;
}

const initialChoice = typeof window === 'undefined' ? 'system' : readChoice();

export const themeStore = createStore<ThemeState>()((set) => ({
  choice: initialChoice,
  resolved: resolveTheme(initialChoice, osQuery()?.matches ?? false),
  choose: (choice) => {
    set({ choice, resolved: resolveTheme(choice, osQuery()?.matches ?? false) });
    try {
      window.localStorage.setItem(KEY, choice);
    } catch {
      // storage full or blocked: the theme still applies for this session
    }
  },
}));

apply(themeStore.getState().resolved);
themeStore.subscribe((s) => apply(s.resolved));
// following the OS: switch when it does
osQuery()?.addEventListener('change', (e) => {
  const s = themeStore.getState();
  if (s.choice === 'system') themeStore.setState({ resolved: e.matches ? 'dark' : 'light' });
});

export const useTheme = <T,>(select: (s: ThemeState) => T): T => useStore(themeStore, select);
/** the theme shown now, for code outside React (exports) */
export const currentTheme = (): Theme => themeStore.getState().resolved;
