/**
 * `eventflow roundtrip` end to end through the CLI (real files, $refs to other files followed),
 * and the kept document surviving a save and a reopen of the project store (real SQLite file).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonical } from '../../../shared/export/asyncapi/canonical';
import { exportAsyncApi } from '../../../shared/export/asyncapi/export';
import { importAsyncApi } from '../../../shared/export/asyncapi/import';
import type { RoundtripReport } from '../../../shared/export/asyncapi/roundtrip';
import { openStore } from '../../backend/store';
import { ASYNCAPI_FIXTURES, cliHarness } from '../test-support/cli-harness';
import { ExitCode } from '../command';

const { dir, cli } = cliHarness('roundtrip');
const fixtures = ASYNCAPI_FIXTURES;

describe('eventflow roundtrip', () => {
  it('a contract comes back whole: exit 0, "everything kept" with the construct count', async () => {
    copyFileSync(path.join(fixtures, 'payments-amqp-3.0.asyncapi.yaml'), path.join(dir, 'payments.yaml'));
    const r = await cli('roundtrip', 'payments.yaml');
    expect(r.code, r.err).toBe(ExitCode.ok);
    expect(r.out).toMatch(/^everything kept: (\d+) of \1 constructs came back unchanged \(AsyncAPI 3\.0\.0\)\n$/);
  });

  it('--json gives the report: constructs by kind, differences, losses', async () => {
    const r = await cli('roundtrip', 'payments.yaml', '--json');
    expect(r.code).toBe(ExitCode.ok);
    const j = JSON.parse(r.out) as { ok: boolean; report: RoundtripReport };
    expect(j.ok).toBe(true);
    expect(j.report.unexplainedLosses).toBe(0);
    expect(j.report.byKind.channel?.compared).toBe(6);
    expect(j.report.byKind.reply?.kept).toBe(2);
    expect(j.report.byKind.server).toEqual({ compared: 1, kept: 1 });
  });

  it('follows $refs to other files next to the document', async () => {
    mkdirSync(path.join(dir, 'refs/common'), { recursive: true });
    writeFileSync(path.join(dir, 'refs/common/messages.yaml'), 'OrderPlaced:\n  name: OrderPlaced\n  payload:\n    $ref: "./schemas.json#/Order"\n');
    writeFileSync(path.join(dir, 'refs/common/schemas.json'), JSON.stringify({ Order: { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string', format: 'uuid' }, total: { $ref: '#/Money' } } }, Money: { type: 'number', multipleOf: 0.01 } }));
    writeFileSync(path.join(dir, 'refs/orders.yaml'), [
      'asyncapi: 3.0.0', 'info: { title: Orders, version: 1.0.0 }',
      'channels:', '  orders:', '    address: orders', '    messages:', '      OrderPlaced:', '        $ref: "./common/messages.yaml#/OrderPlaced"',
      'operations:', '  onOrder:', '    action: receive', '    channel: { $ref: "#/channels/orders" }', '',
    ].join('\n'));
    const r = await cli('roundtrip', 'refs/orders.yaml', '--json');
    expect(r.code, r.out).toBe(ExitCode.ok);
    const imp = await cli('import', 'refs/orders.yaml');
    expect(imp.code, imp.err).toBe(ExitCode.ok);
    expect(imp.out).toContain('"name": "total"');
    writeFileSync(path.join(dir, 'refs/broken.yaml'), 'asyncapi: 3.0.0\ninfo: { title: B, version: "1" }\nchannels:\n  c:\n    messages:\n      M: { $ref: "./missing.yaml#/M" }\n');
    const b = await cli('roundtrip', 'refs/broken.yaml');
    expect(b.code).toBe(ExitCode.dataError);
    expect(b.err).toContain('refs/broken.yaml:6:');
    expect(b.err).toContain('/channels/c/messages/M/$ref: referenced file');
  });

  it('a document that does not import: exit 65 with the place; usage errors: exit 64', async () => {
    writeFileSync(path.join(dir, 'bad.yaml'), 'asyncapi: 3.0.0\ninfo: { title: B, version: "1" }\nchannels: {}\n');
    const r = await cli('roundtrip', 'bad.yaml');
    expect(r.code).toBe(ExitCode.dataError);
    expect(r.err).toContain('/channels: the document has no channels');
    expect((await cli('roundtrip')).code).toBe(ExitCode.usage);
    expect((await cli('roundtrip', 'a.yaml', 'b.yaml')).code).toBe(ExitCode.usage);
    expect((await cli('roundtrip', 'nope.yaml')).code).toBe(ExitCode.noInput);
  });
});

describe('the kept document in the project store', () => {
  it('survives a save and a reopen of the database, and exports the same document afterwards', () => {
    const r = importAsyncApi(readFileSync(path.join(fixtures, 'inventory-kafka-2.6.asyncapi.yaml'), 'utf8'));
    if (!r.ok) throw new Error(r.problems[0]?.message);
    const data = path.join(dir, 'store');
    const s1 = openStore({ dataDir: data });
    const p = s1.projects.create('Inventory', r.topology);
    s1.close();
    const s2 = openStore({ dataDir: data });
    const t = s2.projects.open(p.id).topology;
    s2.close();
    expect(t.imported).toEqual(r.topology.imported);
    expect(canonical(exportAsyncApi(t).documents[0]!.document)).toEqual(canonical(exportAsyncApi(r.topology).documents[0]!.document));
  });
});
