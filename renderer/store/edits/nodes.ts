import type { NodeKind, OperatorKind, Topology, TopologyNode } from '../../../shared/model';
import type { Edit } from './edit';
import { unchanged } from './edit';
import { parentsFirst } from './geometry';
import { uniqueId, uniqueName } from './ids';
import { KIND_LABELS, createNode } from './node-factory';

export interface AddNodeOptions {
  op?: OperatorKind;
  name?: string;
  settings?: Record<string, unknown>;
}

export function addNode(kind: NodeKind, position: { x: number; y: number }, options: AddNodeOptions = {}): Edit {
  return {
    label: `Add ${KIND_LABELS[kind].toLowerCase()}`,
    run(t) {
      const name = uniqueName(options.name ?? KIND_LABELS[kind], new Set(t.nodes.map((n) => n.name)));
      const id = uniqueId(name, new Set(t.nodes.map((n) => n.id)));
      const node = createNode({ kind, id, name, position: { x: Math.round(position.x), y: Math.round(position.y) }, op: options.op, settings: options.settings });
      return { topology: { ...t, nodes: parentsFirst([...t.nodes, node]) }, select: { nodes: [id], edges: [] } };
    },
  };
}

/** Drag / align / layout: new positions (in each node's own coordinate space). */
export function moveNodes(positions: ReadonlyMap<string, { x: number; y: number }>, label = 'Move', coalesceKey?: string): Edit {
  return {
    label,
    coalesceKey,
    positionsOnly: true,
    run(t) {
      let changed = false;
      const nodes = t.nodes.map((n) => {
        const p = positions.get(n.id);
        if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
        changed = true;
        return { ...n, position: { x: p.x, y: p.y } };
      });
      return changed ? { topology: { ...t, nodes } } : unchanged(t);
    },
  };
}

/** Replace one node by an edited copy (inspector); references to its id stay valid. */
export function replaceNode(next: TopologyNode, label = `Edit ${next.name}`, coalesceKey?: string): Edit {
  return {
    label,
    coalesceKey,
    run(t) {
      const i = t.nodes.findIndex((n) => n.id === next.id);
      if (i < 0 || t.nodes[i] === next) return unchanged(t);
      const nodes = t.nodes.slice();
      nodes[i] = next;
      return { topology: { ...t, nodes } };
    },
  };
}

export function renameTopology(name: string): Edit {
  return { label: 'Rename project', coalesceKey: 'rename-topology', run: (t: Topology) => (t.name === name ? unchanged(t) : { topology: { ...t, name } }) };
}
