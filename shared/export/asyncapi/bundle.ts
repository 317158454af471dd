/**
 * `$ref`s to other files (`./messages.yaml#/OrderPlaced`, `common/schemas.json`): inlined, so the
 * importer and the round-trip checker see one document. Pure: the caller says how a file is read
 * (the CLI from disk next to the document; the app from the files the user picked). A reference
 * that cannot be followed (no such file, nothing at its pointer, a loop, a URL) is an error with
 * the pointer of the `$ref`.
 */
import { readSource } from '../source-doc';
import type { ImportProblem } from '../source-doc';
import { atPointer, isObj } from './refs';
import type { Obj } from './refs';

export interface ExternalRefs {
  /** where the document itself lives, '/'-separated (e.g. "specs/orders.yaml") */
  base: string;
  /** the text of the file at a '/'-separated location, or undefined when it cannot be read */
  read(location: string): string | undefined;
}

const MAX_VALUES = 1_000_000;
const MAX_FILES = 200;

/** "a/b/../c/./d.yaml" -> "a/c/d.yaml" (a leading "/" or "../" is kept). */
export function joinLocation(base: string, relative: string): string {
  if (relative.startsWith('/')) return normalize(relative);
  const dir = base.includes('/') ? base.slice(0, base.lastIndexOf('/') + 1) : '';
  return normalize(dir + relative);
}

function normalize(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (seg === '..' && abs) continue;
    else out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/');
}

export function hasExternalRefs(v: unknown): boolean {
  const stack: unknown[] = [v];
  let n = 0;
  while (stack.length > 0 && n++ < MAX_VALUES) {
    const x = stack.pop();
    if (Array.isArray(x)) stack.push(...x);
    else if (isObj(x)) {
      if (typeof x.$ref === 'string' && !x.$ref.startsWith('#')) return true;
      stack.push(...Object.values(x));
    }
  }
  return false;
}

export function bundleExternalRefs(root: Obj, refs: ExternalRefs): { root: Obj; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const files = new Map<string, unknown>();
  let budget = MAX_VALUES;
  const fail = (pointer: string, message: string): undefined => {
    if (problems.length < 50) problems.push({ severity: 'error', message, pointer });
    return undefined;
  };
  const load = (loc: string, at: string): unknown => {
    if (files.has(loc)) return files.get(loc);
    if (files.size >= MAX_FILES) return fail(at, `more than ${MAX_FILES} referenced files`);
    const text = refs.read(loc);
    if (text === undefined) return fail(at, `referenced file "${loc.slice(0, 200)}" cannot be read`);
    const src = readSource(text);
    if (!src.ok) return fail(at, `referenced file "${loc.slice(0, 200)}": ${src.problems[0]?.message ?? 'unreadable'}${src.problems[0]?.line !== undefined ? ` (line ${src.problems[0].line})` : ''}`);
    files.set(loc, src.doc.data);
    return src.doc.data;
  };
  /** `at`: pointer in the main document (for messages); `file`: where `v` was read from (undefined = the main document) */
  const walk = (v: unknown, at: string, file: string | undefined, fileRoot: unknown, stack: readonly string[]): unknown => {
    if (--budget < 0) return fail(at, `the referenced files expand to more than ${MAX_VALUES} values`);
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${at}/${i}`, file, fileRoot, stack));
    if (!isObj(v)) return v;
    if (typeof v.$ref === 'string' && (file !== undefined || !v.$ref.startsWith('#'))) {
      const ref = v.$ref;
      const hash = ref.indexOf('#');
      const target = hash < 0 ? ref : ref.slice(0, hash);
      const fragment = hash < 0 ? '' : decodeSafe(ref.slice(hash + 1));
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return fail(`${at}/$ref`, `reference "${ref.slice(0, 200)}" is a URL: only files next to the document are followed (download it and refer to the file)`);
      const loc = target === '' ? file! : joinLocation(file ?? refs.base, target);
      const key = `${loc}#${fragment}`;
      if (stack.includes(key)) return fail(`${at}/$ref`, `circular reference across files: "${ref.slice(0, 200)}" leads back to itself`);
      const data = load(loc, `${at}/$ref`);
      if (data === undefined) return undefined;
      const found = fragment === '' ? data : atPointer(data, fragment);
      if (found === undefined) return fail(`${at}/$ref`, `reference "${ref.slice(0, 200)}": nothing at ${fragment || '/'} in "${loc.slice(0, 200)}"`);
      return walk(found, at, loc, data, [...stack, key]);
    }
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, file, fileRoot, stack);
    return out;
  };
  const bundled = walk(root, '', undefined, root, []) as Obj;
  return { root: bundled, problems };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
