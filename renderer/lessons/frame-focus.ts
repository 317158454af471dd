/**
 * Brings a step's focus nodes into view when any of them is off screen or under the player (the
 * player floats over the right of the canvas): the view fits them in the part left free. Nothing
 * moves when they are all visible, so a learner's own framing is kept.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { FlowEdge, FlowNode } from '../canvas/flow-types';

interface Box { left: number; top: number; right: number; bottom: number }

export function frameFocus(flow: ReactFlowInstance<FlowNode, FlowEdge>, nodeIds: readonly string[], pane: Box, player: Box | undefined): void {
  // the free part of the pane: left of the player when it covers the pane's right side
  // (a DOMRect's sides are getters: spread would drop them)
  const free = { left: pane.left, top: pane.top, bottom: pane.bottom, right: player && player.left > pane.left ? Math.min(pane.right, player.left) : pane.right };
  if (free.right - free.left < 120) return;
  const boxes: Box[] = [];
  for (const id of nodeIds) {
    const n = flow.getInternalNode(id);
    if (!n) continue;
    const w = n.measured.width ?? 200;
    const h = n.measured.height ?? 80;
    const a = flow.flowToScreenPosition(n.internals.positionAbsolute);
    const b = flow.flowToScreenPosition({ x: n.internals.positionAbsolute.x + w, y: n.internals.positionAbsolute.y + h });
    boxes.push({ left: a.x, top: a.y, right: b.x, bottom: b.y });
  }
  if (boxes.length === 0) return;
  const inView = boxes.every((b) => b.left >= free.left && b.right <= free.right && b.top >= pane.top && b.bottom <= pane.bottom);
  if (inView) return;
  // fit the nodes' flow bounds into the free part: centre them there at a zoom that holds them
  const flowA = flow.screenToFlowPosition({ x: Math.min(...boxes.map((b) => b.left)), y: Math.min(...boxes.map((b) => b.top)) });
  const flowB = flow.screenToFlowPosition({ x: Math.max(...boxes.map((b) => b.right)), y: Math.max(...boxes.map((b) => b.bottom)) });
  const pad = 48;
  const zoom = Math.min(1.1, (free.right - free.left - 2 * pad) / Math.max(1, flowB.x - flowA.x), (pane.bottom - pane.top - 2 * pad) / Math.max(1, flowB.y - flowA.y));
  if (!(zoom > 0.05)) return;
  const cx = (flowA.x + flowB.x) / 2;
  const cy = (flowA.y + flowB.y) / 2;
  // viewport x/y are relative to the pane's own corner
  const x = (free.left - pane.left) + (free.right - free.left) / 2 - cx * zoom;
  const y = (pane.bottom - pane.top) / 2 - cy * zoom;
  void flow.setViewport({ x, y, zoom }, { duration: 300 });
}
