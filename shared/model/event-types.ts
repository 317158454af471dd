import { z } from 'zod';
import { EventTypeName } from './nodes';

export const FieldType = z.enum(['string', 'integer', 'number', 'boolean', 'money', 'timestamp', 'id', 'sku', 'email', 'currency', 'array', 'object']);
export type FieldType = z.infer<typeof FieldType>;

export const EventField = z.object({
  name: z.string().min(1).max(80).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'field names are identifiers'),
  type: FieldType,
  required: z.boolean().default(true),
  description: z.string().max(500).optional(),
});
export type EventField = z.infer<typeof EventField>;

/** An event type: the built-in commerce catalog uses the same shape as user-defined ones. */
export const EventTypeDef = z.object({
  name: EventTypeName,
  description: z.string().max(1000).default(''),
  /** payload field that identifies the entity (orderId, cartId...): the event key */
  keyField: z.string().max(80).default(''),
  fields: z.array(EventField).max(200).default([]),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
});
export type EventTypeDef = z.infer<typeof EventTypeDef>;
