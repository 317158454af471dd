import { CURRENT_SCHEMA_VERSION } from './topology';
import type { ParseResult } from './validate';

type Doc = Record<string, unknown>;
/** migrations[v] turns a version-v document into a version v+1 document. */
const migrations: Record<number, (doc: Doc) => Doc> = {
  // v0: drafts written before schemaVersion existed; they had `version` and no eventTypes.
  0: (doc) => {
    const { version: _legacy, ...rest } = doc;
    return { ...rest, eventTypes: rest.eventTypes ?? [], schemaVersion: 1 };
  },
};

export function migrateTopology(data: unknown): ParseResult<unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, issues: [{ path: '(root)', message: 'a topology must be a JSON object' }] };
  }
  let doc = data as Doc;
  const raw = doc.schemaVersion ?? 0;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) {
    return { ok: false, issues: [{ path: 'schemaVersion', message: `schemaVersion must be a whole number, got ${JSON.stringify(raw)}` }] };
  }
  if (raw > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      issues: [{ path: 'schemaVersion', message: `this file uses schema version ${raw}, made by a newer EventFlow Studio; this version reads up to ${CURRENT_SCHEMA_VERSION}. Update the app to open it.` }],
    };
  }
  for (let v = raw; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = migrations[v];
    if (!step) return { ok: false, issues: [{ path: 'schemaVersion', message: `no migration from schema version ${v}` }] };
    doc = step(doc);
  }
  return { ok: true, value: doc };
}
