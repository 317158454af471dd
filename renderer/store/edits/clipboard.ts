import { z } from 'zod';
import type { EventTypeDef, Topology, TopologyEdge, TopologyNode } from '../../../shared/model';
import { EventTypeDef as EventTypeDefSchema, TopologyEdge as EdgeSchema, TopologyNode as NodeSchema } from '../../../shared/model';
import type { Edit } from './edit';
import { unchanged } from './edit';
import { absolutePosition, nodeIndex, parentsFirst } from './geometry';
import { uniqueId } from './ids';

/** What goes on the system clipboard: plain JSON, so it also pastes into another project. */
export const CLIPBOARD_FORMAT = 'eventflow/selection@1';
export const ClipboardPayload = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  nodes: z.array(NodeSchema).max(5000),
  edges: z.array(EdgeSchema).max(10000),
  eventTypes: z.array(EventTypeDefSchema).max(1000).default([]),
});
export type ClipboardPayload = z.infer<typeof ClipboardPayload>;

/** The selected nodes (plus children of selected groups), the edges between them and custom types they use. */
export function copySelection(t: Topology, nodeIds: readonly string[]): ClipboardPayload {
  const chosen = new Set(nodeIds);
  for (const n of t.nodes) if (n.parentId && chosen.has(n.parentId)) chosen.add(n.id);
  const byId = nodeIndex(t);
  const nodes = t.nodes.filter((n) => chosen.has(n.id)).map((n) => {
    if (!n.parentId || chosen.has(n.parentId)) return n;
    const { parentId: _drop, ...rest } = n;
    return { ...rest, position: absolutePosition(n, byId) } as TopologyNode;
  });
  const edges = t.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target));
  const used = new Set<string>();
  for (const n of nodes) collectTypes(n, used);
  for (const e of edges) e.eventTypes.forEach((x) => used.add(x));
  const eventTypes = t.eventTypes.filter((d) => used.has(d.name));
  return { format: CLIPBOARD_FORMAT, nodes, edges, eventTypes };
}

function collectTypes(n: TopologyNode, out: Set<string>): void {
  if (n.kind === 'producer') n.settings.emits.forEach((x) => out.add(x));
  if (n.kind === 'service') [...n.settings.consumes, ...n.settings.emitsOnSuccess, ...n.settings.emitsOnFailure].forEach((x) => out.add(x));
}

export function parseClipboard(text: string): ClipboardPayload | undefined {
  try {
    const r = ClipboardPayload.safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Paste: fresh ids, edges between pasted nodes kept, references outside the pasted set dropped,
 * custom event types the project lacks added. `offset` shifts top-level nodes.
 */
export function paste(payload: ClipboardPayload, offset: { x: number; y: number }, label = 'Paste'): Edit {
  return {
    label,
    run(t) {
      if (payload.nodes.length === 0) return unchanged(t);
      const takenNodes = new Set(t.nodes.map((n) => n.id));
      const idMap = new Map<string, string>();
      for (const n of payload.nodes) {
        const id = uniqueId(n.id, takenNodes);
        takenNodes.add(id);
        idMap.set(n.id, id);
      }
      const nodes = payload.nodes.map((n): TopologyNode => {
        const parentId = n.parentId ? idMap.get(n.parentId) : undefined;
        const { parentId: _p, ...rest } = n;
        let next = { ...rest, id: idMap.get(n.id) ?? n.id } as TopologyNode;
        if (parentId) next = { ...next, parentId };
        else next = { ...next, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } };
        if ((next.kind === 'queue' || next.kind === 'service' || next.kind === 'bus') && next.settings.deadLetterTarget) {
          next = { ...next, settings: { ...next.settings, deadLetterTarget: idMap.get(next.settings.deadLetterTarget) ?? '' } } as TopologyNode;
        }
        return next;
      });
      const takenEdges = new Set(t.edges.map((e) => e.id));
      const edges: TopologyEdge[] = [];
      for (const e of payload.edges) {
        const source = idMap.get(e.source);
        const target = idMap.get(e.target);
        if (!source || !target) continue;
        const id = uniqueId(e.id, takenEdges);
        takenEdges.add(id);
        edges.push({ ...e, id, source, target });
      }
      const known = new Set(t.eventTypes.map((d) => d.name));
      const eventTypes: EventTypeDef[] = [...t.eventTypes, ...payload.eventTypes.filter((d) => !known.has(d.name))];
      return {
        topology: { ...t, eventTypes, nodes: parentsFirst([...t.nodes, ...nodes]), edges: [...t.edges, ...edges] },
        select: { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) },
      };
    },
  };
}

/** Duplicate = copy + paste in one step, offset so the copy is visible. */
export function duplicate(t: Topology, nodeIds: readonly string[]): Edit {
  const edit = paste(copySelection(t, nodeIds), { x: 40, y: 40 }, 'Duplicate');
  return edit;
}
