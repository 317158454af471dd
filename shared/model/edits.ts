import type { z } from 'zod';
import { connectionVerdict } from './connection-rules';
import type { EdgeKind, TopologyEdge } from './edges';
import { TopologyEdge as EdgeSchema } from './edges';
import { EventTypeDef } from './event-types';
import { NodeId, TopologyNode as NodeSchema, settingsSchemas } from './nodes';
import type { NodeKind, OperatorKind, SettingsOf, TopologyNode } from './nodes';
import { MAX_EDGES, MAX_NODES } from './topology';
import type { Topology } from './topology';
import { formatPath } from './validate';

/**
 * Pure edits of a parsed topology: old topology in, new topology out (never mutated), so the
 * canvas can keep them on an undo stack. Each edit keeps the topology valid against its own
 * schema (ids unique, edges legal and attached, parents are groups, dead-letter targets exist);
 * an edit that would break it is refused with a reason instead of applied.
 */
export type EditResult<Extra = object> = ({ ok: true; topology: Topology } & Extra) | { ok: false; reason: string };

export interface Point { x: number; y: number }

/** Nominal node size used to size groups around their children (the canvas may pass its own). */
export const NOMINAL_NODE_SIZE = { width: 200, height: 80 } as const;

const KIND_ID_PREFIX: Record<NodeKind, string> = {
  producer: 'producer', topic: 'topic', queue: 'queue', bus: 'bus', service: 'service', operator: 'op', sink: 'sink', group: 'group',
};
const KIND_NAME: Record<NodeKind, string> = {
  producer: 'Producer', topic: 'topic', queue: 'queue', bus: 'Event bus', service: 'Service', operator: 'Operator', sink: 'External system', group: 'Bounded context',
};

/** Settings of a new node of `kind` with every default filled (an operator: `op`, default filter). */
export function defaultSettings<K extends NodeKind>(kind: K, op: OperatorKind = 'filter'): SettingsOf<K> {
  const input = kind === 'operator' ? { op } : {};
  return settingsSchemas[kind].parse(input) as SettingsOf<K>;
}

/** `base`, or `base-2`, `base-3`… whichever is not taken. */
export function uniqueId(taken: ReadonlySet<string>, base: string): string {
  const clean = base.replace(/[^A-Za-z0-9_.:-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56) || 'node';
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i++) if (!taken.has(`${clean}-${i}`)) return `${clean}-${i}`;
}

const nodeIds = (t: Topology): Set<string> => new Set(t.nodes.map((n) => n.id));
const edgeIds = (t: Topology): Set<string> => new Set(t.edges.map((e) => e.id));

function zodReason(prefix: string, e: z.ZodError): string {
  const i = e.issues[0];
  return i ? `${prefix}${i.path.length > 0 ? `${formatPath(i.path)}: ` : ''}${i.message}` : `${prefix}invalid`;
}

export interface AddNodeOptions {
  id?: string;
  name?: string;
  description?: string;
  position: Point;
  /** group to place it in; position is then relative to the group */
  parentId?: string;
  /** partial settings; missing ones take their defaults */
  settings?: Record<string, unknown>;
}

export function addNode(t: Topology, kind: NodeKind, opts: AddNodeOptions): EditResult<{ nodeId: string }> {
  if (t.nodes.length >= MAX_NODES) return { ok: false, reason: `a topology holds at most ${MAX_NODES} nodes` };
  const taken = nodeIds(t);
  const id = opts.id ?? uniqueId(taken, KIND_ID_PREFIX[kind]);
  if (taken.has(id)) return { ok: false, reason: `a node with id "${id}" already exists` };
  const count = t.nodes.filter((n) => n.kind === kind).length + 1;
  const candidate = {
    id, kind, name: opts.name ?? `${KIND_NAME[kind]} ${count}`, position: opts.position,
    ...(opts.description !== undefined ? { description: opts.description } : {}),
    ...(opts.parentId !== undefined ? { parentId: opts.parentId } : {}),
    settings: kind === 'operator' ? { op: 'filter', ...opts.settings } : { ...opts.settings },
  };
  const parsed = NodeSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: zodReason('new node: ', parsed.error) };
  const node = parsed.data;
  const refProblem = crossRefProblem(t, node);
  if (refProblem) return { ok: false, reason: refProblem };
  return { ok: true, topology: { ...t, nodes: [...t.nodes, node] }, nodeId: id };
}

