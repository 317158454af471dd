import type { TopologyEdge } from './edges';
import type { NodeKind, SettingsOf, TopologyNode } from './nodes';
import { Topology } from './topology';
import type { TopologyInput } from './topology';

/**
 * Terse builders for tests of the model (lint, capacity, edits): settings are partial and get
 * the schema defaults, positions are irrelevant. Not for production code: use edits.ts there.
 */
export function node<K extends NodeKind>(kind: K, id: string, settings: Partial<SettingsOf<K>> = {}, extra: Partial<TopologyNode> = {}): TopologyInput['nodes'][number] {
  return { id, kind, name: id, position: { x: 0, y: 0 }, settings, ...extra } as TopologyInput['nodes'][number];
}

export function edge(kind: TopologyEdge['kind'], source: string, target: string, eventTypes: string[] = [], extra: Partial<TopologyEdge> = {}): TopologyInput['edges'][number] {
  return { id: `${source}--${target}`, kind, source, target, eventTypes, ...extra };
}

/** Parse or throw with the issues: a test fixture must be valid. */
export function build(nodes: TopologyInput['nodes'], edges: TopologyInput['edges'] = [], eventTypes: TopologyInput['eventTypes'] = []): Topology {
  const r = Topology.safeParse({ schemaVersion: 1, name: 'test', nodes, edges, eventTypes });
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  return r.data;
}
