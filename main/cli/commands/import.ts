/** `eventflow import`: an AsyncAPI 2.x/3.x document (YAML or JSON) to a .eventflow.json topology. */
import path from 'node:path';
import { formatProblem, importAsyncApi } from '../../../shared/export/asyncapi/import';
import { topologyJson } from '../../../shared/export/topology-json';
import { optionValue, parseArgs } from '../args';
import { CliError, ExitCode } from '../command';
import type { CliCommand } from '../command';
import { writeOutputFile } from '../output-file';
import { fileRefs } from '../external-refs';
import { printable } from '../printable';
import { readInputText } from '../topology-file';

const usage = `usage: eventflow import <asyncapi.yaml|asyncapi.json> [--out topology.eventflow.json] [--force] [--json]

  Builds a topology: servers -> broker technology, channels -> topics/queues/buses,
  operations -> producers/services with publish/subscribe edges, messages -> event types.
  --out <file>   write the topology here (default: stdout); nothing is written on errors
  --force        overwrite an existing --out file
  --json         print problems as JSON ({ ok, problems: [{severity, message, pointer, line, column}] }) on stdout`;

const spec = { out: { value: true }, force: {}, json: {} };

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import an AsyncAPI 2.x/3.x document as a topology (.eventflow.json)',
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, spec, usage);
    const [file, extra] = args.positional;
    if (file === undefined || extra !== undefined) throw new CliError(ExitCode.usage, usage);
    const { text, abs: input } = readInputText(file, io.cwd);
    const r = importAsyncApi(text, { externalRefs: fileRefs(input) });
    const json = args.flags.has('json');
    const rel = path.relative(io.cwd, path.resolve(io.cwd, file)) || file;
    if (json) io.out(JSON.stringify({ ok: r.ok, problems: r.problems }, null, 2) + '\n');
    else for (const p of r.problems) io.err(`${printable(formatProblem(p, rel))}\n`);
    if (!r.ok) {
      if (!json) io.err(`${rel}: not imported (${r.problems.filter((p) => p.severity === 'error').length} error(s)); nothing written\n`);
      return ExitCode.dataError;
    }
    const out = optionValue(args, 'out');
    const content = topologyJson(r.topology);
    if (out === undefined) {
      if (!json) io.out(content);
      return ExitCode.ok;
    }
    const abs = path.resolve(io.cwd, out);
    writeOutputFile(abs, content, args.flags.has('force'));
    io.err(`imported ${r.topology.nodes.length} nodes, ${r.topology.edges.length} edges, ${r.topology.eventTypes.length} event types from AsyncAPI ${r.version} into ${path.relative(io.cwd, abs)}\n`);
    return ExitCode.ok;
  },
};
