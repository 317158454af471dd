/**
 * `eventflow lessons`: list the course, check a trainer's own files (passing, failing, malformed)
 * with the exit codes CI relies on. The whole shipped course is checked in
 * shared/lessons/shipped-lessons.test.ts; here one small lesson runs through the CLI.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import type { CliIo } from '../command';
import { ExitCode } from '../command';

const shipped = path.resolve(__dirname, '../../../resources/lessons');
const anatomy = readFileSync(path.join(shipped, '01-anatomy.lesson.yaml'), 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'eventflow-lessons-'));
const write = (name: string, text: string): string => {
  writeFileSync(path.join(dir, name), text);
  return name;
};

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (s) => { out += s; }, err: (s) => { err += s; }, isTty: false, columns: 120, cwd: dir, now: () => 0, interrupted: { value: false }, env: {} };
  return { code: await runCli(argv, io), out, err };
}

describe('eventflow lessons list', () => {
  it('lists the shipped course in order', async () => {
    const r = await cli('lessons', 'list', '--json');
    expect(r.code).toBe(ExitCode.ok);
    const { lessons } = JSON.parse(r.out) as { lessons: { id: string; order: number; claims: number }[] };
    expect(lessons.length).toBeGreaterThanOrEqual(10);
    expect(lessons[0]!.id).toBe('anatomy');
    expect(lessons.map((l) => l.order)).toEqual([...lessons.map((l) => l.order)].sort((a, b) => a - b));
    expect(lessons.every((l) => l.claims > 0)).toBe(true);
  });
});

describe('eventflow lessons check', () => {
  it('passes a lesson whose claims hold, printing measured against expected', async () => {
    const f = write('mine.lesson.yaml', anatomy);
    const r = await cli('lessons', 'check', f);
    expect(r.code).toBe(ExitCode.ok);
    expect(r.out).toContain('PASS anatomy');
    expect(r.out).toMatch(/Fulfilment messages out was \d+ \(≈ 600 \(± 60\)\)/);
    expect(r.out).toContain('1 of 1 lesson pass');
  });

  it('exits 1 when a claim is false, with the plain-words reason', async () => {
    const f = write('false.lesson.yaml', anatomy.replace('value: 600', 'value: 6000'));
    const r = await cli('lessons', 'check', f, '--json');
    expect(r.code).toBe(ExitCode.failed);
    const report = JSON.parse(r.out) as { ok: boolean; lessons: { check: { steps: { claims: { id: string; status: string; explanation: string; measured: number }[] }[] } }[] };
    expect(report.ok).toBe(false);
    const claim = report.lessons[0]!.check.steps.flatMap((s) => s.claims).find((c) => c.id === 'processed')!;
    expect(claim.status).toBe('fail');
    expect(claim.measured).toBeGreaterThan(500);
    expect(claim.explanation).toMatch(/^not yet — Fulfilment messages out was \d+, the claim needs ≈ 6,000 \(± 600\)$/);
  });

  it.each([
    ['unknown claim metric', anatomy.replace('metric: { kpi: ordersLost }', 'metric: { kpi: ordersMislaid }'), /bad\.lesson\.yaml: steps\[6\]\.claims\[2\]\.metric\.kpi: unknown kpi "ordersMislaid" \(expected one of: "sessions",/],
    ['wrong step kind', anatomy.replace('action: { kind: add-node, nodeKind: topic }', 'action: { kind: fly-away }'), /bad\.lesson\.yaml: steps\[2\]\.action\.kind: unknown action kind "fly-away"\. Expected 'read' \| 'add-node'/],
    ['missing topology', anatomy.replace('start: { template: empty }\n', ''), /bad\.lesson\.yaml: start: the lesson has no starting topology/],
    ['unknown template', anatomy.replace('start: { template: empty }', 'start: { template: shop }'), /bad\.lesson\.yaml: start: no template "shop" \(there are: empty, checkout/],
    ['a claim on a run nobody starts', anatomy.replace('        metric: { kpi: ordersLost }', '        run: later\n        metric: { kpi: ordersLost }'), /steps\[6\]\.claims\[2\]\.run: run "later" is not started by this or an earlier step's show-me/],
    ['not YAML at all', 'steps: [\n', /bad\.lesson\.yaml: \(file\): not valid YAML/],
  ])('refuses a file with %s: exit 65, file + path + reason', async (_what, text, message) => {
    const f = write('bad.lesson.yaml', text);
    const r = await cli('lessons', 'check', f);
    expect(r.code).toBe(ExitCode.dataError);
    expect(r.out).toMatch(message);
  });

  it('a missing file is named, not a crash', async () => {
    const r = await cli('lessons', 'check', 'nope.lesson.yaml');
    expect(r.code).toBe(ExitCode.dataError);
    expect(r.out).toContain('nope.lesson.yaml: (file): no such file');
  });

  it('a folder stands for its lesson files', async () => {
    const sub = mkdtempSync(path.join(dir, 'course-'));
    writeFileSync(path.join(sub, 'a.lesson.yaml'), anatomy);
    writeFileSync(path.join(sub, 'notes.txt'), 'not a lesson');
    const r = await cli('lessons', 'list', path.basename(sub));
    expect(r.code).toBe(ExitCode.ok);
    expect(r.out).toMatch(/^\s+1 {2}anatomy/);
  });
});

describe('eventflow lessons handout', () => {
  it('writes a self-contained HTML handout with the canvas, the verified numbers, and lesson text escaped', async () => {
    const f = write('handout.lesson.yaml', anatomy.replace('Let us build exactly that', 'Let us build <script>alert(1)</script> exactly that'));
    const r = await cli('lessons', 'handout', f, '--out', 'handout.html');
    expect(r.code).toBe(ExitCode.ok);
    const html = readFileSync(path.join(dir, 'handout.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<svg');
    expect(html).toMatch(/Fulfilment messages out was \d+ \(≈ 600 \(± 60\)\)/);
    expect(html).toContain('every claim verified by the simulator');
  });

  it('needs --out', async () => {
    const r = await cli('lessons', 'handout', write('h2.lesson.yaml', anatomy));
    expect(r.code).toBe(ExitCode.usage);
  });
});
