import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunMeta } from '../../../shared/api/runs';
import { buildRunWorkerForTests } from '../../backend/runs/test-worker-bundle';
import { isTerminal, openTestBackend } from '../../backend/runs/test-support';
import type { TestBackend } from '../../backend/runs/test-support';
import { runCli } from '../cli';
import type { CliIo } from '../command';
import { ExitCode } from '../command';

let tb: TestBackend;
let calm: number;
let outage: number;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (s) => { out += s; }, err: (s) => { err += s; }, isTty: false, columns: 120, cwd: tb.dataDir, now: () => 0, interrupted: { value: false }, env: {},
  };
  return { code: await runCli(argv, io), out, err };
}

beforeAll(async () => {
  // the app is open (this backend keeps its connection) while the CLI reads the same file
  tb = openTestBackend(await buildRunWorkerForTests());
  const start = async (faults: unknown[]) => {
    const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario: { durationSec: 180, seed: 5, faults }, speed: 'max' });
    expect((await tb.waitStatus(runId, isTerminal)).status).toBe('completed');
    return runId;
  };
  calm = await start([]);
  outage = await start([{ kind: 'down', nodeId: 'payment-gateway', startSec: 30, endSec: 120 }]);
});
afterAll(async () => {
  await tb?.close();
});

describe('eventflow runs', () => {
  it('lists runs (table and --json) and shows one', async () => {
    const t = await cli('runs', 'list', '--data-dir', tb.dataDir);
    expect(t.code, t.err).toBe(ExitCode.ok);
    expect(t.out).toMatch(/id\s+name\s+status/);
    const j = await cli('runs', 'list', '--project', tb.projectId, '--json', '--data-dir', tb.dataDir);
    const runs = JSON.parse(j.out) as RunMeta[];
    expect(runs.map((r) => r.id)).toEqual([outage, calm]);
    const byP99 = JSON.parse((await cli('runs', 'list', '--sort', 'p99', '--json', '--data-dir', tb.dataDir)).out) as RunMeta[];
    expect(byP99[0]!.id).toBe(outage);
    const s = await cli('runs', 'show', String(outage), '--data-dir', tb.dataDir);
    expect(s.out).toContain('status      completed');
    expect(s.out).toMatch(/down payment-gateway 30s-120s \(scenario\)/);
    expect((await cli('runs', 'show', '999', '--data-dir', tb.dataDir)).code).toBe(ExitCode.noInput);
  });

  it('compare prints the KPI diff and exits 1 when a --fail-if threshold is breached', async () => {
    const ok = await cli('runs', 'compare', String(calm), String(calm), '--fail-if', 'p99 > 1.2x', '--data-dir', tb.dataDir);
    expect(ok.code, ok.err).toBe(ExitCode.ok);
    expect(ok.out).toContain('topology: identical');
    const bad = await cli('runs', 'compare', String(calm), String(outage), '--fail-if', 'p99 > 1.2x', '--fail-if', 'orders < 0', '--data-dir', tb.dataDir);
    expect(bad.code).toBe(ExitCode.failed);
    expect(bad.out).toMatch(/p99 > 1\.2x: BREACHED/);
    expect(bad.out).toMatch(/orders < 0: ok/);
    expect(bad.err).toContain('1 threshold breached');
    const usage = await cli('runs', 'compare', String(calm), String(outage), '--fail-if', 'latency >> 2', '--data-dir', tb.dataDir);
    expect(usage.code).toBe(ExitCode.usage);
  });

  it('exports a self-contained HTML report, metrics CSV and JSON', async () => {
    const h = await cli('runs', 'export', String(outage), '--format', 'html', '--out', 'r.html', '--data-dir', tb.dataDir);
    expect(h.code, h.err).toBe(ExitCode.ok);
    const html = readFileSync(path.join(tb.dataDir, 'r.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|src="http|href="http/);
    for (const s of ['Orders lost', 'Queue depth', 'down on Payment gateway', '<svg']) expect(html).toContain(s);
    const c = await cli('runs', 'export', String(outage), '--format', 'csv', '--data-dir', tb.dataDir);
    const lines = c.out.trim().split('\n');
    expect(lines[0]).toBe('node,time_ms,throughput_per_sec,queue_depth,consumer_lag,in_flight,utilisation,p50_ms,p95_ms,p99_ms,errors,retries,dead_letters,drops,state');
    expect(lines.filter((l) => l.startsWith('system,')).length).toBe(180);
    expect(lines.some((l) => l.startsWith('payment-gateway,60000,') && l.endsWith(',down'))).toBe(true);
    const j = JSON.parse((await cli('runs', 'export', String(calm), '--format', 'json', '--data-dir', tb.dataDir)).out) as { run: { id: number } };
    expect(j.run.id).toBe(calm);
  });

  it('rm deletes a run and its rows', async () => {
    const r = await cli('runs', 'rm', String(calm), '--data-dir', tb.dataDir);
    expect(r.code, r.err).toBe(ExitCode.ok);
    expect((await cli('runs', 'show', String(calm), '--data-dir', tb.dataDir)).code).toBe(ExitCode.noInput);
    const left = tb.backend.store.db.prepare('SELECT count(*) AS n FROM run_event_blocks WHERE run_id = ?').get(calm) as { n: number };
    expect(left.n).toBe(0);
    expect(existsSync(path.join(tb.dataDir, 'eventflow.sqlite'))).toBe(true);
  });
});
