/**
 * `eventflow validate`: schema + lint of a topology file (or an import check of an AsyncAPI
 * document). Exit 0 when clean (warnings allowed), 1 when lint finds errors, 65 when the file is
 * not a valid topology/document. `--json` prints a machine-readable report on stdout.
 */
import path from 'node:path';
import { asyncApiMajor, importAsyncApi, looksLikeAsyncApi } from '../../../shared/export/asyncapi/import';
import { readSource } from '../../../shared/export/source-doc';
import { lintSummary, lintTopology } from '../../../shared/model/lint';
import type { LintProblem } from '../../../shared/model/lint';
import { parseTopologyText } from '../../../shared/model/validate';
import { parseArgs } from '../args';
import { CliError, ExitCode } from '../command';
import type { CliCommand } from '../command';
import { asyncApiDiagnostics } from '../asyncapi-parser';
import { printable } from '../printable';
import { readInputText } from '../topology-file';

const usage = `usage: eventflow validate <file> [--json]

  <file>   a .eventflow.json topology (schema + lint) or an AsyncAPI document
           (@asyncapi/parser diagnostics of severity error + EventFlow import check + lint)
  --json   print { file, kind, valid, schema: [...], lint: [...] } on stdout
  exit: 0 valid, 1 lint errors, 65 invalid file`;

interface Report {
  file: string;
  kind: 'topology' | 'asyncapi';
  valid: boolean;
  schema: { path: string; message: string; line?: number; column?: number; severity?: string }[];
  lint: LintProblem[];
}

/**
 * @asyncapi/parser is not hardened against hostile input (an alias bomb hangs it, a version that
 * is not a string crashes it): it only sees documents our own reader accepted (size, depth,
 * aliases) with a version it knows; the import check has already said what is wrong otherwise.
 */
function parserCanRead(text: string): boolean {
  const src = readSource(text);
  return src.ok && typeof src.doc.data === 'object' && src.doc.data !== null && asyncApiMajor((src.doc.data as Record<string, unknown>)['asyncapi']) !== undefined;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a topology (schema + lint) or an AsyncAPI document; non-zero exit on errors',
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, { json: {} }, usage);
    const [file, extra] = args.positional;
    if (file === undefined || extra !== undefined) throw new CliError(ExitCode.usage, usage);
    const { text } = readInputText(file, io.cwd);
    const rel = path.relative(io.cwd, path.resolve(io.cwd, file)) || file;
    const json = args.flags.has('json');
    let report: Report;
    if (looksLikeAsyncApi(text)) {
      const r = importAsyncApi(text);
      report = {
        file: rel, kind: 'asyncapi', valid: r.ok,
        schema: r.problems.map((p) => ({ path: p.pointer || '(document)', message: p.message, severity: p.severity, ...(p.line !== undefined ? { line: p.line, column: p.column } : {}) })),
        lint: r.ok ? lintTopology(r.topology) : [],
      };
      const diagnostics = parserCanRead(text) ? ((await asyncApiDiagnostics(text)) ?? []) : [];
      for (const d of diagnostics.filter((x) => x.severity === 0)) {
        const line = d.range ? d.range.start.line + 1 : undefined;
        report.schema.push({ path: '/' + d.path.join('/'), message: `${d.code}: ${d.message}`, severity: 'error', ...(line !== undefined ? { line, column: (d.range?.start.character ?? 0) + 1 } : {}) });
        report.valid = false;
      }
      if (!json) for (const p of report.schema) io.out(printable(`${rel}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''} ${p.path}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}\n`));
    } else {
      const r = parseTopologyText(text);
      report = { file: rel, kind: 'topology', valid: r.ok, schema: r.ok ? [] : r.issues, lint: r.ok ? lintTopology(r.value) : [] };
      if (!json && !r.ok) for (const i of r.issues) io.out(printable(`${rel}: ${i.path}: ${i.message}\n`));
    }
    if (!json) {
      for (const p of report.lint) io.out(printable(`${rel}: ${p.severity}: ${p.message} [${p.code}${p.nodeId ? ` @${p.nodeId}` : ''}${p.edgeId ? ` @${p.edgeId}` : ''}]\n`));
      io.out(report.valid ? `${rel}: ${report.kind === 'asyncapi' ? 'importable AsyncAPI document' : 'valid topology'}; lint: ${lintSummary(report.lint)}\n` : `${rel}: invalid ${report.kind}\n`);
    } else {
      io.out(JSON.stringify(report, null, 2) + '\n');
    }
    if (!report.valid) return ExitCode.dataError;
    return report.lint.some((p) => p.severity === 'error') ? ExitCode.failed : ExitCode.ok;
  },
};
