/**
 * The round-trip checker: import a document, export the topology, and compare the two documents
 * semantically. Both are compared resolved (every local `$ref` followed, so inlining or moving a
 * schema is no difference) and without this project's `x-eventflow*` extensions; map order
 * carries no meaning. Every difference is listed with its JSON pointer and the construct it
 * belongs to (server, channel, parameter, binding, operation, reply, message, schema...). A
 * difference the exporter explains (kept.ts notes: an edit made in the app) is an explained
 * loss; anything else lost or changed is an unexplained loss.
 */
import { pointerSegments } from '../source-doc';
import type { ImportProblem } from '../source-doc';
import { exportAsyncApi } from './export';
import { importAsyncApi } from './import';
import type { AsyncApiImportOptions } from './import';
import type { KeptNote } from './kept';
import { atPointer, isObj } from './refs';
import type { Obj } from './refs';

export type ConstructKind = 'document' | 'server' | 'channel' | 'parameter' | 'binding' | 'operation' | 'reply' | 'message' | 'schema' | 'trait';

export interface RoundtripDifference {
  /** where in the document (the original's pointer; the export's for an added part) */
  pointer: string;
  /** the construct it belongs to, e.g. /channels/orders */
  construct: string;
  kind: ConstructKind;
  change: 'lost' | 'changed' | 'added';
  /** JSON of the value before / after (cut to 200 characters) */
  before?: string;
  after?: string;
  /** why export changed it (an edit made in the app); absent = unexplained */
  explanation?: string;
}

export interface RoundtripReport {
  version: string;
  /** constructs of the original document that were compared */
  constructs: number;
  /** of them, the ones that came back unchanged */
  kept: number;
  byKind: Partial<Record<ConstructKind, { compared: number; kept: number }>>;
  differences: RoundtripDifference[];
  explainedLosses: number;
  unexplainedLosses: number;
  /** parts the export has that the original did not */
  added: number;
  /** no unexplained loss */
  ok: boolean;
}

export type RoundtripResult =
  | { ok: true; report: RoundtripReport; problems: ImportProblem[]; exported: Obj }
  | { ok: false; problems: ImportProblem[] };

const MAX_RESOLVED_VALUES = 2_000_000;
const esc = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** A copy with every local `$ref` replaced by its target (a cycle becomes { $circular: ref }) and x-eventflow* keys left out. */
export function resolveDocument(root: unknown): unknown {
  let budget = MAX_RESOLVED_VALUES;
  const walk = (v: unknown, stack: string[]): unknown => {
    if (--budget < 0) throw new Error(`the document resolves to more than ${MAX_RESOLVED_VALUES} values (shared $refs nest too much to compare)`);
    if (Array.isArray(v)) return v.map((x) => walk(x, stack));
    if (!isObj(v)) return v;
    if (typeof v.$ref === 'string' && v.$ref.startsWith('#')) {
      const target = decodeURIComponentSafe(v.$ref.slice(1));
      if (stack.includes(target)) return { $circular: v.$ref };
      const t = atPointer(root, target);
      return t === undefined ? { $unresolved: v.$ref } : walk(t, [...stack, target]);
    }
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) if (!k.startsWith('x-eventflow')) out[k] = walk(x, stack);
    return out;
  };
  return walk(root, []);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

interface Construct {
  pointer: string;
  kind: ConstructKind;
}

