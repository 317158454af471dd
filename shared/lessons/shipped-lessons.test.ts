/**
 * Every shipped lesson's claims hold in the simulator (one test per lesson, running its show-me
 * path), the committed JSON Schema is current and accepts every shipped file, and a claim
 * edited to be false makes its lesson fail.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkLesson } from './check';
import { LESSON_SCHEMA_FILE, lessonJsonSchemaText } from './json-schema';
import { parseLessonText } from './loader';
import type { Lesson } from './schema';

const root = join(__dirname, '..', '..');
const dir = join(root, 'resources', 'lessons');
const files = readdirSync(dir).filter((f) => /\.lesson\.(json|ya?ml)$/.test(f)).sort();

function load(file: string): Lesson {
  const r = parseLessonText(readFileSync(join(dir, file), 'utf8'), file);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.lesson;
}

function failures(lesson: Lesson): string[] {
  const c = checkLesson(lesson);
  return c.steps.flatMap((s) => [...s.problems.map((p) => `${s.id}: ${p}`), ...s.claims.filter((x) => x.status !== 'pass').map((x) => `${s.id}/${x.id}: ${x.explanation}`)]);
}

describe('the shipped course', () => {
  it('has at least ten lessons with distinct ids and orders', () => {
    const lessons = files.map(load);
    expect(lessons.length).toBeGreaterThanOrEqual(10);
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
    expect(new Set(lessons.map((l) => l.order)).size).toBe(lessons.length);
  });

  it.each(files)('%s: every claim holds when its show-me path runs', (file) => {
    const lesson = load(file);
    expect(lesson.steps.some((s) => s.claims.length > 0), 'a lesson proves something').toBe(true);
    expect(failures(lesson)).toEqual([]);
  });

  it('resources/schema/lesson-v1.schema.json is the generated one and accepts every shipped lesson', () => {
    const committed = existsSync(join(root, LESSON_SCHEMA_FILE)) ? readFileSync(join(root, LESSON_SCHEMA_FILE), 'utf8') : null;
    expect(committed === lessonJsonSchemaText(), `${LESSON_SCHEMA_FILE} is stale: run npm run gen:schema`).toBe(true);
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(lessonJsonSchemaText()) as object);
    for (const f of files) {
      const ok = validate(parseYaml(readFileSync(join(dir, f), 'utf8')));
      expect(ok, `${f}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
  });
});

describe('a claim edited to be false', () => {
  it('fails its lesson, saying what was measured and what the claim needed', () => {
    const lesson = load('03-react-independently.lesson.yaml');
    const steps = lesson.steps.map((s) => ({
      ...s,
      claims: s.claims.map((c) => (c.id === 'payment-unchanged' && c.kind === 'compare' ? { ...c, value: 2 } : c)),
    }));
    const out = failures({ ...lesson, steps });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^run-slow\/payment-unchanged: not yet — Payment p99 \(slow-notification\) was [\d,.]+ ms and Payment p99 \(baseline\) [\d,.]+ ms: ratio 1, the claim needs ratio ≈ 2 \(± 0\.05\)$/);
  });

  it('an absolute bound on the wrong side fails with the measured figure', () => {
    const lesson = load('02-monolith-vs-events.lesson.yaml');
    const steps = lesson.steps.map((s) => ({
      ...s, claims: s.claims.map((c) => (c.id === 'chain-latency' && c.kind === 'figure' ? { ...c, op: '<' as const, value: 50 } : c)),
    }));
    const out = failures({ ...lesson, steps });
    expect(out).toEqual([expect.stringMatching(/^run-monolith\/chain-latency: not yet — checkout p99 was [\d,]+ ms, the claim needs < 50 ms$/)]);
  });

  it('a show-me that names a missing node is a step problem, not a crash', () => {
    const lesson = load('01-anatomy.lesson.yaml');
    const steps = lesson.steps.map((s) => (s.id === 'subscribe' ? { ...s, showMe: [{ do: 'connect' as const, source: 'orders', target: 'fulfilmint', eventTypes: [] }] } : s));
    const out = failures({ ...lesson, steps });
    expect(out[0]).toBe('subscribe: connect orders → fulfilmint: no node "fulfilmint"');
    expect(out.some((x) => x.startsWith('run/every-event-delivered: not yet — Fulfilment messages in (first-flow) was 0'))).toBe(true);
  });
});

describe('docs/lessons.md', () => {
  it('its complete example passes the check as printed', () => {
    const doc = readFileSync(join(root, 'docs', 'lessons.md'), 'utf8');
    const yaml = /### A complete example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(yaml, 'the example block').toBeDefined();
    const r = parseLessonText(yaml!, 'docs/lessons.md example');
    if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    expect(failures(r.lesson)).toEqual([]);
  });
});
