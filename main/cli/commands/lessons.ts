/**
 * `eventflow lessons list|check`: the course as a trainer sees it, and the headless check that
 * runs each lesson's show-me path and verifies every claim (so a trainer's own lessons are
 * tested in CI like code). Exit 0 when every lesson passes, 1 when a claim fails, 65 when a
 * file is not a valid lesson.
 */
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkLesson, walkLesson } from '../../../shared/lessons/check';
import { lessonHandoutHtml } from '../../../shared/lessons/handout';
import type { LessonCheck } from '../../../shared/lessons/check';
import type { LessonIssue } from '../../../shared/lessons/loader';
import { lessonFilesIn, loadLessonFile, shippedLessonsDir } from '../../backend/lessons/lesson-library';
import { parseArgs } from '../args';
import { CliError, ExitCode } from '../command';
import type { CliCommand, CliIo } from '../command';
import { printable } from '../printable';

const usage = `usage: eventflow lessons list [DIR|FILE…] [--json]
       eventflow lessons check [FILE…|DIR] [--json]
       eventflow lessons handout FILE --out HANDOUT.html

  list    the lessons (the shipped course when no file is given): order, id, minutes, title
  check   run each lesson's "show me" path headless and verify every claim;
          files default to the shipped course (resources/lessons)
  handout a self-contained HTML handout: narration, the canvas after each step, charts of the
          series the claims read, and the verified numbers of the reference run (--out - = stdout)
  --json  machine-readable report on stdout
  exit: 0 all claims hold, 1 a claim or step failed, 65 a file is not a valid lesson`;

/** Files named on the command line (a folder stands for its lesson files), or the shipped course. */
function filesOf(args: readonly string[], io: CliIo): { abs: string; shown: string }[] {
  const named = args.length > 0 ? args.map((a) => path.resolve(io.cwd, a)) : [shippedLessonsDir()];
  const out: { abs: string; shown: string }[] = [];
  for (const abs of named) {
    const files = isDirectory(abs) ? lessonFilesIn(abs) : [abs];
    for (const f of files) out.push({ abs: f, shown: path.relative(io.cwd, f) || f });
  }
  return out;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false; // a missing file is reported by the loader, with its name
  }
}

function printIssues(io: CliIo, issues: readonly LessonIssue[]): void {
  for (const i of issues) io.out(printable(`${i.file}: ${i.path}: ${i.message}\n`));
}

function printCheck(io: CliIo, file: string, c: LessonCheck): void {
  io.out(printable(`${c.ok ? 'PASS' : 'FAIL'} ${c.id} — ${c.title} (${file})\n`));
  for (const s of c.steps) {
    for (const p of s.problems) io.out(printable(`  ✗ step ${s.id}: ${p}\n`));
    for (const r of s.claims) {
      const mark = r.status === 'pass' ? '✓' : '✗';
      io.out(printable(`  ${mark} ${s.id}/${r.id}: ${r.says}\n      ${r.explanation}\n`));
    }
  }
}

async function handout(files: readonly string[], out: string | undefined, io: CliIo): Promise<ExitCode> {
  const [file, extra] = files;
  if (file === undefined || extra !== undefined || out === undefined) throw new CliError(ExitCode.usage, usage);
  const l = loadLessonFile(path.resolve(io.cwd, file), file);
  if (!l.ok) {
    printIssues(io, l.issues);
    return ExitCode.dataError;
  }
  const walk = walkLesson(l.lesson);
  const html = lessonHandoutHtml(l.lesson, walk);
  if (out === '-') io.out(html);
  else {
    try {
      writeFileSync(path.resolve(io.cwd, out), html);
    } catch (e) {
      throw new CliError(ExitCode.cantCreate, `${out}: cannot write: ${(e as Error).message}`);
    }
    io.err(`wrote ${out} (${Math.round(html.length / 1024)} KB): ${walk.check.ok ? 'every claim verified' : 'some claims did not hold'}\n`);
  }
  return walk.check.ok ? ExitCode.ok : ExitCode.failed;
}

export const lessonsCommand: CliCommand = {
  name: 'lessons',
  summary: 'list the lessons, or check that every claim of each lesson holds in the simulator',
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, { json: {}, out: { value: true } }, usage);
    const [sub, ...rest] = args.positional;
    if (sub === 'handout') return handout(rest, args.values.get('out')?.[0], io);
    if (sub !== 'list' && sub !== 'check') throw new CliError(ExitCode.usage, usage);
    const json = args.flags.has('json');
    const files = filesOf(rest, io);
    if (files.length === 0) throw new CliError(ExitCode.noInput, `no lesson files (*.lesson.json, *.lesson.yaml) in ${rest.join(' ') || shippedLessonsDir()}`);
    const loads = files.map((f) => ({ ...loadLessonFile(f.abs, f.shown), shown: f.shown }));
    const invalid = loads.some((l) => !l.ok);
    if (sub === 'list') {
      const rows = loads.flatMap((l) => (l.ok ? [{ file: l.shown, id: l.lesson.id, order: l.lesson.order, title: l.lesson.title, minutes: l.lesson.minutes, steps: l.lesson.steps.length, claims: l.lesson.steps.reduce((n, s) => n + s.claims.length, 0) }] : []));
      rows.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
      if (json) io.out(`${JSON.stringify({ lessons: rows, invalid: loads.flatMap((l) => (l.ok ? [] : l.issues)) }, null, 2)}\n`);
      else {
        for (const r of rows) io.out(printable(`${String(r.order).padStart(3)}  ${r.id.padEnd(28)} ${String(r.minutes).padStart(3)} min  ${r.steps} steps, ${r.claims} claims  ${r.title}\n`));
        for (const l of loads) if (!l.ok) printIssues(io, l.issues);
      }
      return invalid ? ExitCode.dataError : ExitCode.ok;
    }
    const reports: { file: string; valid: boolean; issues: LessonIssue[]; check?: LessonCheck }[] = [];
    for (const l of loads) {
      if (io.interrupted.value) throw new CliError(ExitCode.interrupted, 'interrupted');
      if (!l.ok) {
        reports.push({ file: l.shown, valid: false, issues: l.issues });
        if (!json) printIssues(io, l.issues);
        continue;
      }
      const check = checkLesson(l.lesson);
      reports.push({ file: l.shown, valid: true, issues: [], check });
      if (!json) printCheck(io, l.shown, check);
    }
    const failed = reports.some((r) => r.check !== undefined && !r.check.ok);
    const passed = reports.filter((r) => r.check?.ok === true).length;
    if (json) io.out(`${JSON.stringify({ ok: !failed && !invalid, lessons: reports }, null, 2)}\n`);
    else io.out(`${passed} of ${reports.length} lesson${reports.length === 1 ? '' : 's'} pass\n`);
    if (invalid) return ExitCode.dataError;
    return failed ? ExitCode.failed : ExitCode.ok;
  },
};
