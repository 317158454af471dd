import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PruneResult, StorageUsage } from '../../../shared/api/storage';
import { buildRunWorkerForTests } from '../../backend/runs/test-worker-bundle';
import { isTerminal, openTestBackend } from '../../backend/runs/test-support';
import type { TestBackend } from '../../backend/runs/test-support';
import { runCli } from '../cli';
import type { CliIo } from '../command';
import { ExitCode } from '../command';

let tb: TestBackend;
const ids: number[] = [];

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (s) => { out += s; }, err: (s) => { err += s; }, isTty: false, columns: 120, cwd: tb.dataDir, now: () => 0, interrupted: { value: false }, env: {},
  };
  return { code: await runCli([...argv, '--data-dir', tb.dataDir], io), out, err };
}

beforeAll(async () => {
  tb = openTestBackend(await buildRunWorkerForTests());
  await tb.call('runs.setSettings', { projectId: tb.projectId, settings: { retention: 'all', eventCap: 10_000_000 } });
  for (const seed of [1, 2, 3, 4]) {
    const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: { durationSec: 60, seed }, speed: 'max' });
    expect((await tb.waitStatus(runId, isTerminal)).status).toBe('completed');
    ids.push(runId);
  }
}, 120_000);
afterAll(async () => {
  await tb?.close();
  if (tb) rmSync(tb.dataDir, { recursive: true, force: true });
});

describe('eventflow runs storage / prune', () => {
  it('storage lists what takes the space, as text and --json', async () => {
    const t = await cli('runs', 'storage');
    expect(t.code, t.err).toBe(ExitCode.ok);
    expect(t.out).toMatch(/eventflow\.sqlite: [\d.]+ (KiB|MiB) \([\d.]+ (B|KiB|MiB) free inside\); event logs [\d.]+ (KiB|MiB) of a 2\.0 GiB budget/);
    expect(t.out).toMatch(/#\d+ +[\d.]+ (KiB|MiB) +[\d,]+ events +completed/);
    const j = JSON.parse((await cli('runs', 'storage', '--json')).out) as StorageUsage;
    expect(j.runs).toHaveLength(4);
  });

  it('refuses bad sizes and bad prune arguments with the reason (exit 64), changing nothing', async () => {
    for (const [args, why] of [
      [['runs', 'storage', '--budget', 'lots'], 'expected a size such as 500MB'],
      [['runs', 'storage', '--budget', '1MB'], 'below 16 MiB'],
      [['runs', 'prune'], 'prune needs --keep <n> and/or --older-than <d>'],
      [['runs', 'prune', '--keep', '-1'], 'must be a whole number of runs'],
      [['runs', 'prune', '--older-than', 'yesterday'], 'older-than'],
    ] as const) {
      const r = await cli(...args);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(ExitCode.usage);
      expect(r.err).toContain(why);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect((JSON.parse((await cli('runs', 'storage', '--json')).out) as StorageUsage).runs).toHaveLength(4);
  });

  it('prune --keep 2 --events-only drops the two oldest logs; prune --keep 1 deletes all but the newest run', async () => {
    const e = await cli('runs', 'prune', '--keep', '2', '--events-only', '--json');
    expect(e.code, e.err).toBe(ExitCode.ok);
    expect((JSON.parse(e.out) as PruneResult).eventsPruned.sort()).toEqual([ids[0], ids[1]].sort());
    expect(e.err).toMatch(/0 runs deleted, 2 event logs pruned, [\d.]+ (KiB|MiB) freed/);
    const after = JSON.parse((await cli('runs', 'storage', '--json')).out) as StorageUsage;
    expect(after.runs.filter((r) => r.eventsPrunedAt !== null).map((r) => r.id).sort()).toEqual([ids[0], ids[1]].sort());
    const d = await cli('runs', 'prune', '--keep', '1');
    expect(d.code, d.err).toBe(ExitCode.ok);
    expect(d.err).toMatch(/^3 runs deleted/);
    expect((JSON.parse((await cli('runs', 'storage', '--json')).out) as StorageUsage).runs.map((r) => r.id)).toEqual([ids[3]]);
  });
});
