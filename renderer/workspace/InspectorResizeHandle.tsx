import type { KeyboardEvent, PointerEvent } from 'react';
import { clampInspector, layoutStore, useLayout } from './layout-store';

/**
 * The inspector's left edge: drag to resize, arrows to step, double-click to fold. While dragging
 * only a CSS variable on the editor grid changes (no React render per pointer move, so the canvas
 * does not re-render under the drag); the width is committed and remembered on release.
 */
export function InspectorResizeHandle() {
  const width = useLayout((s) => s.inspectorWidth);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const handle = e.currentTarget;
    const grid = handle.closest<HTMLElement>('.ef-editor__main');
    const startX = e.clientX;
    const widthAt = (x: number) => clampInspector(width + startX - x);
    handle.setPointerCapture(e.pointerId);
    handle.classList.add('is-dragging');
    const move = (ev: globalThis.PointerEvent) => grid?.style.setProperty('--inspector-w', `${widthAt(ev.clientX)}px`);
    const up = (ev: globalThis.PointerEvent) => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      handle.classList.remove('is-dragging');
      layoutStore.getState().set({ inspectorWidth: widthAt(ev.clientX) });
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 80 : 20;
    if (e.key === 'ArrowLeft') layoutStore.getState().set({ inspectorWidth: clampInspector(width + step) });
    else if (e.key === 'ArrowRight') layoutStore.getState().set({ inspectorWidth: clampInspector(width - step) });
    else if (e.key === 'Enter') layoutStore.getState().set({ inspectorOpen: false });
    else return;
    e.preventDefault();
  };
  return (
    <div className="ef-side__resize" role="separator" aria-orientation="vertical" aria-label="Resize inspector" aria-valuenow={width}
      tabIndex={0} onPointerDown={onPointerDown} onKeyDown={onKeyDown} onDoubleClick={() => layoutStore.getState().set({ inspectorOpen: false })}
      data-testid="inspector-resize" />
  );
}
