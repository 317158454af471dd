import { CURRENT_SCHEMA_VERSION } from './topology';
import type { ParseResult } from './validate';

/** A JSON document on its way from an older schema version to the current one. */
export type MigrationDoc = Record<string, unknown>;
/** Turns a version-v document into a version v+1 document. Pure: returns a new object. */
export type Migration = (doc: MigrationDoc) => MigrationDoc;

/**
 * migrations[v] turns a version-v document into a version v+1 document. To change the schema:
 * bump CURRENT_SCHEMA_VERSION, add the step here, add a test with an old document (see
 * migrations.test.ts), and regenerate resources/schema (`npm run gen:schema`).
 */
export const TOPOLOGY_MIGRATIONS: Readonly<Record<number, Migration>> = {
  // v0: drafts written before schemaVersion existed; they had `version` and no eventTypes.
  0: (doc) => {
    const { version: _legacy, ...rest } = doc;
    return { ...rest, eventTypes: rest.eventTypes ?? [], schemaVersion: 1 };
  },
};

/**
 * Run `steps` from the document's schemaVersion (missing = 0) up to `current`. Refuses a newer
 * version (made by a newer app) instead of guessing, and names the field.
 */
export function runMigrations(data: unknown, steps: Readonly<Record<number, Migration>>, current: number): ParseResult<unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, issues: [{ path: '(root)', message: 'a topology must be a JSON object' }] };
  }
  let doc = data as MigrationDoc;
  const raw = doc.schemaVersion ?? 0;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) {
    return { ok: false, issues: [{ path: 'schemaVersion', message: `schemaVersion must be a whole number, got ${JSON.stringify(raw)}` }] };
  }
  if (raw > current) {
    return {
      ok: false,
      issues: [{ path: 'schemaVersion', message: `this file uses schema version ${raw}, made by a newer EventFlow Studio; this version reads up to ${current}. Update the app to open it.` }],
    };
  }
  for (let v = raw; v < current; v++) {
    const step = steps[v];
    if (!step) return { ok: false, issues: [{ path: 'schemaVersion', message: `no migration from schema version ${v}` }] };
    try {
      doc = step(doc);
    } catch (e) {
      return { ok: false, issues: [{ path: '(root)', message: `migrating from schema version ${v} failed: ${(e as Error).message}` }] };
    }
    if (doc.schemaVersion !== v + 1) {
      return { ok: false, issues: [{ path: 'schemaVersion', message: `the migration from version ${v} did not produce version ${v + 1}` }] };
    }
  }
  return { ok: true, value: doc };
}

export function migrateTopology(data: unknown): ParseResult<unknown> {
  return runMigrations(data, TOPOLOGY_MIGRATIONS, CURRENT_SCHEMA_VERSION);
}
