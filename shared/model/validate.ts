import type { z } from 'zod';
import { migrateTopology } from './migrations';
import { Topology } from './topology';

/** A problem with its place in the document, e.g. `nodes[3].settings.partitions`. */
export interface ModelIssue {
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: ModelIssue[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out || '(root)';
}

export function issuesFromZod(error: z.ZodError, data?: unknown): ModelIssue[] {
  return error.issues.slice(0, 50).map((i) => ({ path: formatPath(i.path), message: withValue(i.message, i.path, data) }));
}

/** "Invalid discriminator value…" says what was expected; add what the file had. */
function withValue(message: string, path: readonly PropertyKey[], data: unknown): string {
  if (data === undefined || !message.startsWith('Invalid discriminator value')) return message;
  let v: unknown = data;
  for (const p of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  const what = path[path.length - 1] === 'kind' && path[0] === 'nodes' && path.length === 3 ? 'node kind' : String(path[path.length - 1] ?? 'value');
  return v === undefined ? `${what} is missing. ${message.replace('Invalid discriminator value. ', '')}` : `unknown ${what} ${JSON.stringify(v)}. ${message.replace('Invalid discriminator value. ', '')}`;
}

/** Parse untrusted data (file, IPC, SQLite, CLI) into a valid, migrated topology. */
export function parseTopology(data: unknown): ParseResult<Topology> {
  const migrated = migrateTopology(data);
  if (!migrated.ok) return migrated;
  const r = Topology.safeParse(migrated.value);
  if (!r.success) return { ok: false, issues: issuesFromZod(r.error, migrated.value) };
  return { ok: true, value: r.data };
}

/** Parse JSON text with a size limit; errors name the line/column when JSON is malformed. */
export function parseTopologyText(text: string, maxBytes = 20 * 1024 * 1024): ParseResult<Topology> {
  if (text.length > maxBytes) {
    return { ok: false, issues: [{ path: '(file)', message: `file is ${(text.length / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(0)} MB` }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ path: '(file)', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  return parseTopology(data);
}

export function formatIssues(issues: readonly ModelIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}
