import type { Topology } from '../../shared/model';
import type { Size } from '../store/edits/geometry';
import { absolutePosition, nodeIndex, nodeSize } from '../store/edits/geometry';

export type AlignMode = 'left' | 'centerH' | 'right' | 'top' | 'centerV' | 'bottom';
export type DistributeAxis = 'horizontal' | 'vertical';

interface Box { id: string; x: number; y: number; w: number; h: number; parent: { x: number; y: number } }

function boxes(t: Topology, ids: readonly string[], measured: ReadonlyMap<string, Size>): Box[] {
  const byId = nodeIndex(t);
  const out: Box[] = [];
  for (const id of ids) {
    const n = byId.get(id);
    if (!n) continue;
    const abs = absolutePosition(n, byId);
    const s = nodeSize(n, measured);
    out.push({ id, x: abs.x, y: abs.y, w: s.width, h: s.height, parent: { x: abs.x - n.position.x, y: abs.y - n.position.y } });
  }
  return out;
}

const toLocal = (b: Box, x: number, y: number) => ({ x: Math.round(x - b.parent.x), y: Math.round(y - b.parent.y) });

/** Align the nodes' edges or centres to the selection's extreme / middle (positions in each node's own space). */
export function alignPositions(t: Topology, ids: readonly string[], mode: AlignMode, measured: ReadonlyMap<string, Size> = new Map()): Map<string, { x: number; y: number }> {
  const bs = boxes(t, ids, measured);
  const out = new Map<string, { x: number; y: number }>();
  if (bs.length < 2) return out;
  const left = Math.min(...bs.map((b) => b.x));
  const right = Math.max(...bs.map((b) => b.x + b.w));
  const top = Math.min(...bs.map((b) => b.y));
  const bottom = Math.max(...bs.map((b) => b.y + b.h));
  for (const b of bs) {
    let { x, y } = b;
    if (mode === 'left') x = left;
    if (mode === 'right') x = right - b.w;
    if (mode === 'centerH') x = (left + right) / 2 - b.w / 2;
    if (mode === 'top') y = top;
    if (mode === 'bottom') y = bottom - b.h;
    if (mode === 'centerV') y = (top + bottom) / 2 - b.h / 2;
    out.set(b.id, toLocal(b, x, y));
  }
  return out;
}

/** Equal gaps between the nodes along an axis; the outermost two stay where they are. */
export function distributePositions(t: Topology, ids: readonly string[], axis: DistributeAxis, measured: ReadonlyMap<string, Size> = new Map()): Map<string, { x: number; y: number }> {
  const bs = boxes(t, ids, measured);
  const out = new Map<string, { x: number; y: number }>();
  if (bs.length < 3) return out;
  const horizontal = axis === 'horizontal';
  const sorted = [...bs].sort((a, b) => (horizontal ? a.x - b.x : a.y - b.y));
  const first = sorted[0] as Box;
  const last = sorted[sorted.length - 1] as Box;
  const span = horizontal ? last.x + last.w - first.x : last.y + last.h - first.y;
  const total = sorted.reduce((s, b) => s + (horizontal ? b.w : b.h), 0);
  const gap = (span - total) / (sorted.length - 1);
  let cursor = horizontal ? first.x : first.y;
  for (const b of sorted) {
    out.set(b.id, horizontal ? toLocal(b, cursor, b.y) : toLocal(b, b.x, cursor));
    cursor += (horizontal ? b.w : b.h) + gap;
  }
  return out;
}
