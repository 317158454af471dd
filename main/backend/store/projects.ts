import type { Database, Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/define';
import type { Project, ProjectSummary } from '../../../shared/api/types';
import { emptyTemplate } from '../../../shared/model/templates';
import type { Topology } from '../../../shared/model/topology';
import { formatIssues, parseTopology } from '../../../shared/model/validate';

/** How many earlier versions an explicit save keeps per project. */
export const MAX_VERSIONS = 200;

export interface ProjectVersionSummary {
  versionId: number;
  savedAt: string;
  name: string;
  nodeCount: number;
  edgeCount: number;
}

interface ProjectRow {
  id: string;
  name: string;
  topology: string;
  node_count: number;
  edge_count: number;
  revision: number;
  created_at: string;
  updated_at: string;
}
type SummaryRow = Omit<ProjectRow, 'topology'>;
interface VersionRow {
  id: number;
  name: string;
  topology: string;
  node_count: number;
  edge_count: number;
  saved_at: string;
}

const summaryOf = (r: SummaryRow): ProjectSummary => ({ id: r.id, name: r.name, createdAt: r.created_at, updatedAt: r.updated_at, nodeCount: r.node_count, edgeCount: r.edge_count });

/** Topology JSON coming back from SQLite crosses a boundary too: validate (and migrate) it. */
function readTopology(json: string, where: string): Topology {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new ApiError('internal', `${where}: stored topology is not JSON (${(e as Error).message})`);
  }
  const r = parseTopology(data);
  if (!r.ok) throw new ApiError('internal', `${where}: stored topology is invalid:\n${formatIssues(r.issues)}`, r.issues);
  return r.value;
}

function defaultTopology(name: string): Topology {
  const r = parseTopology(emptyTemplate(name));
  if (!r.ok) throw new Error(`the empty template is invalid: ${formatIssues(r.issues)}`);
  return r.value;
}

/**
 * Projects and their version history in SQLite. Every write is one transaction, so a crash
 * leaves either the old or the new state, never half of one.
 */
export class ProjectRepository {
  private readonly q: Record<string, Statement>;
  private lastStamp = '';

  constructor(private readonly db: Database) {
    this.q = {
      list: db.prepare('SELECT id, name, node_count, edge_count, revision, created_at, updated_at FROM projects ORDER BY updated_at DESC, rowid DESC'),
      get: db.prepare('SELECT * FROM projects WHERE id = ?'),
      insert: db.prepare('INSERT INTO projects (id, name, topology, node_count, edge_count, revision, created_at, updated_at) VALUES (@id, @name, @topology, @node_count, @edge_count, 1, @now, @now)'),
      rename: db.prepare('UPDATE projects SET name = @name, topology = json_set(topology, \'$.name\', @name), updated_at = @now WHERE id = @id'),
      remove: db.prepare('DELETE FROM projects WHERE id = ?'),
      // the project's name is its topology's name: renaming in the editor renames the project
      write: db.prepare('UPDATE projects SET name = @name, topology = @topology, node_count = @node_count, edge_count = @edge_count, revision = revision + 1, updated_at = @now WHERE id = @id'),
      keepVersion: db.prepare('INSERT INTO project_versions (project_id, name, topology, node_count, edge_count, saved_at) SELECT id, name, topology, node_count, edge_count, updated_at FROM projects WHERE id = ?'),
      prune: db.prepare('DELETE FROM project_versions WHERE project_id = @id AND id NOT IN (SELECT id FROM project_versions WHERE project_id = @id ORDER BY id DESC LIMIT @keep)'),
      versions: db.prepare('SELECT id, name, node_count, edge_count, saved_at FROM project_versions WHERE project_id = ? ORDER BY id DESC'),
      version: db.prepare('SELECT * FROM project_versions WHERE project_id = ? AND id = ?'),
    };
  }

  /** ISO time, strictly increasing within this process so "most recent first" is stable. */
  private now(): string {
    let stamp = new Date().toISOString();
    if (stamp <= this.lastStamp) stamp = new Date(Date.parse(this.lastStamp) + 1).toISOString();
    this.lastStamp = stamp;
    return stamp;
  }

  private row(id: string): ProjectRow {
    const r = this.q.get.get(id) as ProjectRow | undefined;
    if (!r) throw new ApiError('not-found', `no project with id "${id}"`);
    return r;
  }

  list(): ProjectSummary[] {
    return (this.q.list.all() as SummaryRow[]).map(summaryOf);
  }

  open(id: string): Project {
    const r = this.row(id);
    return { ...summaryOf(r), revision: r.revision, topology: readTopology(r.topology, `project "${id}"`) };
  }

  create(name: string, topology?: Topology): Project {
    const t: Topology = { ...(topology ?? defaultTopology(name)), name };
    const id = randomUUID();
    this.q.insert.run({ id, name, topology: JSON.stringify(t), node_count: t.nodes.length, edge_count: t.edges.length, now: this.now() });
    return this.open(id);
  }

  rename(id: string, name: string): ProjectSummary {
    const info = this.q.rename.run({ id, name, now: this.now() });
    if (info.changes === 0) throw new ApiError('not-found', `no project with id "${id}"`);
    return summaryOf(this.row(id));
  }

  delete(id: string): boolean {
    return this.q.remove.run(id).changes > 0;
  }

  /** explicit: the previous topology goes to the history first; autosave overwrites in place. */
  save(id: string, topology: Topology, kind: 'explicit' | 'autosave'): { revision: number; updatedAt: string } {
    return this.db.transaction(() => {
      this.row(id);
      if (kind === 'explicit') this.keepCurrentAsVersion(id);
      const now = this.now();
      this.q.write.run({ id, name: topology.name, topology: JSON.stringify(topology), node_count: topology.nodes.length, edge_count: topology.edges.length, now });
      const r = this.row(id);
      return { revision: r.revision, updatedAt: r.updated_at };
    }).immediate();
  }

  versions(id: string): ProjectVersionSummary[] {
    this.row(id);
    return (this.q.versions.all(id) as Omit<VersionRow, 'topology'>[]).map((v) => ({ versionId: v.id, savedAt: v.saved_at, name: v.name, nodeCount: v.node_count, edgeCount: v.edge_count }));
  }

  /** The chosen version becomes current; the current one is kept as a version (nothing lost). */
  restoreVersion(id: string, versionId: number): Project {
    this.db.transaction(() => {
      this.row(id);
      const v = this.q.version.get(id, versionId) as VersionRow | undefined;
      if (!v) throw new ApiError('not-found', `project "${id}" has no version ${versionId}`);
      const topology = readTopology(v.topology, `version ${versionId} of project "${id}"`);
      this.keepCurrentAsVersion(id);
      this.q.write.run({ id, name: topology.name, topology: JSON.stringify(topology), node_count: v.node_count, edge_count: v.edge_count, now: this.now() });
    }).immediate();
    return this.open(id);
  }

  private keepCurrentAsVersion(id: string): void {
    this.q.keepVersion.run(id);
    this.q.prune.run({ id, keep: MAX_VERSIONS });
  }
}
