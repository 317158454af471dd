/** Dispatch argv to a registered command; turn errors into messages and exit codes. */
import { performance } from 'node:perf_hooks';
import { CliError, ExitCode } from './command';
import type { CliIo } from './command';
import { commands } from './commands';
import { printable } from './printable';

export const CLI_NAME = 'eventflow';

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `usage: ${CLI_NAME} <command> [options]`,
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `${CLI_NAME} help <command>   options of one command`,
    'exit codes: docs/cli.md',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = rest[0];
    const cmd = topic === undefined ? undefined : commands.find((c) => c.name === topic);
    if (topic !== undefined && cmd === undefined) {
      io.err(`${CLI_NAME}: unknown command "${topic}"\n\n${helpText()}\n`);
      return ExitCode.usage;
    }
    io.out(`${cmd ? cmd.usage : helpText()}\n`);
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === 'version') {
    io.out('eventflow 0.1.0\n');
    return ExitCode.ok;
  }
  const cmd = commands.find((c) => c.name === name);
  if (cmd === undefined) {
    io.err(`${CLI_NAME}: unknown command "${name}"\n\n${helpText()}\n`);
    return ExitCode.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${cmd.usage}\n`);
    return ExitCode.ok;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`${CLI_NAME} ${cmd.name}: ${printable(e.message)}\n`);
      return e.exitCode;
    }
    io.err(`${CLI_NAME} ${cmd.name}: internal error (please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return ExitCode.internal;
  }
}

/** The real terminal. */
export function nodeIo(): CliIo {
  const interrupted = { value: false };
  process.once('SIGINT', () => {
    interrupted.value = true;
  });
  // `eventflow ... | head`: the reader went away — stop quietly, as Unix tools do
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      interrupted.value = true;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    isTty: process.stderr.isTTY === true,
    columns: process.stderr.columns ?? 80,
    cwd: process.cwd(),
    now: () => performance.now(),
    interrupted,
    env: process.env,
  };
}
