import { describe, expect, it } from 'vitest';
import { topologyJson } from '../../shared/export/topology-json';
import { checkout } from '../../shared/export/test-support/topologies';
import { importText } from './import-file';

// renderer tests may not read files (no node:* in renderer/): small documents inline
const yamlDoc = 'asyncapi: 3.0.0\ninfo: {title: Shop, version: "1"}\nchannels:\n  orders:\n    address: orders\n    messages:\n      OrderPlaced: {payload: {type: object}}\noperations:\n  send:\n    action: send\n    channel: {$ref: "#/channels/orders"}\n';
const jsonDoc = JSON.stringify({ asyncapi: '2.6.0', info: { title: 'Shop', version: '1' }, channels: { orders: { subscribe: { message: { name: 'OrderPlaced', payload: { type: 'object' } } } } } });

describe('importText (File > Import, drag-and-drop)', () => {
  it('recognises AsyncAPI YAML/JSON and topology JSON', () => {
    const y = importText(yamlDoc, 'shop.asyncapi.yaml');
    expect(y.ok && y.kind).toBe('asyncapi');
    const j = importText(jsonDoc, 'shop.json');
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
