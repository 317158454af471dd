import { z } from 'zod';
import { EventTypeName, NodeId } from './nodes';

export const EdgeKind = z.enum(['publish', 'subscribe', 'route', 'call']);
export type EdgeKind = z.infer<typeof EdgeKind>;

/** A condition on an event attribute, used by bus routes. */
export const AttributeCondition = z.object({
  field: z.string().min(1).max(120),
  comparator: z.enum(['==', '!=', '>', '>=', '<', '<=', 'contains']),
  value: z.string().max(200),
});
export type AttributeCondition = z.infer<typeof AttributeCondition>;

export const TopologyEdge = z.object({
  id: NodeId,
  kind: EdgeKind,
  source: NodeId,
  target: NodeId,
  /** event types carried by this edge; empty = every type the source offers */
  eventTypes: z.array(EventTypeName).max(50).default([]),
  /** route edges only: extra attribute conditions, all must hold */
  conditions: z.array(AttributeCondition).max(20).default([]),
  /** call edges only: request timeout before the caller gives up */
  timeoutMs: z.number().positive().max(3_600_000).optional(),
  label: z.string().max(120).optional(),
});
export type TopologyEdge = z.infer<typeof TopologyEdge>;
