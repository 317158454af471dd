/** `eventflow export`: a topology file to AsyncAPI, JSON, Mermaid, SVG, Kafka scripts/Strimzi or docker-compose. */
import path from 'node:path';
import { EXPORT_FORMATS, docVersionProblem, exportFormat } from '../../../shared/export/formats';
import type { ExportOptions } from '../../../shared/export/formats';
import { optionValue, parseArgs } from '../args';
import { CliError, ExitCode } from '../command';
import type { CliCommand } from '../command';
import { writeOutputFile } from '../output-file';
import { readTopologyFile } from '../topology-file';

const usage = `usage: eventflow export <topology.eventflow.json> --format <format> [options]

  --format <f>        ${EXPORT_FORMATS.map((f) => f.id).join(' | ')}
${EXPORT_FORMATS.map((f) => `                        ${f.id.padEnd(14)} ${f.label}`).join('\n')}
  --out <path>        file to write (a folder with --per-service); default: stdout
  --per-service       AsyncAPI: one document per producer/service instead of one per project
                      (an imported topology: each service's part of the imported document)
  --doc-version <v>   AsyncAPI: the document version (info.version); overrides an imported
                      document's own (default: the imported one, else 1.0.0)
  --theme light|dark  SVG colours (default light)
  --select <ids>      SVG/Mermaid: only these node ids (comma-separated)
  --force             overwrite existing files`;

const spec = { format: { value: true }, out: { value: true }, 'per-service': {}, 'doc-version': { value: true }, theme: { value: true }, select: { value: true }, force: {} };

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export a topology to AsyncAPI 3, JSON, Mermaid, SVG, Kafka/Strimzi or docker-compose',
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, spec, usage);
    const [file, extra] = args.positional;
    if (file === undefined || extra !== undefined) throw new CliError(ExitCode.usage, usage);
    const formatId = optionValue(args, 'format');
    if (formatId === undefined) throw new CliError(ExitCode.usage, `--format is required\n\n${usage}`);
    const format = exportFormat(formatId);
    if (!format) throw new CliError(ExitCode.usage, `unknown format "${formatId}": use ${EXPORT_FORMATS.map((f) => f.id).join(', ')}`);
    const theme = optionValue(args, 'theme') ?? 'light';
    if (theme !== 'light' && theme !== 'dark') throw new CliError(ExitCode.usage, `--theme must be light or dark`);
    const topology = readTopologyFile(file, io.cwd);
    const options: ExportOptions = { perService: args.flags.has('per-service'), theme };
    const docVersion = optionValue(args, 'doc-version');
    if (docVersion !== undefined) {
      const why = docVersionProblem(docVersion);
      if (why) throw new CliError(ExitCode.usage, `--doc-version "${docVersion.slice(0, 60)}": ${why}`);
      if (!format.id.startsWith('asyncapi')) throw new CliError(ExitCode.usage, `--doc-version applies to the AsyncAPI formats, not ${format.id}`);
      options.docVersion = docVersion;
    }
    const select = optionValue(args, 'select');
    if (select !== undefined) {
      const ids = select.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = ids.filter((id) => !topology.nodes.some((n) => n.id === id));
      if (unknown.length > 0) throw new CliError(ExitCode.usage, `--select: no node ${unknown.map((u) => `"${u}"`).join(', ')} in ${file}`);
      options.selection = ids;
    }
    const result = format.produce(topology, options);
    for (const w of result.warnings) io.err(`warning: ${w}\n`);
    if (result.files.length === 0) throw new CliError(ExitCode.failed, `nothing to export: ${file} has no ${options.perService ? 'application with operations' : 'content'} for ${format.label}`);
    const out = optionValue(args, 'out');
    const force = args.flags.has('force');
    if (out === undefined) {
      if (result.files.length > 1) throw new CliError(ExitCode.usage, `${result.files.length} files to write: give a folder with --out`);
      io.out(result.files[0]!.text);
      return ExitCode.ok;
    }
    const target = path.resolve(io.cwd, out);
    if (result.files.length === 1 && !options.perService) {
      writeOutputFile(target, result.files[0]!.text, force);
      io.err(`wrote ${path.relative(io.cwd, target) || target}\n`);
      return ExitCode.ok;
    }
    // several files: names come from the format (sanitized, never a path) inside --out
    for (const f of result.files) {
      const abs = path.join(target, path.basename(f.name));
      writeOutputFile(abs, f.text, force);
      io.err(`wrote ${path.relative(io.cwd, abs)}\n`);
    }
    return ExitCode.ok;
  },
};
