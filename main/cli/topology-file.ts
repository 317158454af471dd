/** Read and validate a .eventflow.json file for CLI commands, with exit codes for each failure. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Topology } from '../../shared/model/topology';
import { parseTopologyText } from '../../shared/model/validate';
import { CliError, ExitCode } from './command';

export function readInputText(file: string, cwd: string): { text: string; abs: string } {
  const abs = path.resolve(cwd, file);
  try {
    if (statSync(abs).isDirectory()) throw new CliError(ExitCode.noInput, `${file} is a directory, not a topology file`);
    return { text: readFileSync(abs, 'utf8'), abs };
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(ExitCode.noInput, code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? (e as Error).message})`);
  }
}

export function readTopologyFile(file: string, cwd: string): Topology {
  const { text } = readInputText(file, cwd);
  const r = parseTopologyText(text);
  if (!r.ok) {
    const lines = r.issues.map((i) => `  ${file}: ${i.path}: ${i.message}`);
    throw new CliError(ExitCode.dataError, `${file} is not a valid topology (${r.issues.length} problem${r.issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
  }
  return r.value;
}