/** The constructs of a resolved document, most specific last. */
export function constructsOf(doc: unknown, major: 2 | 3): Construct[] {
  const out: Construct[] = [];
  if (!isObj(doc)) return out;
  const add = (pointer: string, kind: ConstructKind): void => { out.push({ pointer, kind }); };
  const each = (o: unknown, f: (k: string, v: unknown) => void): void => { if (isObj(o)) for (const [k, v] of Object.entries(o)) f(k, v); };
  const bindings = (at: string, v: unknown): void => { if (isObj(v)) each(v.bindings, (b) => add(`${at}/bindings/${esc(b)}`, 'binding')); };
  const message = (at: string, m: unknown): void => {
    add(at, 'message');
    if (!isObj(m)) return;
    if (m.payload !== undefined) add(`${at}/payload`, 'schema');
    if (m.headers !== undefined) add(`${at}/headers`, 'schema');
    if (Array.isArray(m.traits)) m.traits.forEach((_, i) => add(`${at}/traits/${i}`, 'trait'));
    bindings(at, m);
  };
  for (const k of ['asyncapi', 'id', 'info', 'defaultContentType']) if (doc[k] !== undefined) add(`/${k}`, 'document');
  each(doc.servers, (k, s) => {
    add(`/servers/${esc(k)}`, 'server');
    bindings(`/servers/${esc(k)}`, s);
  });
  each(doc.channels, (k, c) => {
    const at = `/channels/${esc(k)}`;
    add(at, 'channel');
    if (!isObj(c)) return;
    each(c.parameters, (p) => add(`${at}/parameters/${esc(p)}`, 'parameter'));
    bindings(at, c);
    if (major === 3) each(c.messages, (m, v) => message(`${at}/messages/${esc(m)}`, v));
    else {
      for (const verb of ['publish', 'subscribe']) {
        const op = c[verb];
        if (!isObj(op)) continue;
        add(`${at}/${verb}`, 'operation');
        bindings(`${at}/${verb}`, op);
        if (Array.isArray(op.traits)) op.traits.forEach((_, i) => add(`${at}/${verb}/traits/${i}`, 'trait'));
        if (op.message !== undefined) {
          const m = op.message;
          if (isObj(m) && Array.isArray(m.oneOf)) m.oneOf.forEach((x, i) => message(`${at}/${verb}/message/oneOf/${i}`, x));
          else message(`${at}/${verb}/message`, m);
        }
      }
    }
  });
  each(doc.operations, (k, op) => {
    const at = `/operations/${esc(k)}`;
    add(at, 'operation');
    if (!isObj(op)) return;
    bindings(at, op);
    if (Array.isArray(op.traits)) op.traits.forEach((_, i) => add(`${at}/traits/${i}`, 'trait'));
    if (op.reply !== undefined) add(`${at}/reply`, 'reply');
  });
  const comp = isObj(doc.components) ? doc.components : {};
  each(comp.messages, (k, m) => message(`/components/messages/${esc(k)}`, m));
  each(comp.schemas, (k) => add(`/components/schemas/${esc(k)}`, 'schema'));
  each(comp.parameters, (k) => add(`/components/parameters/${esc(k)}`, 'parameter'));
  each(comp.messageTraits, (k) => add(`/components/messageTraits/${esc(k)}`, 'trait'));
  each(comp.operationTraits, (k) => add(`/components/operationTraits/${esc(k)}`, 'trait'));
  each(comp.replies, (k) => add(`/components/replies/${esc(k)}`, 'reply'));
  return out;
}

const within = (p: string, ancestor: string): boolean => p === ancestor || p.startsWith(ancestor + '/');
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 200 ? s.slice(0, 197) + '…' : s;
};

interface RawDiff {
  pointer: string;
  change: 'lost' | 'changed' | 'added';
  before?: unknown;
  after?: unknown;
}

function diff(a: unknown, b: unknown, at: string, out: RawDiff[]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= b.length) out.push({ pointer: `${at}/${i}`, change: 'lost', before: a[i] });
      else if (i >= a.length) out.push({ pointer: `${at}/${i}`, change: 'added', after: b[i] });
      else diff(a[i], b[i], `${at}/${i}`, out);
    }
    return;
  }
  if (isObj(a) && isObj(b)) {
    for (const k of Object.keys(a)) {
      if (!(k in b)) out.push({ pointer: `${at}/${esc(k)}`, change: 'lost', before: a[k] });
      else diff(a[k], b[k], `${at}/${esc(k)}`, out);
    }
    for (const k of Object.keys(b)) if (!(k in a)) out.push({ pointer: `${at}/${esc(k)}`, change: 'added', after: b[k] });
    return;
  }
  // NaN-free JSON data: a structural inequality is a change
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ pointer: at, change: 'changed', before: a, after: b });
}

