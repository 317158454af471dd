import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { topologyJson } from '../../shared/export/topology-json';
import { checkout } from '../../shared/export/test-support/topologies';
import { importText } from './import-file';

const fixtures = path.resolve(__dirname, '../../tests/fixtures/asyncapi');

describe('importText (File > Import, drag-and-drop)', () => {
  it('recognises AsyncAPI YAML/JSON and topology JSON', () => {
    const y = importText(readFileSync(path.join(fixtures, 'kafka-orders.asyncapi.yaml'), 'utf8'), 'kafka-orders.asyncapi.yaml');
    expect(y.ok && y.kind).toBe('asyncapi');
    const j = importText(readFileSync(path.join(fixtures, 'request-reply.asyncapi.json'), 'utf8'), 'rr.json');
    expect(j.ok && j.kind).toBe('asyncapi');
    const t = importText(topologyJson(checkout()), 'checkout.eventflow.json');
    expect(t.ok && t.kind).toBe('topology');
  });

  it('lists problems with their place and returns no topology on error', () => {
    const r = importText('asyncapi: 3.0.0\nchannels:\n  a: [\n', 'bad.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ severity: 'error', line: expect.any(Number) });
    const t = importText('{"schemaVersion": 1, "name": "x", "nodes": [{}], "edges": []}', 'x.eventflow.json');
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.problems[0]!.pointer).toMatch(/^nodes\[0\]/);
  });
});
