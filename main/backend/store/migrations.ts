import type { Database } from 'better-sqlite3';
import { runMigrations } from '../runs/migrations';
import { whatifMigrations } from '../whatif/migrations';

/**
 * The SQLite schema, one migration per entry. `PRAGMA user_version` = number of migrations
 * applied. To change the schema APPEND an entry (never edit a shipped one); it runs once, in
 * its own transaction, on every database that has not had it yet.
 */
export interface Migration {
  /** one line, shown in errors */
  name: string;
  up: (db: Database) => void;
}

export const migrations: Migration[] = [
  {
    name: 'projects and their saved versions',
    up: (db) => {
      db.exec(`
        CREATE TABLE projects (
          id          TEXT PRIMARY KEY,
          name        TEXT NOT NULL,
          topology    TEXT NOT NULL CHECK (json_valid(topology)),
          node_count  INTEGER NOT NULL DEFAULT 0,
          edge_count  INTEGER NOT NULL DEFAULT 0,
          revision    INTEGER NOT NULL DEFAULT 1,
          created_at  TEXT NOT NULL,
          updated_at  TEXT NOT NULL
        ) STRICT;
        CREATE INDEX projects_updated ON projects (updated_at DESC);
        CREATE TABLE project_versions (
          id          INTEGER PRIMARY KEY,
          project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
          name        TEXT NOT NULL,
          topology    TEXT NOT NULL CHECK (json_valid(topology)),
          node_count  INTEGER NOT NULL DEFAULT 0,
          edge_count  INTEGER NOT NULL DEFAULT 0,
          saved_at    TEXT NOT NULL
        ) STRICT;
        CREATE INDEX project_versions_project ON project_versions (project_id, id DESC);
      `);
    },
  },
  // Later migrations go here, appended.
  ...runMigrations,
  ...whatifMigrations,
];

/** The schema version this build of the app writes. */
export const SCHEMA_VERSION = migrations.length;

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the pending migrations, each atomically with its user_version bump. Returns how many ran. */
export function migrate(db: Database, list: readonly Migration[] = migrations): number {
  const from = userVersion(db);
  for (let v = from; v < list.length; v++) {
    const m = list[v];
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
  return list.length - from;
}
