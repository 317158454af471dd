import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openBackend } from '../backend';
import type { OpenedBackend } from '../backend';
import { parseHostArgs } from './args';
import { CONTENT_SECURITY_POLICY } from './http-security';
import { startWebHost } from './server';
import type { WebHost } from './server';
import { resolveStaticPath } from './static-files';

let dir: string;
let backend: OpenedBackend;
let host: WebHost;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ef-host-'));
  const web = path.join(dir, 'web');
  mkdirSync(path.join(web, 'assets'), { recursive: true });
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(web, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  backend = openBackend({ dataDir: path.join(dir, 'data'), transport: 'websocket' });
  host = await startWebHost({ backend, staticDir: web, port: 0 });
});
afterAll(async () => {
  await host.close();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: pathname, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the HTTP status the upgrade was refused with, or 101 when it was accepted. */
function handshake(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on('error', () => {});
  });
}

/** A connected socket plus a helper that sends a raw frame and waits for the next reply. */
async function connect(): Promise<{ ws: WebSocket; next: (raw: string | Buffer) => Promise<Record<string, unknown>> }> {
  const ws = new WebSocket(host.apiUrl, { origin: host.origin });
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  const next = (raw: string | Buffer) =>
    new Promise<Record<string, unknown>>((resolve) => {
      ws.once('message', (d) => resolve(JSON.parse(d.toString()) as Record<string, unknown>));
      ws.send(raw);
    });
  return { ws, next };
}

describe('static files', () => {
  it('serves the renderer with the strict CSP and right mime types', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect((await get('/assets/app.js')).headers['content-type']).toMatch(/text\/javascript/);
    expect((await get('/nope.js')).status).toBe(404);
  });

  it('never leaves its folder', async () => {
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('secret');
    }
    expect(resolveStaticPath('/srv/web', '/../x')).toBeUndefined();
    expect(resolveStaticPath('/srv/web', '/a/..%2F..%2Fx')).toBeUndefined();
    expect(resolveStaticPath('/srv/web', '/a/b.js')).toBe(path.resolve('/srv/web/a/b.js'));
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/', { Host: 'evil.example:80' })).status).toBe(421);
  });
});

describe('websocket access', () => {
  it('accepts the token from the own origin only', async () => {
    const base = `ws://127.0.0.1:${host.port}/api`;
    expect(await handshake(host.apiUrl, host.origin)).toBe(101);
    expect(await handshake(base, host.origin)).toBe(401);
    expect(await handshake(`${base}?token=wrong`, host.origin)).toBe(401);
    expect(await handshake(`${base}?token=${host.token}x`, host.origin)).toBe(401);
    expect(await handshake(host.apiUrl, 'http://evil.example')).toBe(403);
    expect(await handshake(host.apiUrl, `http://127.0.0.1:${host.port + 1}`)).toBe(403);
    expect(await handshake(host.apiUrl, undefined)).toBe(403);
    expect(await handshake(`ws://127.0.0.1:${host.port}/other?token=${host.token}`, host.origin)).toBe(404);
  });

  it('a new host gets a new random token', async () => {
    const other = await startWebHost({ backend, staticDir: dir, port: 0 });
    expect(other.token).not.toBe(host.token);
    expect(other.token.length).toBeGreaterThanOrEqual(32);
    await other.close();
  });
});

describe('wire protocol', () => {
  it('answers malformed frames with errors and keeps serving', async () => {
    const { ws, next } = await connect();
    const notJson = await next('{oops');
    expect(notJson).toMatchObject({ t: 'res', id: null, ok: false, error: { code: 'invalid-input' } });
    const wrongShape = await next(JSON.stringify({ t: 'req', id: 7, method: 42 }));
    expect(wrongShape).toMatchObject({ t: 'res', id: 7, ok: false, error: { code: 'invalid-input' } });
    expect(await next(JSON.stringify({ t: 'hello' }))).toMatchObject({ ok: false, id: null });
    expect(await next(JSON.stringify([1, 2]))).toMatchObject({ ok: false });
    expect(await next(Buffer.from([1, 2, 3]))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/binary/) } });
    expect(await next(JSON.stringify({ t: 'req', id: 8, method: 'nope.nope', input: {} }))).toMatchObject({ id: 8, ok: false, error: { code: 'unknown-method' } });
    const badInput = await next(JSON.stringify({ t: 'req', id: 9, method: 'projects.create', input: { name: 5 } }));
    expect(badInput).toMatchObject({ id: 9, ok: false, error: { code: 'invalid-input', issues: [{ path: 'name' }] } });
    const ok = await next(JSON.stringify({ t: 'req', id: 10, method: 'projects.list', input: {} }));
    expect(ok).toMatchObject({ t: 'res', id: 10, ok: true });
    ws.close();
  });

  it('streams events to a subscription until unsub', async () => {
    const { ws, next } = await connect();
    expect(await next(JSON.stringify({ t: 'sub', id: 's1', stream: 'projects.changed', params: {} }))).toEqual({ t: 'res', id: 's1', ok: true, result: null });
    expect(await next(JSON.stringify({ t: 'sub', id: 's1', stream: 'projects.changed', params: {} }))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await next(JSON.stringify({ t: 'sub', id: 's2', stream: 'nope', params: {} }))).toMatchObject({ id: 's2', ok: false });
    const frames: Record<string, unknown>[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString()) as Record<string, unknown>));
    ws.send(JSON.stringify({ t: 'req', id: 1, method: 'projects.create', input: { name: 'Streamed' } }));
    await expect.poll(() => frames.length).toBe(2);
    const res = frames.find((f) => f.t === 'res') as { result: { id: string } };
    expect(frames.find((f) => f.t === 'evt')).toEqual({ t: 'evt', id: 's1', event: { id: res.result.id, change: 'created' } });
    ws.send(JSON.stringify({ t: 'unsub', id: 's1' }));
    ws.send(JSON.stringify({ t: 'req', id: 2, method: 'projects.delete', input: { id: res.result.id } }));
    await expect.poll(() => frames.length).toBe(3);
    expect(frames[2]).toMatchObject({ t: 'res', id: 2, ok: true });
    ws.close();
    await expect.poll(() => backend.hub.listenerCount('projects.changed')).toBe(0);
  });

  it('closes a connection whose frame exceeds the size limit', async () => {
    const { ws } = await connect();
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.send('x'.repeat(33 * 1024 * 1024));
    expect(await closed).toBe(1009);
  });
});

describe('arguments', () => {
  it('parses --port and --data-dir and rejects a bad port', () => {
    expect(parseHostArgs(['--port', '8123', '--data-dir', '/d'])).toEqual({ port: 8123, dataDir: '/d' });
    expect(parseHostArgs(['--port=0'])).toEqual({ port: 0, dataDir: undefined });
    expect(() => parseHostArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseHostArgs(['--port', '70000'])).toThrow(/--port/);
  });
});
