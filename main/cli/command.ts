/**
 * The CLI's building blocks. A command is one file in ./commands exporting a CliCommand and
 * one line in ./commands/index.ts. Commands write through `io` (never console/process
 * directly) so tests run them in-process, and report failure by throwing CliError with an
 * exit code from ExitCode (documented in docs/cli.md).
 */

/** Exit codes (BSD sysexits where one fits). Keep docs/cli.md in sync. */
export const ExitCode = {
  ok: 0,
  /** the command ran but its verdict is negative (e.g. `validate` found problems) */
  failed: 1,
  /** unknown command or option, missing or malformed argument */
  usage: 64,
  /** the input file was read but is invalid (JSON, schema, cross-references) */
  dataError: 65,
  /** an input file does not exist or cannot be read */
  noInput: 66,
  /** a feature this command needs is not available in this build */
  unavailable: 69,
  /** unexpected internal error (a bug): please report with the stack trace */
  internal: 70,
  /** an output file cannot be written */
  cantCreate: 73,
  /** interrupted (Ctrl+C) */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class CliError extends Error {
  constructor(readonly exitCode: ExitCode, message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Where a command writes and what it may ask of the environment. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress bars and colours are welcome */
  readonly isTty: boolean;
  /** columns of the terminal (80 when unknown) */
  readonly columns: number;
  /** current working directory for relative paths */
  readonly cwd: string;
  /** wall clock in ms (performance.now) */
  now(): number;
  /** set when the user interrupts (Ctrl+C); long commands check it between slices of work */
  readonly interrupted: { value: boolean };
  /** environment variables (EVENTFLOW_DATA_DIR, XDG_DATA_HOME...); process.env when omitted */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface CliCommand {
  name: string;
  /** one line for `eventflow help` */
  summary: string;
  /** usage text for `eventflow help <name>` and usage errors */
  usage: string;
  run(args: readonly string[], io: CliIo): Promise<ExitCode>;
}
