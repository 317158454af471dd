import type { Topology, TopologyNode } from '../../../shared/model';
import type { Edit } from './edit';
import { unchanged } from './edit';
import type { Size } from './geometry';
import { absolutePosition, nodeIndex, nodeSize, parentsFirst } from './geometry';
import { uniqueId, uniqueName } from './ids';
import { createNode } from './node-factory';

const PAD = 40;

/** "Group selection": a bounded-context group around the selected nodes, which become its children. */
export function groupNodes(nodeIds: readonly string[], measured?: ReadonlyMap<string, Size>): Edit {
  return {
    label: 'Group',
    run(t: Topology) {
      const byId = nodeIndex(t);
      const members = nodeIds.map((id) => byId.get(id)).filter((n): n is TopologyNode => n !== undefined && n.kind !== 'group');
      if (members.length === 0) return unchanged(t);
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const n of members) {
        const p = absolutePosition(n, byId);
        const s = nodeSize(n, measured);
        minX = Math.min(minX, p.x); minY = Math.min(minY, p.y);
        maxX = Math.max(maxX, p.x + s.width); maxY = Math.max(maxY, p.y + s.height);
      }
      const name = uniqueName('Bounded context', new Set(t.nodes.map((n) => n.name)));
      const id = uniqueId(name, new Set(t.nodes.map((n) => n.id)));
      const origin = { x: Math.round(minX - PAD), y: Math.round(minY - PAD - 24) };
      const group = createNode({
        kind: 'group', id, name, position: origin,
        settings: { width: Math.min(20_000, Math.round(maxX - minX + 2 * PAD)), height: Math.min(20_000, Math.round(maxY - minY + 2 * PAD + 24)) },
      });
      const memberIds = new Set(members.map((m) => m.id));
      const nodes = t.nodes.map((n) => {
        if (!memberIds.has(n.id)) return n;
        const p = absolutePosition(n, byId);
        return { ...n, parentId: id, position: { x: Math.round(p.x - origin.x), y: Math.round(p.y - origin.y) } };
      });
      return { topology: { ...t, nodes: parentsFirst([group, ...nodes]) }, select: { nodes: [id], edges: [] } };
    },
  };
}

/** Dissolve groups: children keep their place on the canvas. */
export function ungroup(groupIds: readonly string[]): Edit {
  return {
    label: 'Ungroup',
    run(t: Topology) {
      const groups = new Set(groupIds.filter((id) => t.nodes.some((n) => n.id === id && n.kind === 'group')));
      if (groups.size === 0) return unchanged(t);
      const byId = nodeIndex(t);
      const children: string[] = [];
      const nodes = t.nodes.filter((n) => !groups.has(n.id)).map((n) => {
        if (!n.parentId || !groups.has(n.parentId)) return n;
        children.push(n.id);
        const { parentId: _drop, ...rest } = n;
        return { ...rest, position: absolutePosition(n, byId) } as TopologyNode;
      });
      return { topology: { ...t, nodes }, select: { nodes: children, edges: [] } };
    },
  };
}

/** Drop a node into a group (or out of any group when groupId is undefined), keeping its place. */
export function setParent(nodeId: string, groupId: string | undefined): Edit {
  return {
    label: groupId ? 'Move into group' : 'Move out of group',
    run(t: Topology) {
      const byId = nodeIndex(t);
      const node = byId.get(nodeId);
      if (!node || node.kind === 'group' || node.parentId === groupId) return unchanged(t);
      const group = groupId ? byId.get(groupId) : undefined;
      if (groupId && (!group || group.kind !== 'group')) return unchanged(t);
      const abs = absolutePosition(node, byId);
      const { parentId: _drop, ...rest } = node;
      const next = (group
        ? { ...rest, parentId: group.id, position: { x: Math.round(abs.x - group.position.x), y: Math.round(abs.y - group.position.y) } }
        : { ...rest, position: abs }) as TopologyNode;
      return { topology: { ...t, nodes: t.nodes.map((n) => (n.id === nodeId ? next : n)) } };
    },
  };
}
