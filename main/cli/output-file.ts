/** Write command output atomically (temp file + rename): a failed or interrupted export never leaves half a file. */
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError, ExitCode } from './command';
import { fsReason } from './fs-reason';

/**
 * Refuses a target that cannot be written, before a long command does its work: an existing
 * directory, an existing file without --force, a parent that is a file.
 */
export function checkOutputTarget(abs: string, force = true): void {
  if (existsSync(abs)) {
    if (statSync(abs).isDirectory()) throw new CliError(ExitCode.cantCreate, `${abs} is a directory: give a file name`);
    if (!force) throw new CliError(ExitCode.cantCreate, `${abs} exists: pass --force to overwrite it`);
  }
  for (let dir = path.dirname(abs); ; dir = path.dirname(dir)) {
    if (existsSync(dir)) {
      if (!statSync(dir).isDirectory()) throw new CliError(ExitCode.cantCreate, `cannot write ${abs}: ${dir} is a file, not a folder`);
      return;
    }
    if (path.dirname(dir) === dir) return;
  }
}

export function writeOutputFile(abs: string, text: string, force = true): void {
  checkOutputTarget(abs, force);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, abs);
  } catch (e) {
    throw new CliError(ExitCode.cantCreate, `cannot write ${abs}: ${fsReason(e)}`);
  } finally {
    rmSync(tmp, { force: true });
  }
}
