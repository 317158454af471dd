import type { IssueLike } from './plain-issue';
import { plainIssue } from './plain-issue';

/** Immutable get/set by path (['settings', 'retry', 'maxAttempts']) for inspector forms. */
export type Path = readonly (string | number)[];

export function getIn(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

export function setIn<T>(obj: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const cur = (obj ?? {}) as Record<string | number, unknown>;
  const next = setIn(cur[head], rest, value);
  if (Array.isArray(cur)) {
    const copy = cur.slice();
    copy[head as number] = next;
    return copy as T;
  }
  return { ...cur, [head]: next } as T;
}

export const pathKey = (path: Path): string => path.join('.');

/** The first zod issue at (or under) a path, as a message. */
export function issueAt(issues: readonly (IssueLike & { path: readonly PropertyKey[] })[], path: Path): string | undefined {
  const hit = issues.find((i) => path.every((p, k) => i.path[k] === p)) ?? issues[0];
  return hit ? plainIssue(hit) : undefined;
}
