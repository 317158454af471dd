/** Write command output atomically (temp file + rename): a failed or interrupted export never leaves half a file. */
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError, ExitCode } from './command';

export function writeOutputFile(abs: string, text: string, force = true): void {
  try {
    if (!force && existsSync(abs)) throw new CliError(ExitCode.cantCreate, `${abs} exists: pass --force to overwrite it`);
    if (existsSync(abs) && statSync(abs).isDirectory()) throw new CliError(ExitCode.cantCreate, `${abs} is a directory`);
    mkdirSync(path.dirname(abs), { recursive: true });
    const tmp = `${abs}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, text, 'utf8');
      renameSync(tmp, abs);
    } finally {
      rmSync(tmp, { force: true });
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(ExitCode.cantCreate, `cannot write ${abs}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
