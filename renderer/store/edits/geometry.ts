import type { Topology, TopologyNode } from '../../../shared/model';

export interface Size { width: number; height: number }
export const DEFAULT_NODE_SIZE: Size = { width: 220, height: 92 };

export function nodeSize(node: TopologyNode, measured?: ReadonlyMap<string, Size>): Size {
  if (node.kind === 'group') return { width: node.settings.width, height: node.settings.height };
  return measured?.get(node.id) ?? DEFAULT_NODE_SIZE;
}

/** Position on the canvas: a child's stored position is relative to its group. */
export function absolutePosition(node: TopologyNode, byId: ReadonlyMap<string, TopologyNode>): { x: number; y: number } {
  if (!node.parentId) return node.position;
  const parent = byId.get(node.parentId);
  if (!parent) return node.position;
  return { x: parent.position.x + node.position.x, y: parent.position.y + node.position.y };
}

export function nodeIndex(t: Topology): Map<string, TopologyNode> {
  return new Map(t.nodes.map((n) => [n.id, n]));
}

/** Groups first: React Flow needs a parent before its children. */
export function parentsFirst(nodes: readonly TopologyNode[]): TopologyNode[] {
  const groups = nodes.filter((n) => n.kind === 'group');
  return groups.length === 0 ? [...nodes] : [...groups, ...nodes.filter((n) => n.kind !== 'group')];
}
