import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiContract } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/define';
import { checkoutTemplate } from '../../../shared/model/templates';
import { openBackend } from '../index';
import type { OpenedBackend } from '../index';

let dir: string;
let backend: OpenedBackend;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ef-api-'));
  backend = openBackend({ dataDir: dir, transport: 'websocket', appVersion: '9.9.9' });
});
afterEach(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('dispatch', () => {
  it('has a handler for every contract method (unknown ones refused)', async () => {
    for (const m of Object.keys(apiContract.methods)) {
      const e = await backend.dispatch(m, { __nope: 1 }).catch((err: unknown) => err);
      // every method exists: the failure, if any, is about input or a missing id, never "unknown"
      if (e instanceof ApiError) expect(e.code).not.toBe('unknown-method');
    }
    expect((await rejection(backend.dispatch('projects.explode', {}))).code).toBe('unknown-method');
    expect((await rejection(backend.dispatch('__proto__', {}))).code).toBe('unknown-method');
  });

  it('answers invalid input with invalid-input naming the path', async () => {
    const e = await rejection(backend.dispatch('projects.rename', { id: 'a b', name: '' }));
    expect(e.code).toBe('invalid-input');
    expect(e.issues?.map((i) => i.path).sort()).toEqual(['id', 'name']);
    const bad = { ...checkoutTemplate(), edges: [{ id: 'e', kind: 'publish', source: 'nope', target: 'nada' }] };
    const e2 = await rejection(backend.dispatch('projects.create', { name: 'x', topology: bad }));
    expect(e2.issues?.some((i) => i.path.startsWith('topology.edges'))).toBe(true);
  });

  it('runs the project lifecycle and reports the transport and database in app.info', async () => {
    const info = (await backend.dispatch('app.info', {})) as { transport: string; databaseFile: string; version: string };
    expect(info.transport).toBe('websocket');
    expect(info.version).toBe('9.9.9');
    expect(info.databaseFile.startsWith(dir)).toBe(true);
    expect((await backend.dispatch('app.info', {}, { transport: 'ipc' }) as { transport: string }).transport).toBe('ipc');

    const p = (await backend.dispatch('projects.create', { name: '  Shop  ', topology: checkoutTemplate() })) as { id: string; name: string; revision: number };
    expect(p.name).toBe('Shop');
    await backend.dispatch('projects.rename', { id: p.id, name: 'Shop 2' });
    const opened = (await backend.dispatch('projects.open', { id: p.id })) as { topology: { nodes: unknown[] } };
    const saved = (await backend.dispatch('projects.save', { id: p.id, topology: { ...opened.topology, nodes: [], edges: [] } })) as { revision: number };
    expect(saved.revision).toBe(p.revision + 1);
    const versions = (await backend.dispatch('projects.versions', { id: p.id })) as { versionId: number }[];
    expect(versions).toHaveLength(1);
    const restored = (await backend.dispatch('projects.restoreVersion', { id: p.id, versionId: versions[0].versionId })) as { topology: { nodes: unknown[] } };
    expect(restored.topology.nodes.length).toBe(opened.topology.nodes.length);
    expect(await backend.dispatch('projects.delete', { id: p.id })).toEqual({ deleted: true });
    expect((await rejection(backend.dispatch('projects.open', { id: p.id }))).code).toBe('not-found');
  });
});

describe('streams', () => {
  it('pushes projects.changed to subscribers until they unsubscribe', async () => {
    const seen: unknown[] = [];
    const stop = backend.subscribe('projects.changed', {}, (e) => seen.push(e));
    const p = (await backend.dispatch('projects.create', { name: 'A' })) as { id: string };
    await backend.dispatch('projects.rename', { id: p.id, name: 'B' });
    stop();
    await backend.dispatch('projects.delete', { id: p.id });
    expect(seen).toEqual([
      { id: p.id, change: 'created' },
      { id: p.id, change: 'renamed' },
    ]);
    expect(backend.hub.listenerCount('projects.changed')).toBe(0);
  });

  it('refuses unknown streams and bad params', () => {
    expect(() => backend.subscribe('nope', {}, () => {})).toThrow(ApiError);
    expect(() => backend.subscribe('projects.changed', 'x', () => {})).toThrow(/invalid params/);
  });
});
