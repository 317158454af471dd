import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Topology } from '../../shared/model';
import { formatIssues, parseTopologyText } from '../../shared/model';
import { TOPOLOGY_FILE_EXTENSION } from './recent-files';

/** Reading and writing .eventflow.json files chosen in native dialogs or opened from the OS. */

export const MAX_TOPOLOGY_FILE_BYTES = 20 * 1024 * 1024;
const MAX_ISSUES_SHOWN = 8;

export type TopologyFileResult =
  | { ok: true; path: string; topology: Topology; suggestedName: string }
  | { ok: false; path: string; title: string; detail: string; missing: boolean };

/** Project name for a file: its topology's name, or the file name without the extension. */
export function nameFromPath(filePath: string): string {
  const base = path.basename(filePath);
  return base.toLowerCase().endsWith(TOPOLOGY_FILE_EXTENSION) ? base.slice(0, -TOPOLOGY_FILE_EXTENSION.length) || base : base;
}

export async function readTopologyFile(filePath: string): Promise<TopologyFileResult> {
  const fail = (title: string, detail: string, missing = false): TopologyFileResult => ({ ok: false, path: filePath, title, detail, missing });
  const shown = path.basename(filePath);
  let text: string;
  try {
    const stat = await fs.stat(filePath);
    if (!stat.isFile()) return fail(`“${shown}” is not a file.`, filePath);
    if (stat.size > MAX_TOPOLOGY_FILE_BYTES) return fail(`“${shown}” is too large to be a topology.`, `${(stat.size / 1048576).toFixed(1)} MB; the limit is ${MAX_TOPOLOGY_FILE_BYTES / 1048576} MB.`);
    text = await fs.readFile(filePath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(`“${shown}” no longer exists.`, filePath, true);
    return fail(`“${shown}” could not be read.`, `${filePath}\n${(e as Error).message}`);
  }
  const parsed = parseTopologyText(text, MAX_TOPOLOGY_FILE_BYTES);
  if (!parsed.ok) {
    const more = parsed.issues.length > MAX_ISSUES_SHOWN ? `\n… and ${parsed.issues.length - MAX_ISSUES_SHOWN} more` : '';
    return fail(`“${shown}” is not a valid EventFlow topology.`, `${formatIssues(parsed.issues.slice(0, MAX_ISSUES_SHOWN))}${more}`);
  }
  return { ok: true, path: filePath, topology: parsed.value, suggestedName: parsed.value.name || nameFromPath(filePath) };
}

/** Adds the extension when the user typed a bare name in the save dialog. */
export function withTopologyExtension(filePath: string): string {
  return filePath.toLowerCase().endsWith(TOPOLOGY_FILE_EXTENSION) ? filePath : `${filePath.replace(/\.json$/i, '')}${TOPOLOGY_FILE_EXTENSION}`;
}

/** Writes beside the target then renames, so a crash never leaves a half-written file. */
export async function writeTopologyFile(filePath: string, topology: Topology): Promise<string> {
  const target = withTopologyExtension(filePath);
  const tmp = `${target}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(topology, null, 2)}\n`, 'utf8');
  await fs.rename(tmp, target);
  return target;
}

/** .eventflow.json paths among command-line arguments (file association on Windows/Linux). */
export function topologyPathsInArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .filter((a) => !a.startsWith('-') && a.toLowerCase().endsWith(TOPOLOGY_FILE_EXTENSION))
    .map((a) => path.resolve(cwd, a));
}

/** A name usable as a file name on every OS (no separators, reserved or control characters). */
export function safeFileName(name: string): string {
  const cleaned = [...name].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '-' : ch)).join('');
  return cleaned.replace(/-+/g, '-').trim().replace(/^\.+/, '') || 'topology';
}
