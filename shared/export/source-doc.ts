/**
 * Untrusted YAML/JSON text -> plain data + a way to name places in it. YAML 1.2 is a superset of
 * JSON, so one parser (`yaml`) reads both and gives line/column for any JSON pointer. Limits
 * (size, depth, value count, aliases) are checked before anything else looks at the data, so a
 * hostile document is refused instead of exhausting memory or the stack.
 */
import { LineCounter, isSeq, parseDocument } from 'yaml';
import type { Document } from 'yaml';

export interface ImportProblem {
  severity: 'error' | 'warning';
  message: string;
  /** JSON pointer into the source document, e.g. /channels/orders/messages */
  pointer: string;
  /** 1-based line/column in the source text when known */
  line?: number;
  column?: number;
}

export const SOURCE_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxDepth: 64,
  maxValues: 200_000,
  maxAliases: 100,
} as const;

export interface SourceDoc {
  data: unknown;
  /** line/column of a JSON pointer (nearest existing ancestor) */
  locate(pointer: string): { line: number; column: number } | undefined;
}

export type SourceResult = { ok: true; doc: SourceDoc } | { ok: false; problems: ImportProblem[] };

export function pointerOf(path: readonly (string | number)[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function readSource(text: string, limits = SOURCE_LIMITS): SourceResult {
  const fail = (message: string, line?: number, column?: number): SourceResult => ({
    ok: false,
    problems: [{ severity: 'error', message, pointer: '', ...(line !== undefined ? { line, column } : {}) }],
  });
  if (typeof text !== 'string') return fail('the document is not text');
  if (text.length > limits.maxBytes) {
    return fail(`the document is ${(text.length / 1048576).toFixed(1)} MB; the limit is ${(limits.maxBytes / 1048576).toFixed(0)} MB`);
  }
  if (text.trim() === '') return fail('the document is empty');
  // Bracket depth is checked on the raw text first: the YAML parser itself recurses per level.
  const rawDepth = bracketDepth(text);
  if (rawDepth > limits.maxDepth) return fail(`the document nests deeper than ${limits.maxDepth} levels`);
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (e) {
    return fail(`cannot read the document: ${(e as Error).message}`);
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.slice(0, 10).map((err) => {
        const pos = lineCounter.linePos(err.pos[0]);
        return { severity: 'error' as const, message: `malformed ${looksLikeJson(text) ? 'JSON' : 'YAML'}: ${firstLine(err.message)}`, pointer: '', line: pos.line, column: pos.col };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: limits.maxAliases });
  } catch (e) {
    return fail(`cannot read the document: ${firstLine((e as Error).message)}`);
  }
  const shape = measure(data, limits);
  if (shape) return fail(shape);
  const locate = (pointer: string): { line: number; column: number } | undefined => {
    const segs: unknown[] = pointerSegments(pointer);
    for (let n = segs.length; n >= 0; n--) {
      const node = doc.getIn(segs.slice(0, n).map((s) => (/^\d+$/.test(String(s)) && isSeqAt(doc, segs.slice(0, n - 1)) ? Number(s) : s)), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && Array.isArray(node.range)) {
        const p = lineCounter.linePos(node.range[0]);
        return { line: p.line, column: p.col };
      }
    }
    return undefined;
  };
  return { ok: true, doc: { data, locate } };
}

function isSeqAt(doc: Document, path: unknown[]): boolean {
  return isSeq(path.length === 0 ? doc.contents : doc.getIn(path, true));
}

function looksLikeJson(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 300);
}

function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === inString) inString = null;
      continue;
    }
    if (c === '"') inString = c;
    else if (c === '{' || c === '[') {
      depth++;
      if (depth > max) max = depth;
    } else if (c === '}' || c === ']') depth = Math.max(0, depth - 1);
  }
  // block YAML nests by indentation: count indentation levels as depth too (2 spaces a level at least)
  let indentMax = 0;
  for (const line of text.split('\n', 1_000_000)) {
    const m = /^( *)\S/.exec(line);
    if (m) indentMax = Math.max(indentMax, m[1]!.length);
  }
  return Math.max(max, Math.floor(indentMax / 2));
}

/** Depth and size of parsed data, iteratively (no recursion on hostile input). */
function measure(data: unknown, limits: typeof SOURCE_LIMITS): string | undefined {
  const stack: { v: unknown; d: number }[] = [{ v: data, d: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (++count > limits.maxValues) return `the document has more than ${limits.maxValues} values`;
    if (d > limits.maxDepth) return `the document nests deeper than ${limits.maxDepth} levels`;
    if (v !== null && typeof v === 'object') {
      for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push({ v: child, d: d + 1 });
    }
  }
  return undefined;
}
