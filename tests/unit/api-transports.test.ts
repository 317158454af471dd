/**
 * The same api scenario through both transports the renderer can use from this machine:
 * the in-process dispatcher (what the Electron IPC transport calls) and a real WebSocket to a
 * real web host on port 0, through the renderer's own ws-transport.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { createApiClient } from '../../shared/api/client';
import type { ApiClient, ApiTransport } from '../../shared/api/client';
import { ApiError } from '../../shared/api/define';
import { checkoutTemplate } from '../../shared/model/templates';
import { openBackend } from '../../main/backend';
import type { OpenedBackend } from '../../main/backend';
import { startWebHost } from '../../main/host/server';
import type { WebHost } from '../../main/host/server';
import { createWsTransport } from '../../renderer/api/ws-transport';
import type { SocketLike, WsTransport } from '../../renderer/api/ws-transport';

let dir: string;
let backend: OpenedBackend;
let host: WebHost;
let ws: WsTransport;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ef-transports-'));
  backend = openBackend({ dataDir: dir, transport: 'websocket' });
  host = await startWebHost({ backend, staticDir: dir, port: 0 });
  ws = createWsTransport({ url: host.apiUrl, connect: (url) => new WebSocket(url, { origin: host.origin }) as unknown as SocketLike, reconnectDelaysMs: [20] });
});
afterAll(async () => {
  ws.close();
  await host.close();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

const inProcess = (): ApiTransport => ({
  kind: 'ipc',
  request: (m, i) => backend.dispatch(m, i),
  subscribe: (s, p, cb) => backend.subscribe(s, p, cb),
});

const transports: [string, () => ApiTransport][] = [
  ['in-process dispatcher', inProcess],
  ['WebSocket to the web host', () => ws],
];

describe.each(transports)('api over %s', (_name, transport) => {
  let api: ApiClient;
  beforeAll(() => {
    api = createApiClient(transport());
  });

  it('creates, lists, renames, saves, opens and deletes, with change events', async () => {
    const events: { id: string; change: string }[] = [];
    const stop = api.subscribe('projects.changed', {}, (e) => events.push(e));
    await new Promise((r) => setTimeout(r, 50)); // let the WebSocket subscription be acknowledged
    const p = await api.call('projects.create', { name: 'Checkout', topology: checkoutTemplate() });
    expect((await api.call('projects.list', {})).some((s) => s.id === p.id)).toBe(true);
    expect((await api.call('projects.rename', { id: p.id, name: 'Checkout v2' })).name).toBe('Checkout v2');
    // the project's name is its topology's name (last writer wins, like the rest of the topology)
    const saved = await api.call('projects.save', { id: p.id, topology: { ...p.topology, name: 'Checkout v2' }, kind: 'explicit' });
    expect(saved.revision).toBe(p.revision + 1);
    const opened = await api.call('projects.open', { id: p.id });
    expect(opened.topology.nodes.length).toBe(p.topology.nodes.length);
    expect(opened.name).toBe('Checkout v2');
    expect(await api.call('projects.delete', { id: p.id })).toEqual({ deleted: true });
    await expect.poll(() => events.filter((e) => e.id === p.id).map((e) => e.change)).toEqual(['created', 'renamed', 'saved', 'deleted']);
    stop();
  });

  it('carries errors as ApiError with code and issue paths', async () => {
    const e = await api.call('projects.rename', { id: '../etc', name: '' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('invalid-input');
    expect((e as ApiError).issues?.map((i) => i.path).sort()).toEqual(['id', 'name']);
    const nf = await api.call('projects.open', { id: 'missing' }).catch((err: unknown) => err);
    expect((nf as ApiError).code).toBe('not-found');
  });
});

describe('WebSocket transport lifecycle', () => {
  it('rejects a request in flight with "disconnected" when the socket drops', async () => {
    // a server that drops the connection on the first frame: the reply never comes
    const dropper = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    dropper.on('connection', (s) => s.on('message', () => s.terminate()));
    await new Promise((r) => dropper.once('listening', r));
    const url = `ws://127.0.0.1:${(dropper.address() as AddressInfo).port}/api?token=x`;
    const t = createWsTransport({ url, connect: (u) => new WebSocket(u) as unknown as SocketLike, reconnectDelaysMs: [1000] });
    const e = await createApiClient(t).call('projects.list', {}).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('disconnected');
    t.close();
    dropper.close();
  });

  it('rejects pending requests with "disconnected" when the host goes away, then reconnects', async () => {
    const dir2 = mkdtempSync(path.join(os.tmpdir(), 'ef-reconnect-'));
    const b = openBackend({ dataDir: dir2, transport: 'websocket' });
    let h = await startWebHost({ backend: b, staticDir: dir2, port: 0 });
    const port = h.port;
    const t = createWsTransport({ url: h.apiUrl, connect: (url) => new WebSocket(url, { origin: h.origin }) as unknown as SocketLike, reconnectDelaysMs: [30] });
    const api = createApiClient(t);
    const events: string[] = [];
    api.subscribe('projects.changed', {}, (e) => events.push(e.change));
    await api.call('projects.list', {});
    expect(t.state).toBe('open');
    await h.close();
    await expect.poll(() => t.state).toBe('reconnecting');
    const whileDown = await api.call('projects.list', {}).catch((e: unknown) => e);
    expect((whileDown as ApiError).code).toBe('disconnected');
    h = await startWebHost({ backend: b, staticDir: dir2, port, token: h.token });
    await expect.poll(() => t.state, { timeout: 5000 }).toBe('open');
    expect(await api.call('projects.list', {})).toEqual([]);
    // the subscription was renewed on the new connection
    await api.call('projects.create', { name: 'after reconnect' });
    await expect.poll(() => events).toEqual(['created']);
    t.close();
    await h.close();
    b.close();
    rmSync(dir2, { recursive: true, force: true });
  });
});
