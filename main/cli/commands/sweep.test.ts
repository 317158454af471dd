import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSweepWorkerForTests } from '../../backend/whatif/test-sweep-worker-bundle';
import { runCli } from '../cli';
import type { CliIo } from '../command';
import { ExitCode } from '../command';
import { openStore } from '../../backend/store';
import { SweepStore } from '../../backend/whatif/sweep-store';

const dir = mkdtempSync(path.join(tmpdir(), 'eventflow-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const checkout = path.resolve(__dirname, '../../../resources/templates/checkout.eventflow.json');
let env: Record<string, string | undefined> = {};
beforeAll(async () => {
  env = { ...process.env, EVENTFLOW_SWEEP_WORKER: await buildSweepWorkerForTests() };
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let t = 0;
  const io: CliIo = {
    out: (s) => { out += s; }, err: (s) => { err += s; },
    isTty: false, columns: 120, cwd: dir, now: () => (t += 5), interrupted: { value: false }, env,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

const grid = ['sweep', checkout, '--vary', 'payment.instances=1..2', '--vary', 'storefront.profile.ratePerSec=20,60', '--seeds', '2', '--duration', '1m'];

describe('eventflow sweep', () => {
  it('runs the grid: a row per cell, progress on stderr, the same JSON cells for any worker count', async () => {
    const a = await cli(...grid, '--workers', '2', '--json', 'a.json', '--csv', 'a.csv');
    expect(a.code, a.err).toBe(ExitCode.ok);
    expect(a.err).toMatch(/4 cells × 2 seeds = 8 runs/);
    expect(a.err).toMatch(/progress: 8\/8 runs/);
    const rows = a.out.split('\n\n')[0]!.split('\n');
    expect(rows[0]).toMatch(/^payment\.instances\s+storefront\.profile\.ratePerSec\s+ordersLost/);
    expect(rows.slice(1).map((r) => r.split(/\s+/).slice(0, 2).join(' '))).toEqual(['1 20', '1 60', '2 20', '2 60']);
    const b = await cli(...grid, '--workers', '1', '--json', 'b.json');
    expect(b.code, b.err).toBe(ExitCode.ok);
    const cells = (f: string): unknown => (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { cells: unknown }).cells;
    expect(cells('b.json')).toEqual(cells('a.json'));
    const csv = readFileSync(path.join(dir, 'a.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(5);
    expect(csv[0]).toMatch(/^payment\.instances,storefront\.profile\.ratePerSec,.*ordersLost\.mean,ordersLost\.sd/);
  });

  it('--save keeps the sweep and its cell runs in the app database (a real SQLite file), listed by the app', async () => {
    const dataDir = path.join(dir, 'data');
    const r = await cli(...grid, '--workers', '2', '--save', '--data-dir', dataDir);
    expect(r.code, r.err).toBe(ExitCode.ok);
    expect(r.err).toMatch(/saved as sw-1 in .+ \(8 runs/);
    const store = openStore({ dataDir });
    try {
      const s = new SweepStore(store.db).get(1);
      expect(s).toMatchObject({ status: 'completed', done: 8, total: 8, projectId: null });
      expect(s.cells).toHaveLength(4);
      expect(s.cells.every((c) => c.runIds.length === 2)).toBe(true);
      const runs = store.db.prepare("SELECT count(*) AS n FROM runs WHERE sweep_id = 1 AND status = 'completed' AND summary IS NOT NULL").get() as { n: number };
      expect(runs.n).toBe(8);
    } finally {
      store.close();
    }
    const bad = await cli(...grid, '--data-dir', dataDir);
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.err).toMatch(/--data-dir only applies with --save/);
  });

  it('sweep list / show / rm: the saved sweeps and goal seeks, as runs list / show / rm', async () => {
    const dataDir = path.join(dir, 'saved');
    const a = await cli('sweep', checkout, '--vary', 'payment.instances=1..2', '--seeds', '1', '--duration', '1m', '--save', '--data-dir', dataDir);
    expect(a.code, a.err).toBe(ExitCode.ok);
    const f = await cli('sweep', checkout, '--vary', 'payment.instances=1..8', '--find', 'min payment.instances where payment.utilisation < 25%', '--seeds', '1', '--duration', '1m', '--save', '--data-dir', dataDir);
    expect(f.code, f.err).toBe(ExitCode.ok);
    expect(f.err).toMatch(/saved as sw-2/);

    const list = await cli('sweep', 'list', '--data-dir', dataDir);
    expect(list.code, list.err).toBe(ExitCode.ok);
    const rows = list.out.trim().split('\n');
    expect(rows[0]).toMatch(/^id\s+what\s+cells\s+seeds/);
    expect(rows[1]).toMatch(/^sw-2\s+find: min payment.instances where payment.utilisation < 25%/);
    expect(rows[2]).toMatch(/^sw-1\s+payment.instances=1..2\s+2\s+1\s+1m\s+completed\s+2\/2\s+-/);
    const js = JSON.parse((await cli('sweep', 'list', '--json', '--no-project', '--data-dir', dataDir)).out) as { sweepId: string; projectId: null }[];
    expect(js.map((s) => s.sweepId)).toEqual(['sw-2', 'sw-1']);

    // the goal seek's answer, saved with it, is what the app's Find shows
    const show = await cli('sweep', 'show', 'sw-2', '--data-dir', dataDir);
    expect(show.code, show.err).toBe(ExitCode.ok);
    expect(show.out).toMatch(/goal: min payment.instances where payment.utilisation < 25%/);
    expect(show.out).toMatch(/answer payment.instances = 3 \(meets: 3, fails: 2\)/);
    const csv = (await cli('sweep', 'show', '1', '--csv', '--data-dir', dataDir)).out.trim().split('\n');
    expect(csv[0]).toMatch(/^payment\.instances,/);
    expect(csv).toHaveLength(3);
    const detail = JSON.parse((await cli('sweep', 'show', 'sw-1', '--json', '--data-dir', dataDir)).out) as { cells: { runIds: number[] }[] };
    expect(detail.cells).toHaveLength(2);

    // bad ids and unknown ones say why
    const bad = await cli('sweep', 'show', 'x1', '--data-dir', dataDir);
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.err).toMatch(/"x1" is not a sweep id/);
    const none = await cli('sweep', 'show', 'sw-99', '--data-dir', dataDir);
    expect(none.code).toBe(ExitCode.noInput);
    expect(none.err).toMatch(/no sweep "sw-99"/);

    const rm = await cli('sweep', 'rm', 'sw-1', '--data-dir', dataDir);
    expect(rm.code, rm.err).toBe(ExitCode.ok);
    expect(rm.err).toMatch(/deleted 1 sweep with its cell runs/);
    const store = openStore({ dataDir });
    try {
      expect((store.db.prepare('SELECT count(*) AS n FROM runs WHERE sweep_id = 1').get() as { n: number }).n).toBe(0);
      expect(new SweepStore(store.db).list({ limit: 10 }).map((s) => s.sweepId)).toEqual(['sw-2']);
    } finally {
      store.close();
    }
  });

  it('one parameter: marks the knee of each shown metric', async () => {
    const r = await cli('sweep', checkout, '--vary', 'payment.instances=1..4', '--metrics', 'payment.utilisation', '--seeds', '1', '--duration', '1m');
    expect(r.code, r.err).toBe(ExitCode.ok);
    // utilisation ∝ 1/instances at a fixed rate: the bend is at 2
    expect(r.out).toMatch(/knee \(where more stops paying off\): payment\.utilisation at payment\.instances = 2\n/);
  });

  it('refuses before running: unknown path, a value the model refuses, a grid too big, an unknown metric', async () => {
    const cases: [string[], RegExp][] = [
      [['--vary', 'paymnt.instances=1..3'], /no node id starts it/],
      [['--vary', 'payment.instances=0..3'], /payment\.instances = 0 makes the topology invalid: nodes\[3\]\.settings\.instances/],
      [['--vary', 'payment.instances=1..101', '--vary', 'orders.partitions=1..100'], /10100 cells .* at most 10000/],
      [['--vary', 'payment.instances=1..3', '--find', 'min payment.instances where payment.p999 < 2s'], /unknown metric "payment\.p999".*payment\.p99/],
      [['--vary', 'payment.instances=1..3', '--find', 'min orders.partitions where ordersLost = 0'], /orders\.partitions is not varied/],
      [['--vary', 'payment.instances=1..3', '--fail-if', 'checkout.p99 >> 2s'], /expected <metric> <op> <value>/],
      [['--vary', 'payment.instances'], /expected path=values/],
    ];
    for (const [extra, re] of cases) {
      const r = await cli('sweep', checkout, '--duration', '1m', ...extra);
      expect(r.code, extra.join(' ')).toBe(ExitCode.usage);
      expect(r.err, extra.join(' ')).toMatch(re);
      expect(r.err).not.toMatch(/runs in/);
    }
  });

  it('--find answers with the cell that meets the requirement and the neighbour that does not; --fail-if gates', async () => {
    const r = await cli('sweep', checkout, '--vary', 'payment.instances=1..8', '--find', 'min payment.instances where payment.utilisation < 30%', '--seeds', '2', '--duration', '2m', '--json', 'find.json');
    expect(r.code, r.err).toBe(ExitCode.ok);
    const report = JSON.parse(readFileSync(path.join(dir, 'find.json'), 'utf8')) as { goal: { answer: number; failing: number; probes: unknown[] }[] };
    const g = report.goal[0]!;
    expect(g.failing).toBe(g.answer - 1);
    expect(g.probes.length).toBeLessThan(8);
    expect(r.out).toMatch(new RegExp(`→ payment\\.instances = ${g.answer} `));
    const gate = await cli(...grid, '--fail-if', 'payment.utilisation > 90%');
    expect(gate.code).toBe(ExitCode.failed);
    expect(gate.out).toMatch(/--fail-if payment\.utilisation > 90%: BREACHED at payment\.instances=1 storefront\.profile\.ratePerSec=60/);
    const none = await cli('sweep', checkout, '--vary', 'payment.instances=1..2', '--find', 'min payment.instances where payment.utilisation < 1%', '--seeds', '1', '--duration', '1m');
    expect(none.code).toBe(ExitCode.failed);
    expect(none.out).toMatch(/→ none: not met even at the largest candidate/);
  });
});
