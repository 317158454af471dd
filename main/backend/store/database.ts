import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { migrate, migrations, userVersion } from './migrations';
import type { Migration } from './migrations';

export type StoreOpenErrorReason = 'newer-version' | 'corrupt' | 'unreadable';

/** Why the database cannot be used. The file is left exactly as it was. */
export class StoreOpenError extends Error {
  constructor(
    readonly reason: StoreOpenErrorReason,
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

export interface OpenDatabaseOptions {
  /** better_sqlite3.node built for another ABI (Electron); undefined = the package's own */
  nativeBinding?: string;
  /** defaults to the app's migrations; tests pass their own list */
  migrations?: readonly Migration[];
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

function headerOf(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens (or creates) the database: refuses a file that is not SQLite, fails the quick
 * integrity check, or comes from a newer app — all before anything is written — then turns
 * on WAL + foreign keys and applies pending migrations.
 */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Database {
  const list = opts.migrations ?? migrations;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file of that name (or of a parent folder) is in the way' : (e as Error).message;
    throw new StoreOpenError('unreadable', file, `Cannot create the data folder ${path.dirname(file)}: ${why}`);
  }
  const existed = existsSync(file) && statSync(file).size > 0;
  if (existed) {
    let header: string;
    try {
      header = headerOf(file);
    } catch (e) {
      throw new StoreOpenError('unreadable', file, `Cannot read the database ${file}: ${(e as Error).message}`);
    }
    if (header !== SQLITE_HEADER) {
      throw new StoreOpenError('corrupt', file, `The database ${file} is not an SQLite database (corrupt or a different file). It was left untouched; move it away or restore a backup.`);
    }
  }

  let db: Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: existed, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  } catch (e) {
    throw new StoreOpenError('unreadable', file, `Cannot open the database ${file}: ${(e as Error).message}`);
  }
  try {
    // Reads only, so a refused file is not modified.
    if (existed) {
      const version = userVersion(db);
      if (version > list.length) {
        throw new StoreOpenError(
          'newer-version',
          file,
          `The database ${file} was written by a newer version of EventFlow Studio (schema ${version}; this version knows up to ${list.length}). Update the app to open it; the file was not changed.`,
        );
      }
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new StoreOpenError('corrupt', file, `The database ${file} failed its integrity check (${String(check)}). It was left untouched; restore a backup or move it away.`);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // WAL + NORMAL stays consistent on power loss (a last commit may roll back) and is much faster.
    db.pragma('synchronous = NORMAL');
    migrate(db, list);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof StoreOpenError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
      throw new StoreOpenError('corrupt', file, `The database ${file} is corrupt (${(e as Error).message}). It was left untouched; restore a backup or move it away.`);
    }
    throw new StoreOpenError('unreadable', file, `Cannot open the database ${file}: ${(e as Error).message}`);
  }
}
