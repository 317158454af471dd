import { useState } from 'react';
import { KindIcon } from '../canvas/icons';
import { searchPalette } from '../canvas/palette-items';
import type { PaletteItem } from '../canvas/palette-items';
import { cardBoxes, freeSpot } from '../canvas/card-boxes';
import { estimatedCardSize } from '../canvas/initial-view';
import { addNode } from '../store/edits/nodes';
import { useEditor, useUi } from './editor-context';

/** Type-to-add box ("/" or double-click on the canvas): kinds and ready-made nodes by name. */
export function QuickAdd() {
  const { doc, ui } = useEditor();
  const at = useUi((s) => s.quickAdd);
  if (!at) return null;
  return <QuickAddBox key={`${at.flow.x}:${at.flow.y}`} at={at} onPick={(item) => {
    const s = doc.getState();
    // where asked, or the nearest spot where the new card covers no other
    const spot = item.kind === 'group' ? { x: at.flow.x - 110, y: at.flow.y - 40 } : freeSpot({ x: at.flow.x - 110, y: at.flow.y - 40 }, estimatedCardSize(true, false), cardBoxes(s.topology, s.measured).values());
    s.apply(addNode(item.kind, spot, { op: item.op, name: item.name, settings: item.settings }));
    ui.getState().set({ quickAdd: undefined });
  }} onClose={() => ui.getState().set({ quickAdd: undefined })} />;
}

function QuickAddBox({ at, onPick, onClose }: { at: { screen: { x: number; y: number } }; onPick: (item: PaletteItem) => void; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = searchPalette(query).slice(0, 9);
  const left = Math.min(at.screen.x, window.innerWidth - 340);
  const top = Math.min(at.screen.y, window.innerHeight - 380);
  return (
    <div className="ef-popover ef-quickadd" style={{ left, top }} role="dialog" aria-label="Add node" data-testid="quick-add">
      <input
        autoFocus
        className="ef-input ef-quickadd__input"
        placeholder="Add node: topic, queue, filter…"
        aria-label="Search node kinds"
        value={query}
        onChange={(e) => { setQuery(e.target.value); setActive(0); }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, results.length - 1)); }
          if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
          if (e.key === 'Enter') { const r = results[active]; if (r) onPick(r); }
          if (e.key === 'Escape') onClose();
        }}
        onBlur={() => setTimeout(onClose, 150)}
      />
      <ul className="ef-quickadd__list" role="listbox">
        {results.map((r, i) => (
          <li key={r.id} role="option" aria-selected={i === active}>
            <button type="button" className={`ef-quickadd__item ef-kind--${r.kind}${i === active ? ' is-active' : ''}`} onMouseDown={(e) => e.preventDefault()} onClick={() => onPick(r)} onMouseEnter={() => setActive(i)}>
              <KindIcon kind={r.kind} size={16} />
              <span className="ef-quickadd__label">{r.label}</span>
              <span className="ef-quickadd__hint">{r.hint}</span>
            </button>
          </li>
        ))}
        {results.length === 0 && <li className="ef-muted ef-quickadd__none">Nothing matches “{query}”</li>}
      </ul>
    </div>
  );
}
