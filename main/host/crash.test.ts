/**
 * Kill -9 the web host while it is saving: every save it acknowledged survives, and the
 * database passes PRAGMA integrity_check. The host is bundled exactly as scripts/build.mjs
 * does and run as a real process; saves arrive over its real WebSocket.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { checkoutTemplate } from '../../shared/model/templates';
import { openStore } from '../backend/store';

const root = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'ef-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('loses no acknowledged save when the host is SIGKILLed mid-save', async () => {
  const bundle = path.join(dir, 'host.cjs');
  await build({ entryPoints: [path.join(root, 'main/host/index.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3'], logLevel: 'error' });
  const dataDir = path.join(dir, 'data');
  const child = spawn(process.execPath, [bundle, '--port', '0', '--data-dir', dataDir], { env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /web host: (http:\/\/\S+)/.exec(out);
      if (m) resolve(new URL(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`host exited early (${code})`)));
  });
  const ws = new WebSocket(`ws://${url.host}/api${url.search}`, { origin: url.origin });
  await new Promise((r) => ws.once('open', r));

  let nextId = 0;
  const pending = new Map<number, (result: { ok: boolean; result?: unknown }) => void>();
  ws.on('message', (d) => {
    const f = JSON.parse(d.toString()) as { id: number; ok: boolean; result?: unknown };
    pending.get(f.id)?.(f);
    pending.delete(f.id);
  });
  ws.on('error', () => {});
  const call = (method: string, input: unknown) =>
    new Promise<{ ok: boolean; result?: unknown }>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ t: 'req', id, method, input }));
    });

  const topology = checkoutTemplate();
  const acked = new Map<string, number>(); // project id -> highest acknowledged revision
  const projects: string[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await call('projects.create', { name: `P${i}`, topology });
    const p = r.result as { id: string; revision: number };
    projects.push(p.id);
    acked.set(p.id, p.revision);
  }
  // Keep several saves in flight at all times; kill once enough were acknowledged.
  let saves = 0;
  let killed = false;
  const worker = async (w: number) => {
    while (!killed) {
      const id = projects[(saves + w) % projects.length];
      const kind = saves % 3 === 0 ? 'explicit' : 'autosave';
      const r = await Promise.race([call('projects.save', { id, topology: { ...topology, description: `save ${saves}` }, kind }), new Promise<null>((res) => ws.once('close', () => res(null)))]);
      if (!r || !r.ok) return;
      const rev = (r.result as { revision: number }).revision;
      acked.set(id, Math.max(acked.get(id) ?? 0, rev));
      if (++saves === 150) {
        killed = true;
        child.kill('SIGKILL');
      }
    }
  };
  const exited = new Promise((r) => child.once('exit', r));
  await Promise.all([0, 1, 2, 3].map(worker));
  await exited;
  ws.terminate();
  expect(child.signalCode).toBe('SIGKILL');

  const store = openStore({ dataDir });
  expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  for (const [id, revision] of acked) {
    const p = store.projects.open(id);
    expect(p.revision, `project ${id}`).toBeGreaterThanOrEqual(revision);
    expect(p.topology.nodes.length).toBe(topology.nodes.length);
  }
  expect(store.projects.list()).toHaveLength(projects.length);
  store.close();
});
