import type { NodeKind, OperatorKind, TopologyNode } from '../../../shared/model';
import { OperatorSettings, TopologyNode as TopologyNodeSchema, settingsSchemas } from '../../../shared/model';

export const KIND_LABELS: Readonly<Record<NodeKind, string>> = {
  producer: 'Producer', topic: 'Topic', queue: 'Queue', bus: 'Event bus', service: 'Service', operator: 'Stream operator', sink: 'Sink', group: 'Group',
};

export const OPERATOR_LABELS: Readonly<Record<OperatorKind, string>> = {
  filter: 'Filter', map: 'Map / enrich', window: 'Window / aggregate', throttle: 'Throttle', debounce: 'Debounce', join: 'Join',
};

/** Default settings of a kind, straight from its zod schema (so the palette can't drift from it). */
export function defaultSettings(kind: NodeKind, op: OperatorKind = 'filter'): TopologyNode['settings'] {
  if (kind === 'operator') return OperatorSettings.parse({ op });
  return settingsSchemas[kind].parse({});
}

export interface NewNodeSpec {
  kind: NodeKind;
  id: string;
  name: string;
  position: { x: number; y: number };
  op?: OperatorKind;
  /** overrides merged over the defaults (templates like "Payment gateway") */
  settings?: Record<string, unknown>;
  parentId?: string;
}

export function createNode(spec: NewNodeSpec): TopologyNode {
  const settings = { ...defaultSettings(spec.kind, spec.op), ...(spec.settings ?? {}) };
  const candidate: Record<string, unknown> = { id: spec.id, kind: spec.kind, name: spec.name, position: spec.position, settings };
  if (spec.parentId) candidate.parentId = spec.parentId;
  return TopologyNodeSchema.parse(candidate);
}
