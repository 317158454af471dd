/**
 * The Live dialog's remembered broker URL through the real backend dispatcher and a real SQLite
 * file (the web host's keeper: memory). The Electron keychain keeper cannot run here (no Electron
 * binary): docs/live.md says so.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/define';
import { openBackend } from '../index';
import type { OpenedBackend } from '../index';

let dir = '';
let backend: OpenedBackend | null = null;
afterEach(async () => {
  await backend?.shutdown();
  backend = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('live.savedBroker / live.rememberBroker', () => {
  it('remembers the URL in the backend process, never in the database, and forgets it', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'eventflow-keeper-'));
    backend = openBackend({ dataDir: dir, transport: 'websocket' });
    const call = (m: string, input: unknown) => backend!.dispatch(m, input);
    expect(await call('live.savedBroker', {})).toEqual({ brokerUrl: null, kind: 'memory' });
    const url = 'amqp://ops:s3cret-Pa55@rabbit.staging:5672/shop';
    expect(await call('live.rememberBroker', { brokerUrl: url })).toEqual({ brokerUrl: url, kind: 'memory' });
    expect(await call('live.savedBroker', {})).toEqual({ brokerUrl: url, kind: 'memory' });
    // nothing of it in the data folder (database, WAL)
    for (const f of readdirSync(dir)) expect(readFileSync(path.join(dir, f)).includes('s3cret-Pa55'), f).toBe(false);
    const bad = await call('live.rememberBroker', { brokerUrl: 'http://rabbit' }).catch((e: unknown) => e);
    expect((bad as ApiError).code).toBe('invalid-input');
    expect((bad as ApiError).message).toMatch(/amqp:\/\//);
    expect(await call('live.savedBroker', {})).toEqual({ brokerUrl: url, kind: 'memory' }); // a refused one changes nothing
    await call('live.rememberBroker', { brokerUrl: null });
    expect(await call('live.savedBroker', {})).toEqual({ brokerUrl: null, kind: 'memory' });
  });

  it('is per backend process: a new one starts without it (memory only)', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'eventflow-keeper-'));
    backend = openBackend({ dataDir: dir, transport: 'websocket' });
    await backend.dispatch('live.rememberBroker', { brokerUrl: 'amqp://guest:guest@127.0.0.1:5672/' });
    await backend.shutdown();
    backend = openBackend({ dataDir: dir, transport: 'websocket' });
    expect(await backend.dispatch('live.savedBroker', {})).toEqual({ brokerUrl: null, kind: 'memory' });
  });
});
