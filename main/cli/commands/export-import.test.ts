import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { topologyJson } from '../../../shared/export/topology-json';
import { checkout } from '../../../shared/export/test-support/topologies';
import { ASYNCAPI_FIXTURES, cliHarness } from '../test-support/cli-harness';
import { ExitCode } from '../command';

const { dir, cli } = cliHarness('export');
const fixtures = ASYNCAPI_FIXTURES;
writeFileSync(path.join(dir, 'checkout.eventflow.json'), topologyJson(checkout()));

describe('eventflow export', () => {
  it('asyncapi to stdout validates with @asyncapi/parser', async () => {
    const r = await cli('export', 'checkout.eventflow.json', '--format', 'asyncapi');
    expect(r.code, r.err).toBe(ExitCode.ok);
    const diagnostics = await new Parser().validate(r.out);
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
  }, 60_000);

  it('writes each format to --out; per-service into a folder', async () => {
    for (const [format, file, needle] of [
      ['mermaid', 'c.mmd', 'flowchart LR'], ['svg', 'c.svg', '<svg'], ['kafka', 'topics.sh', 'kafka-topics'], ['strimzi', 'topics.yaml', 'KafkaTopic'],
      ['compose', 'docker-compose.yml', 'apache/kafka'], ['json', 'copy.eventflow.json', '"$schema"'], ['asyncapi-json', 'a.json', '"asyncapi": "3.0.0"'],
    ] as const) {
      const r = await cli('export', 'checkout.eventflow.json', '--format', format, '--out', `out/${file}`);
      expect(r.code, r.err).toBe(ExitCode.ok);
      expect(readFileSync(path.join(dir, 'out', file), 'utf8')).toContain(needle);
    }
    const r = await cli('export', 'checkout.eventflow.json', '--format', 'asyncapi', '--per-service', '--out', 'per');
    expect(r.code, r.err).toBe(ExitCode.ok);
    expect(readdirSync(path.join(dir, 'per')).sort()).toContain('Checkout-(event-driven)-payment.asyncapi.yaml');
    const dark = await cli('export', 'checkout.eventflow.json', '--format', 'svg', '--theme', 'dark', '--select', 'orders,payment');
    expect(dark.out.match(/class="node /g)).toHaveLength(2);
  });

  it('an imported contract: --per-service keeps its part of the document, --doc-version sets info.version', async () => {
    const imp = await cli('import', path.join(fixtures, 'inventory-kafka-2.6.asyncapi.yaml'), '--out', 'inventory.eventflow.json');
    expect(imp.code, imp.err).toBe(ExitCode.ok);
    const r = await cli('export', 'inventory.eventflow.json', '--format', 'asyncapi-json', '--per-service', '--doc-version', '3.3.0', '--out', 'inv-per');
    expect(r.code, r.err).toBe(ExitCode.ok);
    const file = readdirSync(path.join(dir, 'inv-per')).find((f) => f.endsWith('-inventory-service.asyncapi.json'));
    const doc = JSON.parse(readFileSync(path.join(dir, 'inv-per', file ?? 'missing'), 'utf8')) as { asyncapi: string; id: string; info: { version: string }; servers: Record<string, unknown> };
    expect([doc.asyncapi, doc.id, doc.info.version, Object.keys(doc.servers)]).toEqual(['2.6.0', 'urn:com:acme:fulfilment:inventory-service', '3.3.0', ['production', 'staging']]);
    const bad = await cli('export', 'inventory.eventflow.json', '--format', 'asyncapi', '--doc-version', ' 1.0');
    expect([bad.code, bad.err.trim()]).toEqual([ExitCode.usage, 'eventflow export: --doc-version " 1.0": the version starts or ends with a space']);
    expect((await cli('export', 'inventory.eventflow.json', '--format', 'svg', '--doc-version', '1.0')).err).toMatch(/--doc-version applies to the AsyncAPI formats, not svg/);
  });

  it('usage errors', async () => {
    expect((await cli('export', 'checkout.eventflow.json')).code).toBe(ExitCode.usage);
    expect((await cli('export', 'checkout.eventflow.json', '--format', 'pdf')).err).toMatch(/unknown format "pdf"/);
    expect((await cli('export', 'checkout.eventflow.json', '--format', 'svg', '--select', 'nope')).code).toBe(ExitCode.usage);
    expect((await cli('export', 'missing.json', '--format', 'svg')).code).toBe(ExitCode.noInput);
  });
});

describe('eventflow import', () => {
  it('imports each fixture and the result validates', async () => {
    for (const f of readdirSync(fixtures)) {
      const out = `${f}.eventflow.json`;
      const r = await cli('import', path.join(fixtures, f), '--out', out);
      expect(r.code, r.err).toBe(ExitCode.ok);
      expect(r.err).toMatch(/imported \d+ nodes/);
      const v = await cli('validate', out);
      expect(v.code, v.out).not.toBe(ExitCode.dataError);
    }
  });

  it('refuses a broken document with the line, writes nothing, and never overwrites without --force', async () => {
    writeFileSync(path.join(dir, 'broken.yaml'), 'asyncapi: 3.0.0\nchannels:\n  a: {address: x\n');
    const r = await cli('import', 'broken.yaml', '--out', 'broken.eventflow.json');
    expect(r.code).toBe(ExitCode.dataError);
    expect(r.err).toMatch(/broken\.yaml:\d+:\d+ \(document\): malformed YAML/);
    expect(existsSync(path.join(dir, 'broken.eventflow.json'))).toBe(false);
    const json = await cli('import', 'broken.yaml', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, problems: [{ severity: 'error', line: expect.any(Number) }] });
    writeFileSync(path.join(dir, 'keep.json'), 'precious');
    const again = await cli('import', path.join(fixtures, 'kafka-orders.asyncapi.yaml'), '--out', 'keep.json');
    expect(again.code).toBe(ExitCode.cantCreate);
    expect(readFileSync(path.join(dir, 'keep.json'), 'utf8')).toBe('precious');
  });
});

describe('eventflow validate', () => {
  it('AsyncAPI documents: @asyncapi/parser errors with their line, plus the import check', async () => {
    const ok = await cli('validate', path.join(fixtures, 'kafka-orders.asyncapi.yaml'), '--json');
    expect(ok.code, ok.out).toBe(ExitCode.ok);
    expect(JSON.parse(ok.out)).toMatchObject({ kind: 'asyncapi', valid: true });
    writeFileSync(path.join(dir, 'noversion.yaml'), readFileSync(path.join(fixtures, 'kafka-orders.asyncapi.yaml'), 'utf8').replace('  version: 2.1.0\n', ''));
    const bad = await cli('validate', 'noversion.yaml');
    expect(bad.code).toBe(ExitCode.dataError);
    expect(bad.out).toMatch(/noversion\.yaml:\d+:\d+ \/info: .*version/);
  }, 60_000);

  it('valid topology: exit 0, --json report', async () => {
    const r = await cli('validate', 'checkout.eventflow.json', '--json');
    expect(r.code, r.out).toBe(ExitCode.ok);
    expect(JSON.parse(r.out)).toMatchObject({ kind: 'topology', valid: true, schema: [] });
  });

  it('schema errors: exit 65 with paths; lint errors: exit 1', async () => {
    const bad = checkout();
    bad.edges.push({ ...bad.edges[0]!, id: 'e-x', target: 'nowhere' });
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
    const r = await cli('validate', 'bad.json');
    expect(r.code).toBe(ExitCode.dataError);
    expect(r.out).toContain('edges[10].target');
    const lint = checkout();
    // a service that consumes from nothing and a producer publishing nowhere: lint, not schema
    lint.edges = lint.edges.filter((e) => e.source !== 'storefront');
    writeFileSync(path.join(dir, 'lint.json'), JSON.stringify(lint));
    const l = await cli('validate', 'lint.json', '--json');
    const report = JSON.parse(l.out) as { valid: boolean; lint: { severity: string }[] };
    expect(report.valid).toBe(true);
    expect(l.code).toBe(report.lint.some((p) => p.severity === 'error') ? ExitCode.failed : ExitCode.ok);
  });
});
