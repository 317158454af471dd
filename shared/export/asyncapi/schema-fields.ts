/** Payload JSON Schema <-> event fields: the inverse of catalog.ts payloadJsonSchema for what it produces, a best guess otherwise. */
import type { EventField, FieldType } from '../../model/event-types';
import { deref, isObj } from './refs';
import type { Obj } from './refs';

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_FIELDS = 200;

export function fieldTypeOf(s: Obj): FieldType {
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'integer': return 'integer';
    case 'number': return s.multipleOf === 0.01 ? 'money' : 'number';
    case 'boolean': return 'boolean';
    case 'array': return 'array';
    case 'object': return 'object';
    case 'string':
      if (s.format === 'date-time' || s.format === 'date') return 'timestamp';
      if (s.format === 'email') return 'email';
      if (s.pattern === '^[A-Z]{3}$') return 'currency';
      if (s.pattern === '^[A-Z0-9-]+$') return 'sku';
      if (s.minLength === 1 || s.format === 'uuid') return 'id';
      return 'string';
    default:
      return isObj(s.properties) ? 'object' : 'string';
  }
}

export interface FieldsResult {
  fields: EventField[];
  warnings: { pointer: string; message: string }[];
}

/** Top-level properties of a payload schema (refs followed one level; nested shapes stay `object`/`array`). */
export function fieldsOfSchema(root: unknown, schema: unknown, pointer: string): FieldsResult {
  const warnings: { pointer: string; message: string }[] = [];
  const { value: s, pointer: at } = deref(root, schema, pointer);
  if (!isObj(s)) return { fields: [], warnings: s === undefined ? [] : [{ pointer: at, message: 'payload schema is not an object schema: no fields imported' }] };
  const props = s.properties;
  if (!isObj(props)) return { fields: [], warnings };
  const required = new Set(Array.isArray(s.required) ? s.required.filter((x): x is string => typeof x === 'string') : []);
  const fields: EventField[] = [];
  for (const [name, raw] of Object.entries(props)) {
    const p = `${at}/properties/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (fields.length >= MAX_FIELDS) {
      warnings.push({ pointer: p, message: `more than ${MAX_FIELDS} payload fields: the rest are ignored` });
      break;
    }
    let fieldName = name;
    if (!FIELD_NAME.test(name) || name.length > 80) {
      fieldName = (/^[A-Za-z_]/.test(name) ? name : `_${name}`).replace(/[^A-Za-z0-9_]/g, '_').slice(0, 80);
      warnings.push({ pointer: p, message: `field "${name.slice(0, 80)}" renamed "${fieldName}" (field names are identifiers)` });
    }
    let prop: unknown;
    try {
      prop = deref(root, raw, p).value;
    } catch (e) {
      warnings.push({ pointer: p, message: `${(e as Error).message}; typed as string` });
      prop = { type: 'string' };
    }
    const o = isObj(prop) ? prop : {};
    const field: EventField = { name: fieldName, type: fieldTypeOf(o), required: required.has(name) };
    if (typeof o.description === 'string' && o.description.length > 0) field.description = o.description.slice(0, 500);
    fields.push(field);
  }
  return { fields, warnings };
}
