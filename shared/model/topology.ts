import { z } from 'zod';
import { connectionVerdict } from './connection-rules';
import { TopologyEdge } from './edges';
import { EventTypeDef } from './event-types';
import { TopologyNode } from './nodes';

export const CURRENT_SCHEMA_VERSION = 1;
export const TOPOLOGY_SCHEMA_URL = 'https://eventflow.studio/schema/topology-v1.json';

export const MAX_NODES = 20_000;
export const MAX_EDGES = 50_000;

/**
 * What an imported document says that the model does not use (servers, ids, versions, summaries,
 * bindings, full schemas, traits, parameters, replies, exchange names, operation ids...): the
 * document itself, kept so that export writes it back (shared/export/asyncapi/kept.ts). `nodes`
 * records what each node was made from and its settings at import, so an edit is told apart
 * from what the document said.
 */
export const ImportedNode = z.object({
  /** the channel key the node was made from (broker nodes) */
  channel: z.string().max(1000).optional(),
  /** the document's application the node was made from (its operations' x-eventflow-application, else info.title) */
  application: z.string().max(200).optional(),
  name: z.string().max(200),
  description: z.string().max(5000).optional(),
  /** the node's settings as the import derived them */
  settings: z.record(z.string(), z.unknown()),
});
export type ImportedNode = z.infer<typeof ImportedNode>;

export const ImportedSource = z.object({
  format: z.literal('asyncapi'),
  /** the document's own `asyncapi` version, e.g. "2.6.0" */
  version: z.string().min(1).max(40),
  /** the source document as read (references to other files inlined), without x-eventflow extensions */
  document: z.record(z.string(), z.unknown()),
  nodes: z.record(z.string(), ImportedNode).default({}),
});
export type ImportedSource = z.infer<typeof ImportedSource>;

const TopologyShape = z.object({
  $schema: z.string().max(500).optional(),
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  name: z.string().min(1).max(200),
  description: z.string().max(5000).default(''),
  /** project-specific event types; built-in catalog types need not be listed */
  eventTypes: z.array(EventTypeDef).max(1000).default([]),
  nodes: z.array(TopologyNode).max(MAX_NODES),
  edges: z.array(TopologyEdge).max(MAX_EDGES),
  /** the imported document's parts the model does not use (absent for topologies built in the app) */
  imported: ImportedSource.optional(),
});

/** Cross-reference checks zod cannot express per field: ids, dangling edges, legal edges. */
export const Topology = TopologyShape.superRefine((t, ctx) => {
  const byId = new Map<string, TopologyNode>();
  t.nodes.forEach((n, i) => {
    if (byId.has(n.id)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `duplicate node id "${n.id}"` });
    byId.set(n.id, n);
  });
  t.nodes.forEach((n, i) => {
    if (n.parentId !== undefined) {
      const parent = byId.get(n.parentId);
      if (!parent || parent.kind !== 'group') {
        ctx.addIssue({ code: 'custom', path: ['nodes', i, 'parentId'], message: `parent "${n.parentId}" is not a group in this topology` });
      } else if (n.kind === 'group') {
        ctx.addIssue({ code: 'custom', path: ['nodes', i, 'parentId'], message: 'groups cannot be nested' });
      }
    }
    if ((n.kind === 'queue' || n.kind === 'service' || n.kind === 'bus') && n.settings.deadLetterTarget) {
      const target = byId.get(n.settings.deadLetterTarget);
      if (!target || (target.kind !== 'queue' && target.kind !== 'topic') || target.id === n.id) {
        ctx.addIssue({ code: 'custom', path: ['nodes', i, 'settings', 'deadLetterTarget'], message: `dead-letter target "${n.settings.deadLetterTarget}" is not another queue or topic of this topology` });
      }
    }
  });
  const edgeIds = new Set<string>();
  t.edges.forEach((e, i) => {
    if (edgeIds.has(e.id)) ctx.addIssue({ code: 'custom', path: ['edges', i, 'id'], message: `duplicate edge id "${e.id}"` });
    edgeIds.add(e.id);
    const s = byId.get(e.source);
    const d = byId.get(e.target);
    if (!s) ctx.addIssue({ code: 'custom', path: ['edges', i, 'source'], message: `edge "${e.id}" starts at unknown node "${e.source}"` });
    if (!d) ctx.addIssue({ code: 'custom', path: ['edges', i, 'target'], message: `edge "${e.id}" ends at unknown node "${e.target}"` });
    if (!s || !d) return;
    const verdict = connectionVerdict(s.kind, d.kind, s.id === d.id);
    if (!verdict.ok) {
      ctx.addIssue({ code: 'custom', path: ['edges', i], message: `edge "${e.id}" (${s.kind} → ${d.kind}) is not allowed: ${verdict.reason}` });
    } else if (verdict.edgeKind !== e.kind) {
      ctx.addIssue({ code: 'custom', path: ['edges', i, 'kind'], message: `edge "${e.id}" from ${s.kind} to ${d.kind} must be a "${verdict.edgeKind}" edge, not "${e.kind}"` });
    }
  });
});
export type Topology = z.infer<typeof Topology>;
/** What a file or caller may give: defaults not yet applied. */
export type TopologyInput = z.input<typeof Topology>;
