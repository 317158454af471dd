import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import type { FlowEdge, FlowNode } from '../canvas/flow-types';
import { KindIcon } from '../canvas/icons';
import { PALETTE_ITEMS, PALETTE_MIME } from '../canvas/palette-items';
import type { PaletteItem } from '../canvas/palette-items';
import { addNode } from '../store/edits/nodes';
import { layoutStore, useLayout } from '../workspace/layout-store';
import { useEditor } from './editor-context';

/**
 * Left palette: drag a kind onto the canvas (or click to drop it in the middle of the view). As a
 * rail (the default up to 1366 px) it is a column of icons, the names in their tooltips.
 */
export function Palette() {
  const { doc, ui } = useEditor();
  const rail = useLayout((s) => s.paletteRail);
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const onDragStart = (e: DragEvent, item: PaletteItem) => {
    e.dataTransfer.setData(PALETTE_MIME, item.id);
    e.dataTransfer.setData('text/plain', item.label);
    e.dataTransfer.effectAllowed = 'copy';
    ui.getState().set({ dragging: item.kind });
  };
  const addAtCentre = (item: PaletteItem) => {
    const r = document.querySelector('.ef-canvas')?.getBoundingClientRect();
    const p = flow.screenToFlowPosition(r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : { x: 400, y: 300 });
    doc.getState().apply(addNode(item.kind, { x: p.x - 110, y: p.y - 40 }, { op: item.op, name: item.name, settings: item.settings }));
  };
  return (
    <nav className={`ef-palette${rail ? ' ef-palette--rail' : ''}`} aria-label="Node palette" data-testid="palette">
      <div className="ef-palette__title">Add</div>
      {PALETTE_ITEMS.filter((p) => p.primary).map((item) => (
        <button
          type="button"
          key={item.id}
          className={`ef-palette__item ef-kind--${item.kind}`}
          draggable
          onDragStart={(e) => onDragStart(e, item)}
          onDragEnd={() => ui.getState().set({ dragging: undefined })}
          onClick={() => addAtCentre(item)}
          title={`${rail ? `${item.label}: ` : ''}${item.hint} — drag onto the canvas`}
          aria-label={item.label}
          data-testid={`palette-${item.id}`}
        >
          <span className="ef-palette__icon"><KindIcon kind={item.kind} size={18} /></span>
          <span className="ef-palette__label">{item.label}</span>
        </button>
      ))}
      <div className="ef-palette__hint"><kbd>/</kbd> quick add</div>
      <button type="button" className="ef-palette__fold" onClick={() => layoutStore.getState().set({ paletteRail: !rail })}
        aria-label={rail ? 'Show palette names' : 'Fold palette to icons'} title={rail ? 'Show names' : 'Icons only'} data-testid="palette-fold">
        {rail ? '»' : '«'}
      </button>
    </nav>
  );
}
