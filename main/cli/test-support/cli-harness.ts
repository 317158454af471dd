/**
 * For CLI tests: a private working folder (removed after the file's tests) and `cli(...argv)`, which
 * runs a command there through the real `runCli` and gives its exit code and what it printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { runCli } from '../cli';
import type { CliIo } from '../command';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export interface CliHarness {
  /** the working folder of the commands (io.cwd) */
  dir: string;
  cli: (...argv: string[]) => Promise<CliRun>;
}

/** the AsyncAPI documents of tests/fixtures/asyncapi */
export const ASYNCAPI_FIXTURES = path.resolve(__dirname, '../../../tests/fixtures/asyncapi');

/** Call at the top of a test file: `prefix` names the temporary folder. */
export function cliHarness(prefix: string): CliHarness {
  const dir = mkdtempSync(path.join(tmpdir(), `eventflow-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = async (...argv: string[]): Promise<CliRun> => {
    let out = '';
    let err = '';
    const io: CliIo = { out: (s) => { out += s; }, err: (s) => { err += s; }, isTty: false, columns: 100, cwd: dir, now: () => 0, interrupted: { value: false } };
    return { code: await runCli(argv, io), out, err };
  };
  return { dir, cli };
}
