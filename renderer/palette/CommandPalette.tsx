import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PaletteItem } from './palette-items';
import { rankPalette } from './palette-items';
import './palette.css';

/**
 * Every command by name (Ctrl/Cmd+Shift+P or Ctrl/Cmd+K), as in VS Code: type to filter, ↑/↓ to
 * move, Enter to run, Escape to close. Commands not available right now are listed, dimmed.
 */
export function CommandPalette({ items, onRun, onClose }: { items: readonly PaletteItem[]; onRun: (id: string) => void; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => rankPalette(items, query), [items, query]);
  const current = Math.min(active, Math.max(0, shown.length - 1));

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const run = (item: PaletteItem | undefined) => {
    if (!item?.enabled) return;
    onClose();
    onRun(item.id);
  };

  return (
    <div className="backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" data-testid="command-palette">
        <input
          className="palette__input"
          autoFocus
          placeholder="Type a command…"
          value={query}
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={shown.length ? `${listId}-${current}` : undefined}
          onChange={(e) => { setQuery(e.target.value); setActive(0); }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((current + 1) % Math.max(1, shown.length));
            else if (e.key === 'ArrowUp') setActive((current - 1 + shown.length) % Math.max(1, shown.length));
            else if (e.key === 'Enter') run(shown[current]);
            else if (e.key === 'Escape') onClose();
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
        />
        <ul className="palette__list" id={listId} role="listbox" ref={listRef}>
          {shown.map((item, i) => (
            <li
              key={item.id}
              id={`${listId}-${i}`}
              data-index={i}
              role="option"
              aria-selected={i === current}
              aria-disabled={!item.enabled}
              className={`palette__item${i === current ? ' is-active' : ''}${item.enabled ? '' : ' is-disabled'}`}
              onMouseMove={() => setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => run(item)}
              title={item.enabled ? item.description : 'Not available right now'}
            >
              <span className="palette__title">{item.title}</span>
              {item.description && <span className="palette__desc">{item.description}</span>}
              {item.shortcut && <kbd className="palette__key">{item.shortcut}</kbd>}
            </li>
          ))}
          {shown.length === 0 && <li className="palette__empty">No command matches “{query}”</li>}
        </ul>
      </div>
    </div>
  );
}
