/**
 * A simple layered layout for imported topologies (the canvas has elkjs for finer work):
 * columns by longest path from the sources (producers first, sinks last), rows in first-seen
 * order. Group nodes become the bounding box of their members; members get positions relative
 * to their group, as the model requires. Cycles are cut by bounding the relaxation rounds.
 */
import type { TopologyEdge } from '../model/edges';
import type { TopologyNode } from '../model/nodes';

export const LAYOUT = { columnWidth: 280, rowHeight: 130, groupPadding: 40, nodeWidth: 200, nodeHeight: 64 } as const;

export function layeredLayout(nodes: TopologyNode[], edges: readonly TopologyEdge[]): TopologyNode[] {
  const placed = nodes.filter((n) => n.kind !== 'group');
  const ids = new Set(placed.map((n) => n.id));
  const rank = new Map(placed.map((n) => [n.id, 0]));
  const usable = edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target);
  for (let round = 0; round < placed.length; round++) {
    let changed = false;
    for (const e of usable) {
      const r = rank.get(e.source)! + 1;
      if (r > rank.get(e.target)!) {
        rank.set(e.target, r);
        changed = true;
      }
    }
    if (!changed) break;
  }
  // keep members of one group next to each other inside a column
  const groupOrder = new Map<string, number>();
  for (const n of nodes) if (n.kind === 'group') groupOrder.set(n.id, groupOrder.size);
  const columns = new Map<number, TopologyNode[]>();
  for (const n of placed) {
    const list = columns.get(rank.get(n.id)!) ?? [];
    list.push(n);
    columns.set(rank.get(n.id)!, list);
  }
  const abs = new Map<string, { x: number; y: number }>();
  for (const [col, list] of columns) {
    list.sort((a, b) => (groupOrder.get(a.parentId ?? '') ?? -1) - (groupOrder.get(b.parentId ?? '') ?? -1));
    list.forEach((n, row) => abs.set(n.id, { x: col * LAYOUT.columnWidth, y: row * LAYOUT.rowHeight }));
  }
  const groupBox = new Map<string, { x: number; y: number; w: number; h: number }>();
  for (const n of placed) {
    if (!n.parentId) continue;
    const p = abs.get(n.id)!;
    const b = groupBox.get(n.parentId);
    const x1 = p.x + LAYOUT.nodeWidth;
    const y1 = p.y + LAYOUT.nodeHeight;
    if (!b) groupBox.set(n.parentId, { x: p.x, y: p.y, w: x1 - p.x, h: y1 - p.y });
    else {
      const nx = Math.min(b.x, p.x);
      const ny = Math.min(b.y, p.y);
      groupBox.set(n.parentId, { x: nx, y: ny, w: Math.max(b.x + b.w, x1) - nx, h: Math.max(b.y + b.h, y1) - ny });
    }
  }
  const pad = LAYOUT.groupPadding;
  return nodes.map((n) => {
    if (n.kind === 'group') {
      const b = groupBox.get(n.id);
      if (!b) return { ...n, position: { x: -LAYOUT.columnWidth, y: (groupOrder.get(n.id) ?? 0) * LAYOUT.rowHeight } };
      return { ...n, position: { x: b.x - pad, y: b.y - pad }, settings: { ...n.settings, width: Math.min(20_000, b.w + 2 * pad), height: Math.min(20_000, b.h + 2 * pad) } };
    }
    const p = abs.get(n.id)!;
    const b = n.parentId ? groupBox.get(n.parentId) : undefined;
    return { ...n, position: b ? { x: p.x - (b.x - pad), y: p.y - (b.y - pad) } : p };
  });
}
