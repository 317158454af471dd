import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import type { FlowEdge, FlowNode } from '../canvas/flow-types';
import { KindIcon } from '../canvas/icons';
import { PALETTE_ITEMS, PALETTE_MIME } from '../canvas/palette-items';
import type { PaletteItem } from '../canvas/palette-items';
import { addNode } from '../store/edits/nodes';
import { useEditor } from './editor-context';

/** Left palette: drag a kind onto the canvas (or click to drop it in the middle of the view). */
export function Palette() {
  const { doc, ui } = useEditor();
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
    <nav className="ef-palette" aria-label="Node palette">
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
          title={`${item.hint} — drag onto the canvas`}
          data-testid={`palette-${item.id}`}
        >
          <span className="ef-palette__icon"><KindIcon kind={item.kind} size={18} /></span>
          <span className="ef-palette__label">{item.label}</span>
        </button>
      ))}
      <div className="ef-palette__hint"><kbd>/</kbd> quick add</div>
    </nav>
  );
}
