import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkoutTemplate } from '../../../shared/model/templates';
import { parseTopology } from '../../../shared/model/validate';
import type { Topology } from '../../../shared/model/topology';
import { openDatabase, StoreOpenError } from './database';
import { defaultDataDir, resolveDataDir } from './data-dir';
import { migrate, migrations, SCHEMA_VERSION, userVersion } from './migrations';
import type { Migration } from './migrations';
import { DATABASE_FILE_NAME, MAX_VERSIONS, openStore } from './index';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'ef-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const checkout = (): Topology => {
  const r = parseTopology(checkoutTemplate());
  if (!r.ok) throw new Error('template invalid');
  return r.value;
};

describe('migrations', () => {
  it('brings a fresh database to the current schema with WAL and foreign keys on', () => {
    const s = openStore({ dataDir: tmp() });
    expect(userVersion(s.db)).toBe(SCHEMA_VERSION);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(path.basename(s.databaseFile)).toBe(DATABASE_FILE_NAME);
    const tables = s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['projects', 'project_versions']));
    s.close();
  });

  it('applies only pending migrations and keeps data across reopen', () => {
    const dir = tmp();
    const s1 = openStore({ dataDir: dir });
    const p = s1.projects.create('Kept');
    s1.close();
    const s2 = openStore({ dataDir: dir });
    expect(migrate(s2.db)).toBe(0);
    expect(s2.projects.open(p.id).name).toBe('Kept');
    s2.close();
  });

  it('runs an appended migration once, and a failing one rolls back with user_version unchanged', () => {
    const file = path.join(tmp(), 'x.sqlite');
    const extra: Migration[] = [...migrations, { name: 'add t', up: (db) => db.exec('CREATE TABLE t (a INTEGER)') }];
    const db = openDatabase(file, { migrations: extra });
    expect(userVersion(db)).toBe(migrations.length + 1);
    const broken: Migration[] = [...extra, { name: 'half', up: (d) => { d.exec('CREATE TABLE u (a INTEGER)'); throw new Error('boom'); } }];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(userVersion(db)).toBe(migrations.length + 1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'u'").pluck().get()).toBe(0);
    db.close();
  });
});

