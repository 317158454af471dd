import { describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import type { CliIo } from '../command';

async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; err: string }> {
  let err = '';
  const io: CliIo = { out: () => undefined, err: (s) => { err += s; }, isTty: false, columns: 100, cwd: process.cwd(), now: () => Date.now(), interrupted: { value: false }, env };
  const code = await runCli(argv, io);
  return { code, err };
}

const file = 'resources/templates/checkout.eventflow.json';

// refusals that happen before any broker is contacted (the broker paths: main/backend/live/live.integration.test.ts)
describe('eventflow live: usage errors', () => {
  it('refuses a missing verb, a missing or non-AMQP broker URL, a bad prefix, a bad duration', async () => {
    expect((await cli(['live', 'deploy', file, '--broker', 'amqp://x'])).err).toMatch(/expected apply, run or teardown, got "deploy"/);
    expect((await cli(['live', 'apply', file])).err).toMatch(/--broker is required/);
    const http = await cli(['live', 'apply', file, '--broker', 'http://localhost:15672']);
    expect(http.code).toBe(64);
    expect(http.err).toMatch(/must start with amqp:\/\/ or amqps:\/\//);
    expect((await cli(['live', 'apply', file, '--broker', 'amqp://x', '--prefix', 'A.B'])).err).toMatch(/--prefix: prefix "A.B" must be/);
    const dur = await cli(['live', 'run', file, '--broker', 'amqp://x', '--duration', '2d']);
    expect(dur.code).toBe(64);
    expect(dur.err).toMatch(/a live run lasts from 1 s to 24 h/);
    expect((await cli(['live', 'apply', file, '--broker', 'amqp://x'], { EVENTFLOW_BROKER_CREDENTIALS: 'nocolon' })).err).toMatch(/EVENTFLOW_BROKER_CREDENTIALS must be user:password/);
  });

  it('warns when the URL carries a password and never echoes it', async () => {
    const r = await cli(['live', 'apply', file, '--broker', 'amqp://u:s3cret@127.0.0.1:1/', '--prefix', 'p']);
    expect(r.err).toContain('the broker URL carries a password');
    expect(r.err).not.toContain('s3cret');
    expect(r.code).toBe(69);
  });
});
