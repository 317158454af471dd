import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { MODEL_DOC_PATH, fillDocSections, generatedFiles, modelDocSections, templateDocument } from './generated-files';
import { TOPOLOGY_SCHEMA_FILE, topologyJsonSchema } from './json-schema';
import { TEMPLATES } from './templates';
import { TOPOLOGY_SCHEMA_URL } from './topology';
import { parseTopologyText } from './validate';

const root = join(__dirname, '..', '..');
const read = (path: string): string | null => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : null);
const HOW = 'is stale: regenerate it with `npm run gen:schema` (node scripts/gen-schema.mjs) and commit the result';

describe('committed files derived from the model', () => {
  it.each(generatedFiles().map((f) => [f.path, f.content]))('%s matches the code', (path, content) => {
    const committed = read(path);
    expect(committed !== null && committed === content, `${path} ${HOW}`).toBe(true);
  });

  it(`${MODEL_DOC_PATH}: generated sections match the code`, () => {
    const doc = read(MODEL_DOC_PATH) ?? '';
    expect(fillDocSections(doc, modelDocSections()) === doc, `${MODEL_DOC_PATH} ${HOW}`).toBe(true);
  });

  it('the schema has the $id the files point at, and documents the cross-reference rules', () => {
    const schema = topologyJsonSchema();
    expect(schema.$id).toBe(TOPOLOGY_SCHEMA_URL);
    expect(TOPOLOGY_SCHEMA_FILE).toBe('resources/schema/topology-v1.schema.json');
    expect(String(schema.description)).toMatch(/deadLetterTarget/);
  });

  it('template files parse back to their TS templates', () => {
    for (const t of TEMPLATES) {
      const text = read(`resources/templates/${t.id}.eventflow.json`) ?? '';
      const r = parseTopologyText(text);
      if (!r.ok) throw new Error(`${t.id}: ${r.issues[0]?.path}: ${r.issues[0]?.message}`);
      expect(r.value).toEqual(templateDocument(t));
      expect(r.value.$schema).toBe(TOPOLOGY_SCHEMA_URL);
    }
  });

  it('the JSON Schema accepts every template and rejects what zod rejects field by field', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(read(TOPOLOGY_SCHEMA_FILE) ?? '{}'));
    for (const t of TEMPLATES) expect(validate(JSON.parse(read(`resources/templates/${t.id}.eventflow.json`) ?? '{}')), `${t.id}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    expect(validate(minimalDoc())).toBe(true); // defaults may be omitted
    const bad = minimalDoc();
    (bad.nodes[0] as { settings: Record<string, unknown> }).settings.partitions = 0;
    expect(validate(bad)).toBe(false);
    expect(validate({ ...minimalDoc(), nodes: [{ id: 'x', kind: 'teleporter', name: 'x', position: { x: 0, y: 0 }, settings: {} }] })).toBe(false);
  });
});

function minimalDoc(): { schemaVersion: number; name: string; nodes: unknown[]; edges: unknown[] } {
  return { schemaVersion: 1, name: 'min', nodes: [{ id: 't', kind: 'topic', name: 't', position: { x: 0, y: 0 }, settings: {} }], edges: [] };
}
