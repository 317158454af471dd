/**
 * "Show me": a step's edits applied with the model's own edit functions, so a lesson can only
 * do what a learner could do on the canvas, and an edit the model refuses is refused with its
 * reason (a lesson that names a node that is not there fails its check, it does not crash).
 */
import { addNode, connect, removeNodes, updateSettings } from '../model/edits';
import type { NodeKind } from '../model/nodes';
import { TEMPLATES } from '../model/templates';
import type { Topology } from '../model/topology';
import { formatIssues, parseTopology } from '../model/validate';
import type { ShowMeEdit, TopologySource } from './schema';

export type SourceResult = { ok: true; topology: Topology } | { ok: false; reason: string };

export function resolveSource(src: TopologySource): SourceResult {
  if ('template' in src) {
    const t = TEMPLATES.find((x) => x.id === src.template);
    if (!t) return { ok: false, reason: `no template "${src.template}" (there are: ${TEMPLATES.map((x) => x.id).join(', ')})` };
    return fromData(t.build());
  }
  return fromData(src.topology);
}

function fromData(data: unknown): SourceResult {
  const r = parseTopology(data);
  return r.ok ? { ok: true, topology: r.value } : { ok: false, reason: `not a valid topology: ${formatIssues(r.issues.slice(0, 3)).replace(/\n/g, '; ')}` };
}

/** Settings patches may be nested (`processing: {meanMs: 5}`): merge them into the current settings one level deep. */
function mergePatch(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    const old = current[k];
    const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
    // a distribution or profile with a new `kind` replaces the old one; otherwise fields merge
    out[k] = isObj(old) && isObj(v) && (v.kind === undefined || v.kind === old.kind) ? { ...old, ...v } : v;
  }
  return out;
}

/** Apply one topology edit ('run' is not one: the caller starts the run). */
export function applyEdit(t: Topology, e: Exclude<ShowMeEdit, { do: 'run' }>): SourceResult {
  switch (e.do) {
    case 'load': return resolveSource(e.source);
    case 'add-node': {
      const r = addNode(t, e.kind as NodeKind, { id: e.id, position: e.position, settings: e.settings, ...(e.name !== undefined ? { name: e.name } : {}) });
      return r.ok ? { ok: true, topology: r.topology } : { ok: false, reason: `add ${e.kind} "${e.id}": ${r.reason}` };
    }
    case 'connect': {
      const r = connect(t, e.source, e.target, { eventTypes: e.eventTypes });
      return r.ok ? { ok: true, topology: r.topology } : { ok: false, reason: `connect ${e.source} → ${e.target}: ${r.reason}` };
    }
    case 'update-settings': {
      const n = t.nodes.find((x) => x.id === e.node);
      if (!n) return { ok: false, reason: `change settings of "${e.node}": no such node` };
      const r = updateSettings(t, e.node, mergePatch(n.settings as Record<string, unknown>, e.patch));
      return r.ok ? { ok: true, topology: r.topology } : { ok: false, reason: `change settings of "${e.node}": ${r.reason}` };
    }
    case 'remove-node': {
      if (!t.nodes.some((x) => x.id === e.node)) return { ok: false, reason: `remove "${e.node}": no such node` };
      return { ok: true, topology: removeNodes(t, [e.node]) };
    }
  }
}
