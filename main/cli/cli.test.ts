import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkoutTemplate } from '../../shared/model/templates/checkout';
import { build, edge, node } from '../../shared/model/test-builders';
import { runCli } from './cli';
import type { CliIo } from './command';
import { ExitCode } from './command';
import { parseDuration } from './args';
import { openStore } from '../backend/store';
import { RunRepository } from '../backend/runs/run-repository';

const dir = mkdtempSync(path.join(tmpdir(), 'eventflow-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// the shipped template file (resources/templates) when present, else the same template written here
const shipped = path.resolve(__dirname, '../../resources/templates/checkout.eventflow.json');
const checkoutFile = existsSync(shipped) ? shipped : path.join(dir, 'checkout.eventflow.json');
if (!existsSync(shipped)) writeFileSync(checkoutFile, JSON.stringify(checkoutTemplate(), null, 2));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let t = 0;
  const io: CliIo = {
    out: (s) => { out += s; },
    err: (s) => { err += s; },
    isTty: false, columns: 100, cwd: dir, now: () => (t += 5), interrupted: { value: false },
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe('eventflow run', () => {
  it('prints per-node throughput, queue peaks, percentiles and KPIs, identical for the same seed', async () => {
    const a = await cli('run', checkoutFile, '--duration', '10m', '--seed', '7');
    expect(a.code, a.err).toBe(ExitCode.ok);
    for (const s of ['node', 'out/s', 'peak queue', 'p50 ms', 'p95 ms', 'p99 ms', 'payment', 'business KPIs', 'orders', 'revenue']) expect(a.out).toContain(s);
    const b = await cli('run', checkoutFile, '--duration', '10m', '--seed', '7');
    expect(b.out).toBe(a.out);
    const c = await cli('run', checkoutFile, '--duration', '10m', '--seed', '8');
    expect(c.out).not.toBe(a.out);
  });

  it('writes a JSON report with the summary and the time series', async () => {
    const r = await cli('run', checkoutFile, '--duration', '2m', '--json', 'report.json', '--snapshot-interval', '30s', '--fault', 'down:payment:30-60');
    expect(r.code, r.err).toBe(ExitCode.ok);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as { summary: { nodes: { id: string; state: string }[]; faults: unknown[] }; snapshots: { timeMs: number; nodes: { id: string; state: string }[] }[] };
    expect(report.snapshots.map((s) => s.timeMs)).toEqual([30_000, 60_000, 90_000, 120_000]);
    expect(report.summary.faults).toHaveLength(1);
    expect(report.snapshots[0]!.nodes.find((n) => n.id === 'payment')!.state).toBe('down');
  });

  it('--json - puts only the JSON report on stdout (the table goes to stderr) and writes no file', async () => {
    const r = await cli('run', checkoutFile, '--duration', '1m', '--json', '-', '--snapshot-interval', '30s');
    expect(r.code, r.err).toBe(ExitCode.ok);
    const report = JSON.parse(r.out) as { summary: unknown; snapshots: { timeMs: number }[] };
    expect(report.snapshots.map((s) => s.timeMs)).toEqual([30_000, 60_000]);
    expect(r.err).toContain('business KPIs');
    expect(existsSync(path.join(dir, '-'))).toBe(false);
  });

  it('reads a scenario file, lets flags override it, and paces real time with --speed', async () => {
    writeFileSync(path.join(dir, 'scenario.json'), JSON.stringify({ durationSec: 30, seed: 3, faults: [{ kind: 'slowdown', nodeId: 'payment', startSec: 0, endSec: 30, factor: 3 }] }));
    const r = await cli('run', checkoutFile, '--scenario', 'scenario.json', '--seed', '9', '--speed', '1000');
    expect(r.code, r.err).toBe(ExitCode.ok);
    expect(r.out).toContain('30s simulated');
    expect(r.out).toContain('seed 9');
    expect(r.out).toContain('faults: slowdown payment 0-30s');
    const max = await cli('run', checkoutFile, '--scenario', 'scenario.json', '--seed', '9');
    expect(max.out).toBe(r.out);
    writeFileSync(path.join(dir, 'bad-scenario.json'), JSON.stringify({ durationSec: -5 }));
    const bad = await cli('run', checkoutFile, '--scenario', 'bad-scenario.json');
    expect(bad.code).toBe(ExitCode.dataError);
    expect(bad.err).toContain('durationSec');
  });

  it('names the place of each problem in an invalid topology (exit 65)', async () => {
    const bad = checkoutTemplate();
    bad.edges.push({ id: 'e-bad', kind: 'publish', source: 'storefront', target: 'nowhere' });
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
    const r = await cli('run', 'bad.json');
    expect(r.code).toBe(ExitCode.dataError);
    expect(r.err).toContain('bad.json: edges[10].target: edge "e-bad" ends at unknown node "nowhere"');
    writeFileSync(path.join(dir, 'broken.json'), '{"nodes": [');
    const j = await cli('run', 'broken.json');
    expect(j.code).toBe(ExitCode.dataError);
    expect(j.err).toContain('not valid JSON');
  });

  it('usage errors (64), missing files (66), unknown fault nodes (65)', async () => {
    expect((await cli('run')).code).toBe(ExitCode.usage);
    expect((await cli('run', checkoutFile, '--duration', 'soon')).err).toContain('is not a duration');
    expect((await cli('run', checkoutFile, '--speed', '5000')).code).toBe(ExitCode.usage);
    expect((await cli('run', checkoutFile, '--bogus')).code).toBe(ExitCode.usage);
    expect((await cli('run', checkoutFile, '--fault', 'melt:payment:1-2')).code).toBe(ExitCode.usage);
    expect((await cli('frobnicate')).code).toBe(ExitCode.usage);
    const missing = await cli('run', 'nope.json');
    expect(missing.code).toBe(ExitCode.noInput);
    expect(missing.err).toContain('nope.json: no such file');
    const unknownNode = await cli('run', checkoutFile, '--duration', '1m', '--fault', 'down:ghost:1-2');
    expect(unknownNode.code).toBe(ExitCode.dataError);
    expect(unknownNode.err).toContain('unknown node "ghost"');
    expect((await cli('run', checkoutFile, '--data-dir', 'x')).code).toBe(ExitCode.usage);
  });

  it('--save records the run in the app database: listed with scenario, seed, summary and metric series', async () => {
    const dataDir = path.join(dir, 'data');
    const r = await cli('run', checkoutFile, '--duration', '2m', '--seed', '11', '--save', '--data-dir', 'data', '--fault', 'down:notification:30-60');
    expect(r.code, r.err).toBe(ExitCode.ok);
    expect(r.err).toMatch(/saved as run #1 in .*eventflow\.sqlite/);
    const store = openStore({ dataDir });
    try {
      const repo = new RunRepository(store.db);
      const [meta] = repo.list({ sortBy: 'date', order: 'desc', limit: 10 });
      expect(meta!.status).toBe('completed');
      const detail = repo.detail(meta!.id);
      expect(detail.summary!.seed).toBe(11);
      expect(detail.summary!.simulatedMs).toBe(120_000);
      expect(detail.summary!.kpis.orders).toBeGreaterThan(1000);
      const series = repo.metrics(meta!.id, 'notification');
      expect(series.timeMs).toHaveLength(120);
      expect(Math.max(...series.consumerLag)).toBeGreaterThan(100); // the outage backlog, held for it in the topic
    } finally {
      store.close();
    }
  });

  it('a zero-delay cycle is refused by the same lint errors as the app (exit 1), not a hang', async () => {
    const loop = {
      schemaVersion: 1, name: 'loop',
      nodes: [
        { id: 'p', name: 'p', kind: 'producer', position: { x: 0, y: 0 }, settings: { emits: ['OrderPlaced'], profile: { kind: 'replay', events: [{ atMs: 1000, type: 'OrderPlaced', key: 'o' }] } } },
        { id: 't', name: 't', kind: 'topic', position: { x: 0, y: 0 }, settings: {} },
        { id: 's', name: 's', kind: 'service', position: { x: 0, y: 0 }, settings: { processing: { kind: 'fixed', ms: 0 }, emitsOnSuccess: ['OrderPlaced'] } },
      ],
      edges: [
        { id: 'a', kind: 'publish', source: 'p', target: 't' }, { id: 'b', kind: 'subscribe', source: 't', target: 's' },
        { id: 'c', kind: 'publish', source: 's', target: 't' },
      ],
    };
    writeFileSync(path.join(dir, 'loop.json'), JSON.stringify(loop));
    const r = await cli('run', 'loop.json', '--duration', '10s');
    expect(r.code).toBe(ExitCode.failed);
    expect(r.err).toContain('loop.json: The topology has 1 error; fix it to run:');
    expect(r.err).toContain('[runaway-feedback-loop]');
    expect(r.out).toBe('');
  });

  it('prints the warnings that apply to a run and keeps them in the JSON report', async () => {
    const t = JSON.parse(readFileSync(checkoutFile, 'utf8')) as { nodes: { id: string; settings: Record<string, unknown> }[] };
    const payment = t.nodes.find((n) => n.id === 'payment');
    if (!payment) throw new Error('checkout has no payment');
    Object.assign(payment.settings, { instances: 1, concurrency: 1 }); // overloaded: runs, with a warning
    writeFileSync(path.join(dir, 'overloaded.json'), JSON.stringify(t));
    const r = await cli('run', 'overloaded.json', '--duration', '30s', '--json', 'over-report.json');
    expect(r.code, r.err).toBe(ExitCode.ok);
    expect(r.err).toMatch(/overloaded\.json: \d+ warnings? apply to this run:\n {2}- payment: "Payment" receives .* \[capacity-exceeded\]/);
    const report = JSON.parse(readFileSync(path.join(dir, 'over-report.json'), 'utf8')) as { warnings: { code: string; nodeId?: string }[] };
    expect(report.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'capacity-exceeded', nodeId: 'payment' })]));
  });

  it('off a terminal, prints a plain progress line with %, events and ETA every few seconds of wall time', async () => {
    let err = '';
    let out = '';
    let t = 0;
    // each clock read advances 1 s of "wall time": deterministic, no real waiting
    const io: CliIo = { out: (s) => void (out += s), err: (s) => void (err += s), isTty: false, columns: 100, cwd: dir, now: () => (t += 1000), interrupted: { value: false } };
    expect(await runCli(['run', checkoutFile, '--duration', '10m', '--seed', '7'], io)).toBe(ExitCode.ok);
    const lines = err.split('\n').filter((l) => l.startsWith('progress: '));
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l).toMatch(/^progress: (\d+[hms])+\/10m simulated \(\d{1,3}%\), [\d,]+ events, ETA (\d+[hms])+$/);
    expect(err).not.toContain('\r'); // no bar redraws in a log
    expect(out).toBe((await cli('run', checkoutFile, '--duration', '10m', '--seed', '7')).out); // stdout unchanged
  });

  it('refuses before starting a run estimated above the event limit, says by how much and how to raise it (exit 1)', async () => {
    const r = await cli('run', checkoutFile, '--duration', '1h', '--max-events', '2000', '--json', 'refused.json', '--save', '--data-dir', 'refused-data');
    expect(r.code, r.err).toBe(ExitCode.failed);
    // the checkout template creates 80 messages/s: 288,000 in an hour
    expect(r.err).toMatch(/refused before starting: this run would create about 288,000 events \(80\/s over 1h simulated\), more than --max-events 2,000; shorten --duration or raise the limit, e\.g\. --max-events 3\.5e5/);
    expect(r.out).toBe('');
    expect(existsSync(path.join(dir, 'refused.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'refused-data'))).toBe(false); // nothing stored
    // without --max-events the default limit (5e7) applies: 250 hours of checkout traffic are refused
    const long = await cli('run', checkoutFile, '--duration', '250h');
    expect(long.code, long.err).toBe(ExitCode.failed);
    expect(long.err).toMatch(/about 72,000,000 events .* more than the default limit of 50,000,000 events/);
    expect((await cli('run', checkoutFile, '--duration', '1m', '--max-events', '1e9')).code).toBe(ExitCode.ok);
  });

  it('--max-events stops a run whose estimate was too low just past N events (exit 1), summary so far', async () => {
    // a daily profile whose peak is at t = 0: the estimate counts its mean (10/s), the first hour runs near 20/s
    const peakFirst = build([
      node('producer', 'web', { profile: { kind: 'diurnal', meanRatePerSec: 10, amplitude: 1, periodSec: 86_400, peakAtSec: 0 }, emits: ['OrderPlaced'] }),
      node('topic', 'orders'),
      node('service', 'payment', { emitsOnSuccess: [] }),
    ], [edge('publish', 'web', 'orders', ['OrderPlaced']), edge('subscribe', 'orders', 'payment', ['OrderPlaced'])]);
    writeFileSync(path.join(dir, 'peak-first.json'), JSON.stringify(peakFirst));
    const r = await cli('run', 'peak-first.json', '--duration', '1h', '--max-events', '50000', '--json', 'capped.json');
    expect(r.code, r.err).toBe(ExitCode.failed);
    expect(r.err).toMatch(/stopped: [\d,]+ events exceed --max-events 50,000 at \d+m?\d*s? of 1h simulated/);
    expect(r.out).toContain('(stopped early)');
    const report = JSON.parse(readFileSync(path.join(dir, 'capped.json'), 'utf8')) as { summary: { messages: number; completed: boolean } };
    expect(report.summary.completed).toBe(false);
    expect(report.summary.messages).toBeGreaterThan(50_000);
    // slices shrink near the limit: it stops close to N, not a whole 18 s slice later
    expect(report.summary.messages).toBeLessThan(50_100);
  });

  it('help lists the registered commands', async () => {
    const r = await cli('help');
    expect(r.code).toBe(ExitCode.ok);
    expect(r.out).toContain('run');
  });
});

describe('parseDuration', () => {
  it('reads compound durations and rejects junk', () => {
    expect(parseDuration('1h', 'd')).toBe(3_600_000);
    expect(parseDuration('2h30m', 'd')).toBe(9_000_000);
    expect(parseDuration('500ms', 'd')).toBe(500);
    expect(parseDuration('45', 'd')).toBe(45_000);
    expect(() => parseDuration('1h junk', 'd')).toThrow(/not a duration/);
  });
});
