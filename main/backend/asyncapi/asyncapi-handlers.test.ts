/** asyncapi.roundtrip through the backend's handler: the verdict the import dialog shows. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RoundtripCheck } from '../../../shared/api/asyncapi';
import { asyncapiHandlers } from './asyncapi-handlers';

const fixtures = path.resolve(__dirname, '../../../tests/fixtures/asyncapi');
const call = asyncapiHandlers()['asyncapi.roundtrip'];
const ctx = { transport: 'websocket' as const };

describe('asyncapi.roundtrip', () => {
  it('a contract: everything kept, in the contract\'s shape', async () => {
    const r = await call({ text: readFileSync(path.join(fixtures, 'inventory-kafka-2.6.asyncapi.yaml'), 'utf8'), fileName: 'inventory.yaml' }, ctx);
    expect(RoundtripCheck.parse(r)).toEqual(r);
    expect(r.ok && r.everythingKept).toBe(true);
    if (r.ok) expect(r.lines[0]).toBe(`everything kept: ${r.constructs} of ${r.constructs} constructs came back unchanged (AsyncAPI 2.6.0)`);
  });

  it('a document that does not import: its errors with their place', async () => {
    const r = await call({ text: 'asyncapi: 3.0.0\ninfo: {title: x, version: "1"}\nchannels:\n  c:\n    messages:\n      M: {$ref: "./other.yaml#/M"}\n', fileName: 'x.yaml' }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ severity: 'error', pointer: '/channels/c/messages/M/$ref', line: 6 });
  });
});