/** Parent and dead-letter references of one node against the rest of the topology. */
function crossRefProblem(t: Topology, n: TopologyNode, byId = new Map(t.nodes.map((x) => [x.id, x]))): string | null {
  if (n.parentId !== undefined) {
    const parent = byId.get(n.parentId);
    if (!parent || parent.kind !== 'group') return `parent "${n.parentId}" is not a group in this topology`;
    if (n.kind === 'group') return 'groups cannot be nested';
  }
  if ((n.kind === 'queue' || n.kind === 'service' || n.kind === 'bus') && n.settings.deadLetterTarget) {
    const target = byId.get(n.settings.deadLetterTarget);
    if (!target || (target.kind !== 'queue' && target.kind !== 'topic') || target.id === n.id) {
      return `dead-letter target "${n.settings.deadLetterTarget}" is not another queue or topic of this topology`;
    }
  }
  return null;
}

/** Absolute canvas position (a child's position is relative to its group). */
export function absolutePosition(t: Topology, nodeId: string): Point | undefined {
  const n = t.nodes.find((x) => x.id === nodeId);
  if (!n) return undefined;
  if (n.parentId === undefined) return n.position;
  const p = t.nodes.find((x) => x.id === n.parentId);
  return p ? { x: p.position.x + n.position.x, y: p.position.y + n.position.y } : n.position;
}

/**
 * Delete nodes and every edge touching them. Children of a deleted group stay, at the same place
 * on the canvas, outside any group; dead-letter settings pointing at a deleted node are cleared.
 */
export function removeNodes(t: Topology, ids: Iterable<string>): Topology {
  const gone = new Set(ids);
  if (gone.size === 0) return t;
  const groups = new Map(t.nodes.filter((n) => n.kind === 'group' && gone.has(n.id)).map((g) => [g.id, g]));
  const nodes: TopologyNode[] = [];
  for (const n of t.nodes) {
    if (gone.has(n.id)) continue;
    let next = n;
    const parent = n.parentId !== undefined ? groups.get(n.parentId) : undefined;
    if (parent) {
      const { parentId: _p, ...rest } = next;
      next = { ...rest, position: { x: parent.position.x + n.position.x, y: parent.position.y + n.position.y } } as TopologyNode;
    }
    if ((next.kind === 'queue' || next.kind === 'service' || next.kind === 'bus') && gone.has(next.settings.deadLetterTarget)) {
      next = { ...next, settings: { ...next.settings, deadLetterTarget: '' } } as TopologyNode;
    }
    nodes.push(next);
  }
  return { ...t, nodes, edges: t.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)) };
}

export function removeEdges(t: Topology, ids: Iterable<string>): Topology {
  const gone = new Set(ids);
  if (gone.size === 0) return t;
  return { ...t, edges: t.edges.filter((e) => !gone.has(e.id)) };
}

export interface ConnectOptions {
  id?: string;
  eventTypes?: string[];
  timeoutMs?: number;
  label?: string;
}

/** Connect two nodes with the edge kind the connection rules give, or refuse with their reason. */
export function connect(t: Topology, sourceId: string, targetId: string, opts: ConnectOptions = {}): EditResult<{ edgeId: string; edgeKind: EdgeKind }> {
  const source = t.nodes.find((n) => n.id === sourceId);
  const target = t.nodes.find((n) => n.id === targetId);
  if (!source) return { ok: false, reason: `no node "${sourceId}"` };
  if (!target) return { ok: false, reason: `no node "${targetId}"` };
  const verdict = connectionVerdict(source.kind, target.kind, sourceId === targetId);
  if (!verdict.ok) return { ok: false, reason: verdict.reason };
  if (t.edges.some((e) => e.source === sourceId && e.target === targetId)) {
    return { ok: false, reason: `"${source.name}" is already connected to "${target.name}"` };
  }
  if (t.edges.length >= MAX_EDGES) return { ok: false, reason: `a topology holds at most ${MAX_EDGES} edges` };
  const taken = edgeIds(t);
  const id = opts.id ?? uniqueId(taken, `e-${sourceId}-${targetId}`);
  if (taken.has(id)) return { ok: false, reason: `an edge with id "${id}" already exists` };
  const parsed = EdgeSchema.safeParse({
    id, kind: verdict.edgeKind, source: sourceId, target: targetId, eventTypes: opts.eventTypes ?? [],
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.label !== undefined ? { label: opts.label } : {}),
  });
  if (!parsed.success) return { ok: false, reason: zodReason('edge: ', parsed.error) };
  return { ok: true, topology: { ...t, edges: [...t.edges, parsed.data] }, edgeId: id, edgeKind: verdict.edgeKind };
}

