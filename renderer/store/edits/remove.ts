import type { Topology, TopologyNode } from '../../../shared/model';
import type { Edit } from './edit';
import { unchanged } from './edit';
import { absolutePosition, nodeIndex } from './geometry';

/**
 * Delete nodes and edges. Edges touching a deleted node go too; children of a deleted group
 * stay on the canvas where they were; dead-letter settings pointing at a deleted node are cleared.
 */
export function removeElements(nodeIds: readonly string[], edgeIds: readonly string[]): Edit {
  return {
    label: nodeIds.length + edgeIds.length === 1 ? 'Delete' : `Delete ${nodeIds.length + edgeIds.length} items`,
    run(t: Topology) {
      const gone = new Set(nodeIds);
      const goneEdges = new Set(edgeIds);
      if (!t.nodes.some((n) => gone.has(n.id)) && !t.edges.some((e) => goneEdges.has(e.id))) return unchanged(t);
      const byId = nodeIndex(t);
      const nodes: TopologyNode[] = [];
      for (const n of t.nodes) {
        if (gone.has(n.id)) continue;
        let next = n;
        if (n.parentId && gone.has(n.parentId)) {
          const { parentId: _drop, ...rest } = n;
          next = { ...rest, position: absolutePosition(n, byId) } as TopologyNode;
        }
        if ((next.kind === 'queue' || next.kind === 'service' || next.kind === 'bus') && gone.has(next.settings.deadLetterTarget)) {
          next = { ...next, settings: { ...next.settings, deadLetterTarget: '' } } as TopologyNode;
        }
        nodes.push(next);
      }
      const edges = t.edges.filter((e) => !goneEdges.has(e.id) && !gone.has(e.source) && !gone.has(e.target));
      return { topology: { ...t, nodes, edges }, select: { nodes: [], edges: [] } };
    },
  };
}
