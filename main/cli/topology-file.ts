/** Read and validate input files for CLI commands, with exit codes for each failure. */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Topology } from '../../shared/model/topology';
import { parseTopologyText } from '../../shared/model/validate';
import { CliError, ExitCode } from './command';
import { fsReason } from './fs-reason';

/** above every parser's own limit: a bigger file is refused before it is read into memory */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export function readInputText(file: string, cwd: string): { text: string; abs: string } {
  const abs = path.resolve(cwd, file);
  let fd: number;
  try {
    // open first, then fstat the open file: no window for a swap between check and read;
    // O_NONBLOCK so opening a FIFO does not wait for a writer (no effect on regular files)
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(ExitCode.noInput, code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read: ${fsReason(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new CliError(ExitCode.noInput, `${file} is a directory, not a file`);
    // a FIFO, socket or device (/dev/zero) would block or never end
    if (!st.isFile()) throw new CliError(ExitCode.noInput, `${file} is not a regular file (a device, pipe or socket)`);
    if (st.size > MAX_INPUT_BYTES) {
      throw new CliError(ExitCode.dataError, `${file} is ${(st.size / 1048576).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB`);
    }
    return { text: readFileSync(fd, 'utf8'), abs };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(ExitCode.noInput, `${file}: cannot read: ${fsReason(e)}`);
  } finally {
    closeSync(fd);
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
