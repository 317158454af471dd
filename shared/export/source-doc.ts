/**
 * Untrusted YAML/JSON text -> plain data + a way to name places in it. YAML 1.2 is a superset of
 * JSON, so one parser (`yaml`) reads both and gives line/column for any JSON pointer. Limits
 * (size, depth, value count, aliases) are checked before anything else looks at the data, so a
 * hostile document is refused instead of exhausting memory or the stack.
 */
import { LineCounter, isScalar, isSeq, parseDocument, visit } from 'yaml';
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
  /** JSON is read by the native parser: fast, so it may be larger */
  maxJsonBytes: 5 * 1024 * 1024,
  /** YAML parsing costs ~3 s per MB here: keep a document's import bounded */
  maxYamlBytes: 2 * 1024 * 1024,
  maxDepth: 64,
  maxValues: 200_000,
  maxAliases: 100,
  /** line numbers for warnings in JSON need a second (YAML) parse: only below this size */
  maxLocateBytes: 1024 * 1024,
};

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

type Limits = typeof SOURCE_LIMITS;

function failure(message: string, line?: number, column?: number): SourceResult {
  return { ok: false, problems: [{ severity: 'error', message, pointer: '', ...(line !== undefined ? { line, column } : {}) }] };
}

export function readSource(text: string, limits: Limits = SOURCE_LIMITS): SourceResult {
  if (typeof text !== 'string') return failure('the document is not text');
  const json = looksLikeJson(text);
  const maxBytes = json ? limits.maxJsonBytes : limits.maxYamlBytes;
  if (text.length > maxBytes) {
    return failure(`the document is ${(text.length / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(0)} MB for ${json ? 'JSON' : 'YAML'}`);
  }
  if (text.trim() === '') return failure('the document is empty');
  // Depth is checked on the raw text first: the parsers recurse per level.
  if (bracketDepth(text) > limits.maxDepth) return failure(`the document nests deeper than ${limits.maxDepth} levels`);
  return json ? readJson(text, limits) : readYaml(text, limits);
}

function readJson(text: string, limits: Limits): SourceResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = firstLine((e as Error).message);
    const m = /position (\d+)/.exec(msg);
    const pos = m ? lineCol(text, Number(m[1])) : undefined;
    return failure(`malformed JSON: ${msg.replace(/^JSON\.parse: /, '')}`, pos?.line, pos?.column);
  }
  const dup = duplicateJsonKey(text);
  if (dup) return dup;
  const shape = measure(data, limits);
  if (shape) return failure(shape);
  let yamlDoc: SourceDoc | undefined | null;
  const locate = (pointer: string): { line: number; column: number } | undefined => {
    if (text.length > limits.maxLocateBytes) return undefined;
    if (yamlDoc === undefined) {
      const r = readYaml(text, limits);
      yamlDoc = r.ok ? r.doc : null;
    }
    return yamlDoc ? yamlDoc.locate(pointer) : undefined;
  };
  return { ok: true, doc: { data, locate } };
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

function readYaml(text: string, limits: Limits): SourceResult {
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    // uniqueKeys: false: the duplicate-key check is quadratic in the size of a mapping
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  } catch (e) {
    return failure(`cannot read the document: ${(e as Error).message}`);
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.slice(0, 10).map((err) => {
        const pos = lineCounter.linePos(err.pos[0]);
        return { severity: 'error' as const, message: `malformed YAML: ${firstLine(err.message)}`, pointer: '', line: pos.line, column: pos.col };
      }),
    };
  }
  const dup = duplicateYamlKey(doc, lineCounter);
  if (dup) return dup;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: limits.maxAliases });
  } catch (e) {
    return failure(`cannot read the document: ${firstLine((e as Error).message)}`);
  }
  const shape = measure(data, limits);
  if (shape) return failure(shape);
  const locate = (pointer: string): { line: number; column: number } | undefined => {
    const segs: unknown[] = pointerSegments(pointer);
    for (let n = segs.length; n >= 0; n--) {
      const path = segs.slice(0, n).map((s, i) => (/^\d+$/.test(String(s)) && isSeqAt(doc, segs.slice(0, i)) ? Number(s) : s));
      const node = (n === 0 ? doc.contents : doc.getIn(path, true)) as { range?: [number, number, number] } | undefined | null;
      if (node && typeof node === 'object' && Array.isArray(node.range)) {
        const p = lineCounter.linePos(node.range[0]);
        return { line: p.line, column: p.col };
      }
    }
    return undefined;
  };
  return { ok: true, doc: { data, locate } };
}

/**
 * Both parsers keep the later of two equal keys without a word, while @asyncapi/parser refuses
 * the file: one reader, one verdict. One pass with a key set per mapping (yaml's own uniqueKeys
 * check compares every pair, quadratic in a mapping's size).
 */
function duplicateYamlKey(doc: Document, lines: LineCounter): SourceResult | undefined {
  let found: SourceResult | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        const k = pair.key;
        if (!isScalar(k) || k.range === undefined || k.range === null) continue;
        const name = String(k.value);
        const line = lines.linePos(k.range[0]).line;
        const first = seen.get(name);
        if (first !== undefined) {
          found = duplicateFailure(name, first, line, lines.linePos(k.range[0]).col);
          return visit.BREAK;
        }
        seen.set(name, line);
      }
      return undefined;
    },
  });
  return found;
}

function duplicateFailure(name: string, first: number, line: number, column: number): SourceResult {
  return failure(`duplicate key "${name.slice(0, 80)}" on lines ${first} and ${line}: the later one would silently replace the first`, line, column);
}

/** The same check on JSON text, in one linear scan (JSON.parse already accepted the text). */
function duplicateJsonKey(text: string): SourceResult | undefined {
  const stack: ({ keys: Map<string, number>; expectKey: boolean } | null)[] = [];
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 123) stack.push({ keys: new Map(), expectKey: true }); // {
    else if (c === 91) stack.push(null); // [
    else if (c === 125 || c === 93) stack.pop(); // } ]
    else if (c === 44) { // ,
      const top = stack[stack.length - 1];
      if (top) top.expectKey = true;
    } else if (c === 34) { // "
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.expectKey) {
        const name = JSON.parse(text.slice(i, j + 1)) as string;
        const first = top.keys.get(name);
        if (first !== undefined) return duplicateFailure(name, first, line, i - lineStart + 1);
        top.keys.set(name, line);
        top.expectKey = false;
      }
      i = j;
    }
  }
  return undefined;
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
function measure(data: unknown, limits: Limits): string | undefined {
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
