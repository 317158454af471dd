/**
 * `$ref` resolution inside one document. Resolution is lazy (the importer derefs what it reads),
 * so recursive payload schemas cost nothing; a chain of refs that loops back on itself, a ref to
 * a place that does not exist, and refs to other files or URLs are reported with the pointer of
 * the `$ref` that caused them.
 */
import { pointerSegments } from '../source-doc';

export class RefError extends Error {
  constructor(readonly pointer: string, message: string) {
    super(message);
    this.name = 'RefError';
  }
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const MAX_CHAIN = 32;

/** Value at a JSON pointer, or undefined. */
export function atPointer(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const seg of pointerSegments(pointer)) {
    if (Array.isArray(cur)) cur = /^\d+$/.test(seg) ? cur[Number(seg)] : undefined;
    else if (isObj(cur)) cur = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
    else return undefined;
  }
  return cur;
}

/**
 * Follow `value` while it is `{ $ref }`. Returns the target and the pointer where it lives (for
 * error locations and for naming: `#/components/messages/OrderPlaced` names a message).
 */
export function deref(root: unknown, value: unknown, at: string): { value: unknown; pointer: string } {
  let cur = value;
  let where = at;
  const seen = new Set<string>();
  for (let i = 0; isObj(cur) && typeof cur.$ref === 'string'; i++) {
    const ref = cur.$ref;
    if (!ref.startsWith('#')) {
      throw new RefError(where + '/$ref', `external reference "${truncate(ref)}" is not supported: inline it or bundle the document first (e.g. \`asyncapi bundle\`)`);
    }
    const target = decodeURIComponentSafe(ref.slice(1));
    if (target !== '' && !target.startsWith('/')) throw new RefError(where + '/$ref', `reference "${truncate(ref)}" is not a JSON pointer (expected "#/…")`);
    if (seen.has(target) || i >= MAX_CHAIN) throw new RefError(where + '/$ref', `circular reference: "${truncate(ref)}" leads back to itself`);
    seen.add(target);
    const next = atPointer(root, target);
    if (next === undefined) throw new RefError(where + '/$ref', `unresolved reference "${truncate(ref)}": nothing at ${target || '/'}`);
    cur = next;
    where = target;
  }
  return { value: cur, pointer: where };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function truncate(s: string): string {
  return s.length > 120 ? s.slice(0, 117) + '…' : s;
}
