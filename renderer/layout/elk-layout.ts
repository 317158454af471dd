import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Topology } from '../../shared/model';
import type { Size } from '../store/edits/geometry';
import { nodeSize } from '../store/edits/geometry';

export interface LayoutResult {
  /** new positions (children relative to their group, as in the model) */
  positions: Map<string, { x: number; y: number }>;
  /** new group sizes, so every group still holds its children */
  groupSizes: Map<string, { width: number; height: number }>;
}

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.nodeNode': '36',
  'elk.spacing.componentComponent': '60',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
};
const GROUP_OPTIONS = { 'elk.padding': '[top=52,left=28,bottom=28,right=28]' };

let elk: InstanceType<typeof ELK> | undefined;

/**
 * Left-to-right layered layout (ELK) that keeps groups together: a group is a compound node
 * whose children ELK lays out inside it, edges crossing group borders included.
 */
export async function layoutTopology(t: Topology, measured: ReadonlyMap<string, Size> = new Map()): Promise<LayoutResult> {
  elk ??= new ELK();
  const groups = new Map<string, ElkNode>();
  const root: ElkNode = { id: '__root', layoutOptions: ROOT_OPTIONS, children: [], edges: [] };
  for (const n of t.nodes) {
    if (n.kind !== 'group') continue;
    const g: ElkNode = { id: n.id, layoutOptions: GROUP_OPTIONS, children: [] };
    groups.set(n.id, g);
    root.children?.push(g);
  }
  for (const n of t.nodes) {
    if (n.kind === 'group') continue;
    const s = nodeSize(n, measured);
    const leaf: ElkNode = { id: n.id, width: s.width, height: s.height };
    const parent = n.parentId ? groups.get(n.parentId) : undefined;
    (parent?.children ?? root.children)?.push(leaf);
  }
  // empty groups keep their size
  for (const n of t.nodes) {
    const g = groups.get(n.id);
    if (n.kind === 'group' && g && g.children?.length === 0) {
      g.width = n.settings.width;
      g.height = n.settings.height;
    }
  }
  root.edges = t.edges.map((e): ElkExtendedEdge => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  // dead-letter links are settings, not edges, but they should pull the DLQ after its source
  for (const n of t.nodes) {
    if ((n.kind === 'queue' || n.kind === 'service' || n.kind === 'bus') && n.settings.deadLetterTarget && t.nodes.some((m) => m.id === n.settings.deadLetterTarget)) {
      root.edges.push({ id: `dlq:${n.id}`, sources: [n.id], targets: [n.settings.deadLetterTarget] });
    }
  }
  const laid = await elk.layout(root);
  const positions = new Map<string, { x: number; y: number }>();
  const groupSizes = new Map<string, { width: number; height: number }>();
  for (const c of laid.children ?? []) {
    positions.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
    if (groups.has(c.id)) {
      groupSizes.set(c.id, { width: Math.round(c.width ?? 200), height: Math.round(c.height ?? 120) });
      for (const k of c.children ?? []) positions.set(k.id, { x: Math.round(k.x ?? 0), y: Math.round(k.y ?? 0) });
    }
  }
  return { positions, groupSizes };
}