describe('refusing databases it must not touch', () => {
  it('a database from a newer app version: clear error, file byte-identical', () => {
    const dir = tmp();
    const file = path.join(dir, DATABASE_FILE_NAME);
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = readFileSync(file);
    let err: unknown;
    try {
      openStore({ dataDir: dir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreOpenError);
    expect((err as StoreOpenError).reason).toBe('newer-version');
    expect((err as Error).message).toMatch(/newer version of EventFlow Studio/);
    expect((err as Error).message).toContain(file);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a file that is not SQLite: clear error, file untouched', () => {
    const dir = tmp();
    const file = path.join(dir, DATABASE_FILE_NAME);
    writeFileSync(file, 'this is not a database at all, just some text that happens to be here\n'.repeat(100));
    const before = readFileSync(file);
    expect(() => openStore({ dataDir: dir })).toThrow(/not an SQLite database/);
    try {
      openStore({ dataDir: dir });
    } catch (e) {
      expect((e as StoreOpenError).reason).toBe('corrupt');
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('an SQLite file with damaged pages: corrupt error, file untouched', () => {
    const dir = tmp();
    const s = openStore({ dataDir: dir });
    for (let i = 0; i < 30; i++) s.projects.create(`P${i}`, checkout());
    s.close();
    const file = path.join(dir, DATABASE_FILE_NAME);
    const bytes = readFileSync(file);
    // keep the 100-byte header valid, scribble over the b-tree pages after page 1
    for (let i = 4096; i < bytes.length; i += 7) bytes[i] = 0xa5;
    writeFileSync(file, bytes);
    const before = readFileSync(file);
    let err: unknown;
    try {
      openStore({ dataDir: dir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreOpenError);
    expect((err as StoreOpenError).reason).toBe('corrupt');
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('projects', () => {
  it('creates, lists newest first, renames (also in the topology) and deletes', () => {
    const s = openStore({ dataDir: tmp() });
    const a = s.projects.create('Alpha');
    const b = s.projects.create('Beta', checkout());
    expect(s.projects.list().map((p) => p.name)).toEqual(['Beta', 'Alpha']);
    expect(b.nodeCount).toBeGreaterThan(3);
    expect(b.topology.name).toBe('Beta');
    s.projects.rename(a.id, 'Alpha 2');
    expect(s.projects.list()[0].name).toBe('Alpha 2');
    expect(s.projects.open(a.id).topology.name).toBe('Alpha 2');
    expect(s.projects.delete(a.id)).toBe(true);
    expect(s.projects.delete(a.id)).toBe(false);
    expect(() => s.projects.open(a.id)).toThrow(/no project/);
    s.close();
  });

  it('explicit save keeps the previous topology as a version; autosave does not; restore keeps current', () => {
    const s = openStore({ dataDir: tmp() });
    const p = s.projects.create('P');
    const t = checkout();
    expect(s.projects.save(p.id, t, 'autosave').revision).toBe(2);
    expect(s.projects.versions(p.id)).toHaveLength(0);
    s.projects.save(p.id, { ...t, nodes: t.nodes.slice(0, 1), edges: [] }, 'explicit');
    const versions = s.projects.versions(p.id);
    expect(versions).toHaveLength(1);
    expect(versions[0].nodeCount).toBe(t.nodes.length);
    const restored = s.projects.restoreVersion(p.id, versions[0].versionId);
    expect(restored.topology.nodes).toHaveLength(t.nodes.length);
    expect(s.projects.versions(p.id)).toHaveLength(2);
    expect(s.projects.versions(p.id)[0].nodeCount).toBe(1);
    s.close();
  });

  it('keeps the project name and the topology name the same, whichever side changes', () => {
    const s = openStore({ dataDir: tmp() });
    const p = s.projects.create('Old');
    s.projects.save(p.id, { ...p.topology, name: 'Renamed in the editor' }, 'autosave');
    expect(s.projects.list()[0].name).toBe('Renamed in the editor');
    s.projects.rename(p.id, 'Renamed in the list');
    expect(s.projects.open(p.id).topology.name).toBe('Renamed in the list');
    s.close();
  });

  it(`keeps at most ${MAX_VERSIONS} versions and deleting a project removes its versions`, () => {
    const s = openStore({ dataDir: tmp() });
    const p = s.projects.create('P');
    const t = checkout();
    for (let i = 0; i < MAX_VERSIONS + 5; i++) s.projects.save(p.id, t, 'explicit');
    expect(s.projects.versions(p.id)).toHaveLength(MAX_VERSIONS);
    s.projects.delete(p.id);
    expect(s.db.prepare('SELECT count(*) FROM project_versions').pluck().get()).toBe(0);
    s.close();
  });

  it('validates topology JSON read back from SQLite and names the project', () => {
    const s = openStore({ dataDir: tmp() });
    const p = s.projects.create('P');
    s.db.prepare("UPDATE projects SET topology = json_set(topology, '$.schemaVersion', 99) WHERE id = ?").run(p.id);
    expect(() => s.projects.open(p.id)).toThrow(new RegExp(`project "${p.id}"`));
    s.close();
  });
});

describe('data folder', () => {
  it('prefers --data-dir, then EVENTFLOW_DATA_DIR, then the per-OS default', () => {
    expect(resolveDataDir({ argv: ['--data-dir', 'd'], env: { EVENTFLOW_DATA_DIR: '/e' }, cwd: '/w' })).toBe(path.resolve('/w', 'd'));
    expect(resolveDataDir({ argv: ['--data-dir=/x'], env: {}, cwd: '/w' })).toBe('/x');
    expect(resolveDataDir({ argv: [], env: { EVENTFLOW_DATA_DIR: '/e' }, cwd: '/w' })).toBe('/e');
    expect(resolveDataDir({ argv: [], env: {}, platform: 'linux', home: '/home/u' })).toBe('/home/u/.local/share/eventflow-studio');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/xdg' }, '/home/u')).toBe('/xdg/eventflow-studio');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'relative' }, '/home/u')).toBe('/home/u/.local/share/eventflow-studio');
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/EventFlow Studio');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\EventFlow Studio');
  });
});
