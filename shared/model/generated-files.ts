import { z } from 'zod';
import { ArrivalProfile } from './arrival-profiles';
import { connectionTable, connectionVerdict } from './connection-rules';
import { Distribution } from './distributions';
import { TOPOLOGY_SCHEMA_FILE, topologyJsonSchemaText, unitOf } from './json-schema';
import { LINT_RULES } from './lint/registry';
import { NODE_KINDS, settingsSchemas } from './nodes';
import type { NodeKind } from './nodes';
import { TEMPLATES } from './templates';
import type { TemplateInfo } from './templates';
import { TOPOLOGY_SCHEMA_URL, Topology } from './topology';

/**
 * Files derived from the model and committed: the JSON Schema, the starter templates as
 * `.eventflow.json`, and the generated sections of docs/model.md. `npm run gen:schema` writes
 * them; generated-files.test.ts fails when a committed copy differs from the code.
 */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** A template as a file: parsed (defaults filled) with `$schema` first. */
export function templateDocument(info: TemplateInfo): Topology {
  const parsed = Topology.parse(info.build());
  const { $schema: _s, ...rest } = parsed;
  return { $schema: TOPOLOGY_SCHEMA_URL, ...rest };
}

export const templateFilePath = (id: string): string => `resources/templates/${id}.eventflow.json`;

export function generatedFiles(): GeneratedFile[] {
  return [
    { path: TOPOLOGY_SCHEMA_FILE, content: topologyJsonSchemaText() },
    ...TEMPLATES.map((t) => ({ path: templateFilePath(t.id), content: `${JSON.stringify(templateDocument(t), null, 2)}\n` })),
  ];
}

export const MODEL_DOC_PATH = 'docs/model.md';

type Json = Record<string, unknown>;

function describeType(s: Json): string {
  if (Array.isArray(s.enum)) return s.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if ('const' in s) return `\`${JSON.stringify(s.const)}\``;
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) {
    const alts = (s.oneOf ?? s.anyOf) as Json[];
    const kinds = alts.map((a) => ((a.properties as Json | undefined)?.kind as Json | undefined)?.const).filter((k) => k !== undefined);
    return kinds.length > 0 ? `one of kind ${kinds.map((k) => `\`${String(k)}\``).join(', ')}` : 'one of several shapes';
  }
  if (s.type === 'array') return `list of ${describeType((s.items ?? {}) as Json)}`;
  if (s.type === 'object') return 'object';
  return String(s.type ?? 'any');
}

function range(s: Json): string {
  const parts: string[] = [];
  const lo = s.minimum ?? s.minLength ?? s.minItems;
  const hi = s.maximum ?? s.maxLength ?? s.maxItems;
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${String(s.exclusiveMinimum)}`);
  else if (lo !== undefined) parts.push(`≥ ${String(lo)}`);
  if (hi !== undefined) parts.push(`≤ ${String(hi)}`);
  return parts.join(', ');
}

function cell(v: unknown): string {
  if (v === undefined) return '';
  const text = JSON.stringify(v);
  return `\`${text.length > 60 ? `${text.slice(0, 57)}…` : text}\``.replace(/\|/g, '\\|');
}

function settingsTable(kind: NodeKind): string {
  const js = z.toJSONSchema(settingsSchemas[kind], { io: 'input', unrepresentable: 'any' }) as Json;
  const variants: Json[] = Array.isArray(js.oneOf) ? (js.oneOf as Json[]) : [js];
  const out: string[] = [];
  for (const v of variants) {
    const props = (v.properties ?? {}) as Record<string, Json>;
    const op = (props.op as Json | undefined)?.const;
    if (op !== undefined) out.push(`\n*op = \`${String(op)}\`*\n`);
    out.push('| setting | type | default | range | unit |', '| --- | --- | --- | --- | --- |');
    for (const [name, s] of Object.entries(props)) if (name !== 'op') out.push(...propertyRows(name, s));
  }
  return out.join('\n');
}

/** One row per property; plain nested objects (retry, sessions) get a row per field, dotted. */
function propertyRows(name: string, s: Json): string[] {
  const leaf = name.split('.').pop() ?? name;
  if (s.type === 'object' && typeof s.properties === 'object' && s.properties !== null) {
    return Object.entries(s.properties as Record<string, Json>).flatMap(([k, v]) => propertyRows(`${name}.${k}`, v));
  }
  return [`| \`${name}\` | ${describeType(s)} | ${cell(s.default)} | ${range(s)} | ${unitOf(leaf) ?? ''} |`];
}