/**
 * Merge `patch` into a node's settings and validate; refused (nothing stored) if any value is
 * out of range. Changing an operator's `op` starts from that operator's defaults.
 */
export function updateSettings(t: Topology, nodeId: string, patch: Record<string, unknown>): EditResult {
  const i = t.nodes.findIndex((n) => n.id === nodeId);
  const n = t.nodes[i];
  if (!n) return { ok: false, reason: `no node "${nodeId}"` };
  const old = n.settings as Record<string, unknown>;
  const merged = n.kind === 'operator' && typeof patch.op === 'string' && patch.op !== old.op ? { ...patch } : { ...old, ...patch };
  const parsed = settingsSchemas[n.kind].safeParse(merged);
  if (!parsed.success) return { ok: false, reason: zodReason('settings.', parsed.error) };
  const next = { ...n, settings: parsed.data } as TopologyNode;
  const problem = crossRefProblem(t, next);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, topology: { ...t, nodes: replaceAt(t.nodes, i, next) } };
}

/** Rename or re-describe a node. */
export function updateNode(t: Topology, nodeId: string, patch: { name?: string; description?: string }): EditResult {
  const i = t.nodes.findIndex((n) => n.id === nodeId);
  const n = t.nodes[i];
  if (!n) return { ok: false, reason: `no node "${nodeId}"` };
  const parsed = NodeSchema.safeParse({ ...n, ...patch });
  if (!parsed.success) return { ok: false, reason: zodReason('', parsed.error) };
  return { ok: true, topology: { ...t, nodes: replaceAt(t.nodes, i, parsed.data) } };
}

/** Change what an edge carries (event types, route conditions, call timeout, label); its ends and kind stay. */
export function updateEdge(t: Topology, edgeId: string, patch: Partial<Pick<TopologyEdge, 'eventTypes' | 'conditions' | 'timeoutMs' | 'label'>>): EditResult {
  const i = t.edges.findIndex((e) => e.id === edgeId);
  const e = t.edges[i];
  if (!e) return { ok: false, reason: `no edge "${edgeId}"` };
  const parsed = EdgeSchema.safeParse({ ...e, ...patch });
  if (!parsed.success) return { ok: false, reason: zodReason('', parsed.error) };
  return { ok: true, topology: { ...t, edges: replaceAt(t.edges, i, parsed.data) } };
}

/** Set positions (relative to the parent group for children). Non-finite or unknown entries are ignored. */
export function moveNodes(t: Topology, moves: ReadonlyMap<string, Point> | Readonly<Record<string, Point>>): Topology {
  const m = moves instanceof Map ? moves : new Map(Object.entries(moves));
  if (m.size === 0) return t;
  let changed = false;
  const nodes = t.nodes.map((n) => {
    const p = m.get(n.id);
    if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y) || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...t, nodes } : t;
}

/**
 * Put nodes into a new group sized around them (groups themselves are skipped: no nesting).
 * Children keep their place on the canvas; their positions become relative to the group.
 */
export function groupNodes(t: Topology, ids: Iterable<string>, opts: { id?: string; name?: string; padding?: number; nodeSize?: { width: number; height: number } } = {}): EditResult<{ groupId: string }> {
  const want = new Set(ids);
  const members = t.nodes.filter((n) => want.has(n.id) && n.kind !== 'group');
  if (members.length === 0) return { ok: false, reason: 'select at least one node that is not a group' };
  const pad = opts.padding ?? 40;
  const size = opts.nodeSize ?? NOMINAL_NODE_SIZE;
  const abs = new Map(members.map((n) => [n.id, absolutePosition(t, n.id) as Point]));
  const xs = [...abs.values()].map((p) => p.x);
  const ys = [...abs.values()].map((p) => p.y);
  const origin = { x: Math.min(...xs) - pad, y: Math.min(...ys) - pad };
  const width = clamp(Math.max(...xs) + size.width + pad - origin.x, 80, 20_000);
  const height = clamp(Math.max(...ys) + size.height + pad - origin.y, 60, 20_000);
  const added = addNode(t, 'group', { id: opts.id, name: opts.name, position: origin, settings: { width, height } });
  if (!added.ok) return added;
  const groupId = added.nodeId;
  const nodes = added.topology.nodes.map((n) => {
    const p = abs.get(n.id);
    if (!p) return n;
    return { ...n, parentId: groupId, position: { x: p.x - origin.x, y: p.y - origin.y } };
  });
  // the group must come before its children so renderers that need parents first are happy
  const group = nodes[nodes.length - 1] as TopologyNode;
  return { ok: true, topology: { ...added.topology, nodes: [group, ...nodes.slice(0, -1)] }, groupId };
}

