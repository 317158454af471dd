/**
 * Loading a lesson file (JSON or YAML) from untrusted text: every refusal names the file, the
 * path inside it and the reason, e.g. `payment.lesson.yaml: steps[2].claims[0].metric: unknown
 * figure "p999"`. Beyond the schema it checks what only the whole lesson knows: the starting
 * topology exists, and claims read runs that an earlier (or the same) step starts.
 */
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { formatPath } from '../model/validate';
import type { Topology } from '../model/topology';
import { Lesson } from './schema';
import { resolveSource } from './show-me';

export interface LessonIssue {
  file: string;
  path: string;
  message: string;
}

export type LessonLoad = { ok: true; lesson: Lesson; start: Topology } | { ok: false; issues: LessonIssue[] };

export const MAX_LESSON_BYTES = 2 * 1024 * 1024;

function at(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const p of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** zod's messages, with what the file had where that helps (an unknown kind, an unknown figure). */
function message(i: z.core.$ZodIssue, data: unknown): string {
  const had = at(data, i.path);
  const last = String(i.path[i.path.length - 1] ?? '');
  if (i.message.startsWith('Invalid discriminator value')) {
    const owner = String(i.path[i.path.length - 2] ?? 'item');
    const expected = i.message.replace(/^Invalid discriminator value\.?\s*/, '');
    return had === undefined ? `${owner} has no ${last}. ${expected}` : `unknown ${owner} ${last} ${JSON.stringify(had)}. ${expected}`;
  }
  if (i.path.length === 1 && last === 'start' && had === undefined) {
    return 'the lesson has no starting topology: add `start: { template: checkout }` (a template id) or `start: { topology: {…} }`';
  }
  if (i.code === 'invalid_union' && typeof had === 'object' && had !== null) {
    const keys = Object.keys(had).join(', ');
    if (last === 'metric') return `unknown metric {${keys}}: a metric is {kpi}, {node, figure}, {node, series, atSec} or {flow, figure} with a known figure (docs/lessons.md, "Figures")`;
    return `matches none of the allowed shapes (it has: ${keys})`;
  }
  if (i.code === 'invalid_value' && had !== undefined) {
    const opts = 'values' in i ? ` (expected one of: ${i.values.map((v) => JSON.stringify(v)).join(', ')})` : '';
    return `unknown ${last || 'value'} ${JSON.stringify(had)}${opts}`;
  }
  if (i.code === 'invalid_union' && had === undefined) return `${last} is missing`;
  if (i.code === 'unrecognized_keys') return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  return i.message;
}

/** A zod union issue of a known discriminator hides the specific error: dig into the branch that matched the kind. */
function flatten(issues: readonly z.core.$ZodIssue[], data: unknown): { path: PropertyKey[]; message: string }[] {
  const out: { path: PropertyKey[]; message: string }[] = [];
  for (const i of issues) {
    if (i.code === 'invalid_union' && i.errors.length > 0) {
      // a metric's union has no discriminator: report the branch with the fewest problems
      const best = [...i.errors].sort((a, b) => a.length - b.length)[0]!;
      const inner = best.map((x) => ({ ...x, path: [...i.path, ...x.path] }));
      const onlyKeys = inner.every((x) => x.code === 'unrecognized_keys' || x.code === 'invalid_type');
      if (onlyKeys) out.push({ path: [...i.path], message: message(i, data) });
      else out.push(...flatten(inner, data));
      continue;
    }
    out.push({ path: [...i.path], message: message(i, data) });
  }
  return out;
}

export function parseLessonData(data: unknown, file: string): LessonLoad {
  const r = Lesson.safeParse(data);
  if (!r.success) {
    return { ok: false, issues: flatten(r.error.issues, data).slice(0, 50).map((i) => ({ file, path: formatPath(i.path), message: i.message })) };
  }
  const lesson = r.data;
  const issues: LessonIssue[] = [];
  const start = resolveSource(lesson.start);
  if (!start.ok) issues.push({ file, path: 'start', message: start.reason });
  const runs = new Set<string>();
  lesson.steps.forEach((s, si) => {
    for (const e of s.showMe) if (e.do === 'run') runs.add(e.run.label);
    s.claims.forEach((c, ci) => {
      const refs = c.kind === 'figure' ? [['run', c.run]] : c.kind === 'compare' ? [['left.run', c.left.run], ['right.run', c.right.run]] : [];
      for (const [where, label] of refs) {
        if (label !== undefined && !runs.has(label)) {
          issues.push({ file, path: `steps[${si}].claims[${ci}].${where}`, message: `run "${label}" is not started by this or an earlier step's show-me (runs so far: ${[...runs].join(', ') || 'none'})` });
        }
      }
      if (c.kind === 'figure' && c.run === undefined && runs.size === 0) {
        issues.push({ file, path: `steps[${si}].claims[${ci}]`, message: 'the claim reads the latest run, but no step up to here starts one' });
      }
    });
  });
  if (issues.length > 0 || !start.ok) return { ok: false, issues };
  return { ok: true, lesson, start: start.topology };
}

/** JSON when the file name says so (or the text starts with `{`), else YAML. */
export function parseLessonText(text: string, file: string): LessonLoad {
  if (text.length > MAX_LESSON_BYTES) {
    return { ok: false, issues: [{ file, path: '(file)', message: `file is ${(text.length / 1048576).toFixed(1)} MB; the limit is ${MAX_LESSON_BYTES / 1048576} MB` }] };
  }
  const json = /\.json$/i.test(file) || /^\s*\{/.test(text);
  let data: unknown;
  try {
    data = json ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, issues: [{ file, path: '(file)', message: `not valid ${json ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}` }] };
  }
  return parseLessonData(data, file);
}

export function formatLessonIssues(issues: readonly LessonIssue[]): string {
  return issues.map((i) => `${i.file}: ${i.path}: ${i.message}`).join('\n');
}