/** The variants of a discriminated union (arrival profiles, time distributions), one table row each. */
function variantsTable(schema: z.ZodType): string {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  const rows = ['| kind | fields |', '| --- | --- |'];
  for (const v of (js.oneOf ?? js.anyOf ?? []) as Json[]) {
    const props = (v.properties ?? {}) as Record<string, Json>;
    const kind = String(props.kind?.const);
    const fields = Object.entries(props).filter(([k]) => k !== 'kind').map(([k, f]) => {
      const bits = [describeType(f), range(f), unitOf(k), f.default !== undefined ? `default ${JSON.stringify(f.default)}` : ''].filter(Boolean);
      return `\`${k}\` (${bits.join(', ')})`;
    });
    rows.push(`| \`${kind}\` | ${fields.join('; ')} |`);
  }
  return rows.join('\n');
}

const KIND_SUMMARY: Record<NodeKind, string> = {
  producer: 'Traffic source (storefront, app, POS): emits its event types by an arrival profile, or drives customer sessions.',
  topic: 'Pub/sub channel (Kafka-like): every consumer group gets every event; partitions by key, one message in flight per partition per group.',
  queue: 'Point-to-point channel (SQS-like): competing consumers, visibility timeout, max receives then dead-letter.',
  bus: 'Event bus / router (EventBridge-like): each route edge whose types and conditions match gets the event.',
  service: 'Consumer and producer: instances × concurrency, processing time, failures, retries, reactions on success/failure, synchronous calls.',
  operator: 'Stream operator (RxJS): filter, map/enrich, window/aggregate, throttle, debounce, join.',
  sink: 'External system (payment gateway, e-mail provider…): latency, failures, outages; the end of a flow.',
  group: 'Bounded context: a frame that holds nodes (their positions become relative to it).',
};

/** Generated sections of docs/model.md, by marker name. */
export function modelDocSections(): Record<string, string> {
  const kinds = NODE_KINDS.map((k) => `### ${k}\n\n${KIND_SUMMARY[k]}\n\n${settingsTable(k)}`).join('\n\n');
  const rows = connectionTable();
  const header = `| from \\ to | ${NODE_KINDS.join(' | ')} |`;
  const matrix = [header, `| --- |${NODE_KINDS.map(() => ' --- |').join('')}`];
  for (const s of NODE_KINDS) {
    matrix.push(`| **${s}** | ${NODE_KINDS.map((d) => rows.find((r) => r.source === s && r.target === d)?.edgeKind ?? '·').join(' | ')} |`);
  }
  const reason = (a: NodeKind, b: NodeKind, same = false): string => {
    const v = connectionVerdict(a, b, same);
    return v.ok ? '' : v.reason;
  };
  const reasons = NODE_KINDS.flatMap((src) => {
    const other = NODE_KINDS.find((d) => d !== 'group' && d !== 'producer' && reason(src, d) !== '');
    return other ? [`- from **${src}** (e.g. to ${other}): “${reason(src, other)}”`] : [];
  });
  reasons.push(`- into a **producer**: “${reason('service', 'producer')}”`, `- into a **group**: “${reason('service', 'group')}”`, `- a node to itself: “${reason('service', 'service', true)}”`);
  const lint = ['| code | severity | what it finds |', '| --- | --- | --- |',
    ...LINT_RULES.map((r) => `| ${r.codes.map((c) => `\`${c}\``).join('<br>')} | ${r.codes.map((c) => r.severityOf?.[c] ?? r.severity).join('<br>')} | ${r.description} |`)];
  const templates = TEMPLATES.map((t) => `- **${t.label}** (\`${templateFilePath(t.id)}\`): ${t.description}`);
  const shapes = [
    '### Arrival profiles (`producer.settings.profile`)', '', variantsTable(ArrivalProfile), '',
    '### Time distributions (`processing`, `latency`)', '', variantsTable(Distribution), '',
    'Time windows (`outages`, `slowdowns[].window`) are `{ startSec, endSec }` in simulated seconds, endSec > startSec.',
  ].join('\n');
  return {
    'node-kinds': `${kinds}\n\n${shapes}`,
    connections: [...matrix, '', 'Refusal reasons shown while dragging (examples):', '', ...reasons].join('\n'),
    'lint-rules': lint.join('\n'),
    templates: templates.join('\n'),
  };
}

/** Replace the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` markers. */
export function fillDocSections(markdown: string, sections: Readonly<Record<string, string>>): string {
  let out = markdown;
  for (const [name, body] of Object.entries(sections)) {
    const start = `<!-- generated:${name} -->`;
    const end = `<!-- /generated:${name} -->`;
    const i = out.indexOf(start);
    const j = out.indexOf(end);
    if (i < 0 || j < i) throw new Error(`${MODEL_DOC_PATH}: missing markers ${start} … ${end}`);
    out = `${out.slice(0, i + start.length)}\n${body}\n${out.slice(j)}`;
  }
  return out;
}
