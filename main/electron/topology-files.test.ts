import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatIssues, parseTopology } from '../../shared/model';
import { checkoutTemplate as checkoutInput } from '../../shared/model/templates';
import { nameFromPath, readTopologyFile, safeFileName, topologyPathsInArgv, withTopologyExtension, writeTopologyFile } from './topology-files';

function checkoutTemplate() {
  const r = parseTopology(checkoutInput());
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.value;
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ef-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('.eventflow.json files', () => {
  it('round-trips a topology through a file', async () => {
    const written = await writeTopologyFile(path.join(dir, 'shop'), checkoutTemplate());
    expect(written).toBe(path.join(dir, 'shop.eventflow.json'));
    const r = await readTopologyFile(written);
    if (!r.ok) throw new Error(r.detail);
    expect(r.topology.nodes.length).toBe(checkoutTemplate().nodes.length);
    expect(r.suggestedName).toBe(checkoutTemplate().name);
  });

  it('explains a file that is not JSON', async () => {
    const file = path.join(dir, 'broken.eventflow.json');
    writeFileSync(file, '{ "schemaVersion": 1, ');
    const r = await readTopologyFile(file);
    expect(r).toMatchObject({ ok: false, title: '“broken.eventflow.json” is not a valid EventFlow topology.', missing: false });
    if (!r.ok) expect(r.detail).toMatch(/not valid JSON/);
  });

  it('names where a topology is wrong', async () => {
    const t = checkoutTemplate();
    const file = path.join(dir, 'bad.eventflow.json');
    writeFileSync(file, JSON.stringify({ ...t, edges: [...t.edges, { ...t.edges[0], id: 'dangling', target: 'nope' }] }));
    const r = await readTopologyFile(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail).toMatch(/edges/);
  });

  it('reports a missing file as missing (so Recent can drop it) and a folder as not a file', async () => {
    expect(await readTopologyFile(path.join(dir, 'gone.eventflow.json'))).toMatchObject({ ok: false, missing: true });
    mkdirSync(path.join(dir, 'folder.eventflow.json'));
    expect(await readTopologyFile(path.join(dir, 'folder.eventflow.json'))).toMatchObject({ ok: false, missing: false, title: expect.stringMatching(/not a file/) });
  });

  it('leaves the previous file intact when it cannot write', async () => {
    const file = path.join(dir, 'keep.eventflow.json');
    await writeTopologyFile(file, checkoutTemplate());
    const before = readFileSync(file, 'utf8');
    await expect(writeTopologyFile(path.join(dir, 'no-such-dir', 'x.eventflow.json'), checkoutTemplate())).rejects.toThrow();
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('makes any project name a safe file name', () => {
    expect(safeFileName('Black Friday: EU/US')).toBe('Black Friday- EU-US');
    expect(safeFileName('..\u0000..')).toBe('-..');
    expect(safeFileName('   ')).toBe('topology');
  });

  it('derives names and extensions', () => {
    expect(nameFromPath('/a/Black Friday.eventflow.json')).toBe('Black Friday');
    expect(withTopologyExtension('/a/x.json')).toBe('/a/x.eventflow.json');
    expect(withTopologyExtension('/a/x.EventFlow.json')).toBe('/a/x.EventFlow.json');
    expect(topologyPathsInArgv(['/opt/app/eventflow', '--flag', 'shop.eventflow.json', '/abs/b.eventflow.json', 'x.txt'], '/home/ann')).toEqual(['/home/ann/shop.eventflow.json', '/abs/b.eventflow.json']);
  });
});