/** Compare an original document with its export (both as read: unresolved, with extensions). */
export function compareAsyncApi(original: unknown, exported: unknown, notes: readonly KeptNote[] = []): RoundtripReport {
  const a = resolveDocument(original);
  const b = resolveDocument(exported);
  const version = isObj(a) && typeof a.asyncapi === 'string' ? a.asyncapi : '?';
  const major = version.startsWith('2.') ? 2 : 3;
  const constructs = constructsOf(a, major);
  const after = constructsOf(b, major);
  const raw: RawDiff[] = [];
  diff(a, b, '', raw);
  const constructOf = (p: string): Construct => {
    let best: Construct = { pointer: pointerSegments(p).length > 0 ? `/${esc(pointerSegments(p)[0]!)}` : '', kind: 'document' };
    for (const c of p === '' ? [] : [...constructs, ...after]) if (within(p, c.pointer) && c.pointer.length > best.pointer.length) best = c;
    return best;
  };
  const differences: RoundtripDifference[] = raw.map((d) => {
    const c = constructOf(d.pointer);
    const note = notes.find((n) => within(d.pointer, n.pointer) || within(n.pointer, d.pointer));
    return {
      pointer: d.pointer, construct: c.pointer, kind: c.kind, change: d.change,
      ...(d.before !== undefined ? { before: show(d.before) } : {}),
      ...(d.after !== undefined ? { after: show(d.after) } : {}),
      ...(note ? { explanation: note.message } : {}),
    };
  });
  const losses = differences.filter((d) => d.change !== 'added');
  const byKind: RoundtripReport['byKind'] = {};
  let kept = 0;
  for (const c of constructs) {
    const k = (byKind[c.kind] ??= { compared: 0, kept: 0 });
    k.compared++;
    const touched = losses.some((d) => within(d.pointer, c.pointer) || within(c.pointer, d.pointer));
    if (!touched) {
      kept++;
      k.kept++;
    }
  }
  const explainedLosses = losses.filter((d) => d.explanation !== undefined).length;
  const unexplainedLosses = losses.length - explainedLosses;
  return {
    version, constructs: constructs.length, kept, byKind, differences, explainedLosses, unexplainedLosses,
    added: differences.length - losses.length, ok: unexplainedLosses === 0,
  };
}

/** Import `text`, export the topology, compare. Import errors refuse, as `import` does. */
export function roundtripAsyncApi(text: string, options: AsyncApiImportOptions = {}): RoundtripResult {
  const r = importAsyncApi(text, options);
  if (!r.ok) return r;
  const original = r.topology.imported?.document;
  if (original === undefined) {
    return { ok: false, problems: [...r.problems, { severity: 'error', message: 'this document carries an EventFlow topology (x-eventflow): it is an export of this app, not a contract to round-trip', pointer: '/x-eventflow' }] };
  }
  const exp = exportAsyncApi(r.topology);
  const exported = exp.documents[0]!.document;
  try {
    return { ok: true, report: compareAsyncApi(original, exported, exp.notes ?? []), problems: r.problems, exported };
  } catch (e) {
    return { ok: false, problems: [...r.problems, { severity: 'error', message: (e as Error).message, pointer: '' }] };
  }
}

/** Text lines for the CLI and the import dialog: a summary, then one line per difference. */
export function formatRoundtrip(report: RoundtripReport): string[] {
  const head = report.differences.length === 0
    ? `everything kept: ${report.kept} of ${report.constructs} constructs came back unchanged (AsyncAPI ${report.version})`
    : `${report.kept} of ${report.constructs} constructs kept; ${report.unexplainedLosses} unexplained loss(es), ${report.explainedLosses} explained, ${report.added} added (AsyncAPI ${report.version})`;
  return [head, ...report.differences.map((d) => {
    const what = d.change === 'lost' ? `lost ${d.before ?? ''}` : d.change === 'added' ? `added ${d.after ?? ''}` : `changed ${d.before ?? ''} → ${d.after ?? ''}`;
    return `${d.pointer || '/'} (${d.kind}): ${what}${d.explanation ? ` — explained: ${d.explanation}` : d.change === 'added' ? '' : ' — UNEXPLAINED'}`;
  })];
}
