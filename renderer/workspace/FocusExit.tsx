import { layoutStore } from './layout-store';

/** The one control focus mode keeps over the canvas: the way back (also Ctrl+. and Escape). */
export function FocusExit() {
  return (
    <button type="button" className="ef-btn ef-btn--small ef-focus-exit" onClick={() => layoutStore.getState().set({ focus: false })} data-testid="focus-exit">
      Exit focus <kbd>Ctrl</kbd><kbd>.</kbd>
    </button>
  );
}
