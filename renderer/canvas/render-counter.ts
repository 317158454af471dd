/**
 * Dev-only render counter for the canvas bench (bench/canvas-perf.ts): when the page defines
 * `window.__efRenderCounts` (a plain object), every node component render increments its id.
 * Otherwise this is one property read per render.
 */
declare global {
  interface Window {
    __efRenderCounts?: Record<string, number>;
  }
}

export function countRender(id: string): void {
  const counts = window.__efRenderCounts;
  if (counts) counts[id] = (counts[id] ?? 0) + 1;
}
