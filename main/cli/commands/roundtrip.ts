/** `eventflow roundtrip`: import an AsyncAPI document, export it again and say what did not come back. */
import path from 'node:path';
import { formatProblem } from '../../../shared/export/asyncapi/import';
import { formatRoundtrip, roundtripAsyncApi } from '../../../shared/export/asyncapi/roundtrip';
import { parseArgs } from '../args';
import { CliError, ExitCode } from '../command';
import type { CliCommand } from '../command';
import { fileRefs } from '../external-refs';
import { printable } from '../printable';
import { readInputText } from '../topology-file';

const usage = `usage: eventflow roundtrip <asyncapi.yaml|asyncapi.json> [--json]

  Imports the document, exports the topology and compares the two documents semantically
  (references resolved, map order ignored): channels, addresses, operations and their actions,
  messages, payload schemas, bindings, servers, parameters, replies. Prints every difference with
  its JSON pointer. $refs to other files are followed (relative to the document).
  --json   print the report as JSON ({ ok, report: { constructs, kept, differences, ... }, problems })
  exit 0: nothing lost without an explanation; 1: an unexplained loss; 65: the document does not import`;

const spec = { json: {} };

export const roundtripCommand: CliCommand = {
  name: 'roundtrip',
  summary: 'import then export an AsyncAPI document and list every difference (exit 1 on an unexplained loss)',
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, spec, usage);
    const [file, extra] = args.positional;
    if (file === undefined || extra !== undefined) throw new CliError(ExitCode.usage, usage);
    const { text, abs } = readInputText(file, io.cwd);
    const rel = path.relative(io.cwd, abs) || file;
    const r = roundtripAsyncApi(text, { externalRefs: fileRefs(abs) });
    const json = args.flags.has('json');
    if (!r.ok) {
      if (json) io.out(JSON.stringify({ ok: false, problems: r.problems }, null, 2) + '\n');
      else {
        for (const p of r.problems.filter((x) => x.severity === 'error')) io.err(`${printable(formatProblem(p, rel))}\n`);
        io.err(`${rel}: does not import; nothing compared\n`);
      }
      return ExitCode.dataError;
    }
    if (json) io.out(JSON.stringify({ ok: r.report.ok, report: r.report, problems: r.problems }, null, 2) + '\n');
    else for (const line of formatRoundtrip(r.report)) io.out(`${printable(line)}\n`);
    return r.report.ok ? ExitCode.ok : ExitCode.failed;
  },
};