/** Remove a group, keeping its children where they are on the canvas. */
export function ungroupNodes(t: Topology, groupId: string): EditResult {
  const g = t.nodes.find((n) => n.id === groupId);
  if (!g || g.kind !== 'group') return { ok: false, reason: `"${groupId}" is not a group` };
  return { ok: true, topology: removeNodes(t, [groupId]) };
}

/** Move a node into a group (or out of any with `undefined`), keeping its place on the canvas. */
export function setParent(t: Topology, nodeId: string, parentId: string | undefined): EditResult {
  const i = t.nodes.findIndex((n) => n.id === nodeId);
  const n = t.nodes[i];
  if (!n) return { ok: false, reason: `no node "${nodeId}"` };
  if (n.parentId === parentId) return { ok: true, topology: t };
  const abs = absolutePosition(t, nodeId) as Point;
  if (parentId === undefined) {
    const { parentId: _p, ...rest } = n;
    return { ok: true, topology: { ...t, nodes: replaceAt(t.nodes, i, { ...rest, position: abs } as TopologyNode) } };
  }
  const parent = t.nodes.find((x) => x.id === parentId);
  if (!parent || parent.kind !== 'group') return { ok: false, reason: `"${parentId}" is not a group` };
  if (n.kind === 'group') return { ok: false, reason: 'groups cannot be nested' };
  const next = { ...n, parentId, position: { x: abs.x - parent.position.x, y: abs.y - parent.position.y } };
  const parentIndex = t.nodes.indexOf(parent);
  if (parentIndex < i) return { ok: true, topology: { ...t, nodes: replaceAt(t.nodes, i, next) } };
  // keep parents before their children (React Flow needs that order)
  const nodes = t.nodes.filter((x) => x.id !== nodeId);
  nodes.splice(parentIndex, 0, next);
  return { ok: true, topology: { ...t, nodes } };
}

