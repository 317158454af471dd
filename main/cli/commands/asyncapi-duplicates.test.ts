/** `import` and `validate` read AsyncAPI through one reader: a duplicate key is one verdict, an error naming both lines. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAsyncApi } from '../../../shared/export/asyncapi/import';
import { ASYNCAPI_FIXTURES, cliHarness } from '../test-support/cli-harness';
import { ExitCode } from '../command';

const { dir, cli } = cliHarness('dupkeys');
const fixtures = ASYNCAPI_FIXTURES;

// a merge that kept both sides: the channel's address twice (lines 25 and 27 of the result)
const yamlText = readFileSync(path.join(fixtures, 'payments-amqp-3.0.asyncapi.yaml'), 'utf8')
  .replace('    address: payments.authorize\n    title: Authorisation requests\n', '    address: payments.authorize\n    title: Authorisation requests\n    address: payments.authorise\n');
// JSON: an operation key twice
const jsonText = readFileSync(path.join(fixtures, 'payments-sns-sqs-3.0.asyncapi.json'), 'utf8')
  .replace('"action": "receive",', '"action": "receive",\n      "action": "send",');

describe('duplicate keys', () => {
  it('the reader refuses a YAML duplicate key and names both lines', () => {
    const r = importAsyncApi(yamlText);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ severity: 'error', line: 27 });
    expect(r.problems[0]!.message).toBe('duplicate key "address" on lines 25 and 27: the later one would silently replace the first');
  });

  it('the reader refuses a JSON duplicate key and names both lines', () => {
    const r = importAsyncApi(jsonText);
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toBe('duplicate key "action" on lines 42 and 43: the later one would silently replace the first');
  });

  it('import and validate give the same verdict on the same file', async () => {
    for (const [name, text] of [['dup.asyncapi.yaml', yamlText], ['dup.asyncapi.json', jsonText]] as const) {
      writeFileSync(path.join(dir, name), text);
      const imp = await cli('import', name, '--out', `${name}.eventflow.json`);
      const val = await cli('validate', name);
      expect(imp.code, imp.err).toBe(ExitCode.dataError);
      expect(val.code, val.out).toBe(ExitCode.dataError);
      expect(imp.err).toMatch(/duplicate key "(address|action)" on lines \d+ and \d+/);
      expect(val.out).toMatch(/duplicate key "(address|action)" on lines \d+ and \d+/);
    }
  }, 60_000);

  it('documents without duplicates still import (the fixtures)', () => {
    for (const f of ['payments-amqp-3.0.asyncapi.yaml', 'payments-sns-sqs-3.0.asyncapi.json', 'inventory-kafka-2.6.asyncapi.yaml', 'kafka-orders.asyncapi.yaml']) {
      expect(importAsyncApi(readFileSync(path.join(fixtures, f), 'utf8')).ok, f).toBe(true);
    }
  });
});
