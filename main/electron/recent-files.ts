import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFileAtomic } from './json-file';

/** Recently opened/saved .eventflow.json files (userData/recent-files.json), newest first. */

export const TOPOLOGY_FILE_EXTENSION = '.eventflow.json';
export const MAX_RECENT_FILES = 10;

export const RecentFile = z.object({
  path: z.string().min(1).max(4096),
  openedAt: z.iso.datetime(),
});
export type RecentFile = z.infer<typeof RecentFile>;

export function isTopologyFilePath(p: string): boolean {
  return path.isAbsolute(p) && p.toLowerCase().endsWith(TOPOLOGY_FILE_EXTENSION) && !p.includes('\0');
}

/** Keeps the valid entries of a stored list (one bad entry does not lose the others). */
export function parseRecentFiles(data: unknown): RecentFile[] {
  if (!Array.isArray(data)) return [];
  const seen = new Set<string>();
  const list: RecentFile[] = [];
  for (const item of data) {
    const r = RecentFile.safeParse(item);
    if (!r.success || !isTopologyFilePath(r.data.path)) continue;
    const key = samePathKey(r.data.path);
    if (seen.has(key)) continue;
    seen.add(key);
    list.push(r.data);
  }
  return list.slice(0, MAX_RECENT_FILES);
}

/** Paths differ only in case on macOS and Windows file systems (by default). */
function samePathKey(p: string, platform: NodeJS.Platform = process.platform): string {
  const n = path.normalize(p);
  return platform === 'linux' ? n : n.toLowerCase();
}

/** Moves (or adds) a file to the top, capped at MAX_RECENT_FILES. Returns a new list. */
export function addRecentFile(list: readonly RecentFile[], filePath: string, now: Date = new Date()): RecentFile[] {
  if (!isTopologyFilePath(filePath)) return [...list];
  const key = samePathKey(filePath);
  const rest = list.filter((f) => samePathKey(f.path) !== key);
  return [{ path: path.normalize(filePath), openedAt: now.toISOString() }, ...rest].slice(0, MAX_RECENT_FILES);
}

export function removeRecentFile(list: readonly RecentFile[], filePath: string): RecentFile[] {
  const key = samePathKey(filePath);
  return list.filter((f) => samePathKey(f.path) !== key);
}

/** Menu label: file name, with the folder when two recent files share a name. */
export function recentFileLabels(list: readonly RecentFile[]): string[] {
  const names = list.map((f) => path.basename(f.path));
  return list.map((f, i) => (names.indexOf(names[i]) !== names.lastIndexOf(names[i]) ? `${names[i]} — ${path.dirname(f.path)}` : names[i]));
}

export function loadRecentFiles(file: string): RecentFile[] {
  return parseRecentFiles(readJsonFile(file));
}

export function saveRecentFiles(file: string, list: readonly RecentFile[]): void {
  writeJsonFileAtomic(file, parseRecentFiles(list));
}
