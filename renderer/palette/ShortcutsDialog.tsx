import type { Platform } from '../../shared/commands';
import { COMMANDS, MENU_LABELS, MENU_ORDER, commandShortcuts, formatShortcut, isBrowserOwned } from '../../shared/commands';
import { Dialog } from '../shell/Dialog';
import './palette.css';

/** Keys of the canvas that are gestures rather than registry commands. */
const CANVAS_KEYS: [string, string][] = [
  ['Quick add a node', '/'],
  ['Quick add at a point', 'Double-click'],
  ['Add to the selection', 'Shift+Click'],
  ['Close a popup or menu', 'Escape'],
];

/**
 * Help › Keyboard Shortcuts: every command's keys, by menu, as this platform writes them. In a
 * browser (web mode) a key the browser keeps (Ctrl+N, Ctrl+W) is marked "desktop app" and its
 * alternative is what to press.
 */
export function ShortcutsDialog({ platform, web = false, onClose }: { platform: Platform; web?: boolean; onClose: () => void }) {
  const menus = MENU_ORDER.map((menu) => ({
    menu,
    rows: COMMANDS.filter((c) => c.menu === menu && commandShortcuts(c).length > 0).map((c) => ({ label: c.label, keys: commandShortcuts(c).map((s) => ({ text: formatShortcut(s, platform), desktopOnly: web && isBrowserOwned(s) })) })),
  })).filter((m) => m.rows.length > 0);
  return (
    <Dialog title="Keyboard shortcuts" wide onClose={onClose} onSubmit={onClose} footer={<button type="submit" className="btn btn-primary">Done</button>}>
      <div className="shortcuts" data-testid="shortcuts">
        {menus.map((m) => (
          <section key={m.menu}>
            <h3>{MENU_LABELS[m.menu]}</h3>
            <dl>
              {m.rows.map((r) => (
                <div key={r.label} style={{ display: 'contents' }}>
                  <dt>{r.label}</dt>
                  <dd>
                    {r.keys.map((k) =>
                      k.desktopOnly ? (
                        <kbd key={k.text} className="is-desktop-only" title="Desktop app only: the browser keeps this key" data-desktop-only="true">
                          <s>{k.text}</s> <small>desktop app</small>
                        </kbd>
                      ) : (
                        <kbd key={k.text}>{k.text}</kbd>
                      ),
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section>
          <h3>Canvas</h3>
          <dl>
            {CANVAS_KEYS.map(([label, key]) => (
              <div key={label} style={{ display: 'contents' }}>
                <dt>{label}</dt>
                <dd><kbd>{key}</kbd></dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </Dialog>
  );
}
