import { z } from 'zod';
import { CURRENT_SCHEMA_VERSION, TOPOLOGY_SCHEMA_URL, Topology } from './topology';

/**
 * The JSON Schema of a `.eventflow.json` file, generated from the zod schema (the single source
 * of truth) and committed at resources/schema/topology-v1.schema.json so editors and other tools
 * can validate files; a test fails when the committed file differs (`npm run gen:schema`).
 */

/** What zod checks beyond single fields (superRefine): JSON Schema cannot say these, so the schema states them. */
export const CROSS_REFERENCE_RULES: readonly string[] = [
  'Node ids are unique; edge ids are unique.',
  'Every edge starts and ends at a node of this topology.',
  'An edge connects only the kinds the connection rules allow, with the edge kind they give (see docs/model.md, "Connections"): e.g. producer → topic is "publish", topic → service is "subscribe", bus → queue is "route", service → service is "call".',
  'parentId names a group node of this topology; groups are not nested.',
  'settings.deadLetterTarget (queue, service, bus), when not empty, names another queue or topic of this topology.',
  'distribution "uniform": maxMs ≥ minMs; time windows: endSec > startSec.',
];

/** Units by property-name suffix: the model's naming convention, also used by the docs. */
export function unitOf(property: string): string | undefined {
  if (/PctPerSec$/.test(property)) return 'percent per second';
  if (/PerSec$/.test(property)) return 'events per second';
  if (/Pct$/.test(property)) return 'percent (0–100)';
  if (/Ms$|^ms$/.test(property)) return 'milliseconds';
  if (/Sec$/.test(property)) return 'seconds of simulated time';
  if (/Hours$/.test(property)) return 'hours';
  return undefined;
}

type Json = Record<string, unknown>;

/** Add "unit: …" descriptions to properties named with a unit suffix. */
function annotateUnits(node: unknown): void {
  if (Array.isArray(node)) {
    for (const x of node) annotateUnits(x);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const o = node as Json;
  const props = o.properties;
  if (typeof props === 'object' && props !== null) {
    for (const [name, schema] of Object.entries(props as Json)) {
      const unit = unitOf(name);
      if (unit && typeof schema === 'object' && schema !== null && !('description' in schema)) (schema as Json).description = `unit: ${unit}`;
    }
  }
  for (const v of Object.values(o)) annotateUnits(v);
}

export function topologyJsonSchema(): Json {
  const generated = z.toJSONSchema(Topology, { io: 'input', target: 'draft-2020-12', reused: 'inline' }) as Json;
  annotateUnits(generated);
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: TOPOLOGY_SCHEMA_URL,
    title: `EventFlow Studio topology (schema version ${CURRENT_SCHEMA_VERSION})`,
    description: [
      'A .eventflow.json file: producers, brokers (topic, queue, event bus), services, stream operators, sinks and groups, wired by publish/subscribe/route/call edges.',
      'Generated from the zod schema in shared/model (npm run gen:schema). Fields with defaults may be omitted.',
      'Older schemaVersions are migrated forward by the app; newer ones are refused.',
      'Rules checked by the app that this schema cannot express:',
      ...CROSS_REFERENCE_RULES.map((r) => `- ${r}`),
    ].join('\n'),
    ...rest,
  };
}

/** The file content, stable across runs (2-space JSON, trailing newline). */
export function topologyJsonSchemaText(): string {
  return `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`;
}

export const TOPOLOGY_SCHEMA_FILE = `resources/schema/topology-v${CURRENT_SCHEMA_VERSION}.schema.json`;
