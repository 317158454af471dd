import type { Database } from 'better-sqlite3';
import path from 'node:path';
import { openDatabase } from './database';
import type { OpenDatabaseOptions } from './database';
import { DATABASE_FILE_NAME } from './data-dir';
import { ProjectRepository } from './projects';

export { StoreOpenError } from './database';
export { DATABASE_FILE_NAME, dataDirArg, defaultDataDir, resolveDataDir } from './data-dir';
export { MAX_VERSIONS } from './projects';
export { SCHEMA_VERSION, migrations } from './migrations';

/** The backend's persistent state: one SQLite file in the data folder. Close it once. */
export interface Store {
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly schemaVersion: number;
  readonly db: Database;
  readonly projects: ProjectRepository;
  close(): void;
}

export interface OpenStoreOptions extends OpenDatabaseOptions {
  dataDir: string;
}

export function openStore(opts: OpenStoreOptions): Store {
  const databaseFile = path.join(opts.dataDir, DATABASE_FILE_NAME);
  const db = openDatabase(databaseFile, opts);
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  let closed = false;
  return {
    dataDir: opts.dataDir,
    databaseFile,
    schemaVersion,
    db,
    projects: new ProjectRepository(db),
    close() {
      if (closed) return;
      closed = true;
      // Folds the WAL back into the main file so a copied .sqlite is complete.
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // another connection may hold it; the WAL stays valid either way
      }
      db.close();
    },
  };
}