/** Nodes and the edges among them: what copy puts on the clipboard (as JSON). */
export interface TopologyFragment {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

/** The selected nodes (plus the children of selected groups) and the edges between them. */
export function copyFragment(t: Topology, ids: Iterable<string>): TopologyFragment {
  const want = new Set(ids);
  for (const n of t.nodes) if (n.parentId !== undefined && want.has(n.parentId)) want.add(n.id);
  const nodes = t.nodes.filter((n) => want.has(n.id)).map((n) => {
    if (n.parentId === undefined || want.has(n.parentId)) return n;
    const { parentId: _p, ...rest } = n;
    return { ...rest, position: absolutePosition(t, n.id) as Point } as TopologyNode;
  });
  return { nodes, edges: t.edges.filter((e) => want.has(e.source) && want.has(e.target)) };
}

/**
 * Paste a fragment (from this or another project, e.g. parsed clipboard JSON): every node and
 * edge is validated, gets a fresh id, and is shifted by `offset`; references that point outside
 * the fragment (parent, dead-letter target) are dropped. Refused if anything is malformed.
 */
export function pasteFragment(t: Topology, fragment: unknown, offset: Point = { x: 40, y: 40 }): EditResult<{ nodeIds: string[]; edgeIds: string[] }> {
  if (typeof fragment !== 'object' || fragment === null) return { ok: false, reason: 'the clipboard does not hold EventFlow nodes' };
  const f = fragment as { nodes?: unknown; edges?: unknown };
  if (!Array.isArray(f.nodes) || (f.edges !== undefined && !Array.isArray(f.edges))) return { ok: false, reason: 'the clipboard does not hold EventFlow nodes' };
  if (t.nodes.length + f.nodes.length > MAX_NODES) return { ok: false, reason: `a topology holds at most ${MAX_NODES} nodes` };
  const parsedNodes: TopologyNode[] = [];
  for (const [i, raw] of f.nodes.entries()) {
    const r = NodeSchema.safeParse(raw);
    if (!r.success) return { ok: false, reason: zodReason(`nodes[${i}].`, r.error) };
    parsedNodes.push(r.data);
  }
  const parsedEdges: TopologyEdge[] = [];
  for (const [i, raw] of ((f.edges ?? []) as unknown[]).entries()) {
    const r = EdgeSchema.safeParse(raw);
    if (!r.success) return { ok: false, reason: zodReason(`edges[${i}].`, r.error) };
    parsedEdges.push(r.data);
  }
  const takenNodes = nodeIds(t);
  const rename = new Map<string, string>();
  for (const n of parsedNodes) {
    if (rename.has(n.id)) return { ok: false, reason: `the clipboard holds node "${n.id}" twice` };
    const id = uniqueId(takenNodes, n.id);
    takenNodes.add(id);
    rename.set(n.id, id);
  }
  const byOldId = new Map(parsedNodes.map((n) => [n.id, n]));
  const nodes = parsedNodes.map((n) => {
    const inGroup = n.parentId !== undefined && byOldId.get(n.parentId)?.kind === 'group' && n.kind !== 'group';
    const { parentId: _p, ...rest } = n;
    let next = { ...rest, id: rename.get(n.id) as string } as TopologyNode;
    if (inGroup) next = { ...next, parentId: rename.get(n.parentId as string) as string };
    else next = { ...next, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } };
    if (next.kind === 'queue' || next.kind === 'service' || next.kind === 'bus') {
      const dlt = next.settings.deadLetterTarget;
      const kept = dlt ? rename.get(dlt) ?? '' : '';
      next = { ...next, settings: { ...next.settings, deadLetterTarget: kept } } as TopologyNode;
    }
    return next;
  });
  let out: Topology = { ...t, nodes: [...t.nodes, ...nodes] };
  // dead-letter targets renamed to non-brokers (hand-edited clipboard) are cleared, not stored invalid
  const byId = new Map(out.nodes.map((n) => [n.id, n]));
  out = { ...out, nodes: out.nodes.map((n) => (crossRefProblem(out, n, byId) && (n.kind === 'queue' || n.kind === 'service' || n.kind === 'bus') ? { ...n, settings: { ...n.settings, deadLetterTarget: '' } } as TopologyNode : n)) };
  const edgeIdsOut: string[] = [];
  for (const e of parsedEdges) {
    const s = rename.get(e.source);
    const d = rename.get(e.target);
    if (s === undefined || d === undefined) continue;
    const r = connect(out, s, d, { eventTypes: e.eventTypes, ...(e.timeoutMs !== undefined ? { timeoutMs: e.timeoutMs } : {}), ...(e.label !== undefined ? { label: e.label } : {}) });
    if (!r.ok) continue; // an illegal edge in a hand-edited clipboard is skipped
    out = r.topology;
    if (e.conditions.length > 0) {
      const u = updateEdge(out, r.edgeId, { conditions: e.conditions });
      if (u.ok) out = u.topology;
    }
    edgeIdsOut.push(r.edgeId);
  }
  return { ok: true, topology: out, nodeIds: nodes.map((n) => n.id), edgeIds: edgeIdsOut };
}

/** Duplicate = copy + paste within the same topology. */
export function duplicateNodes(t: Topology, ids: Iterable<string>, offset: Point = { x: 40, y: 40 }): EditResult<{ nodeIds: string[]; edgeIds: string[] }> {
  return pasteFragment(t, copyFragment(t, ids), offset);
}

/** Add or replace a project event type (by name). */
export function upsertEventType(t: Topology, def: unknown): EditResult {
  const r = EventTypeDef.safeParse(def);
  if (!r.success) return { ok: false, reason: zodReason('event type: ', r.error) };
  const i = t.eventTypes.findIndex((e) => e.name === r.data.name);
  const eventTypes = i < 0 ? [...t.eventTypes, r.data] : replaceAt(t.eventTypes, i, r.data);
  if (eventTypes.length > 1000) return { ok: false, reason: 'a project holds at most 1000 event types' };
  return { ok: true, topology: { ...t, eventTypes } };
}

export function removeEventType(t: Topology, name: string): Topology {
  return t.eventTypes.some((e) => e.name === name) ? { ...t, eventTypes: t.eventTypes.filter((e) => e.name !== name) } : t;
}

/** Rename or re-describe the topology itself. */
export function updateTopologyInfo(t: Topology, patch: { name?: string; description?: string }): EditResult {
  const name = patch.name ?? t.name;
  const description = patch.description ?? t.description;
  if (name.length < 1 || name.length > 200) return { ok: false, reason: 'name: 1 to 200 characters' };
  if (description.length > 5000) return { ok: false, reason: 'description: at most 5000 characters' };
  return { ok: true, topology: { ...t, name, description } };
}

/** Is this a valid node id (for an inspector's id field)? */
export function isValidNodeId(id: string): boolean {
  return NodeId.safeParse(id).success;
}

function replaceAt<T>(xs: readonly T[], i: number, x: T): T[] {
  const out = xs.slice();
  out[i] = x;
  return out;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
