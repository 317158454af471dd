/**
 * The player's reading of a learner's run (shared/lessons/run-reader.ts) through the real backend:
 * a run stored in SQLite by the run worker, read back via runs.get + runs.stateAt, gives the
 * time-series claims the same figures as the headless check on the same topology and scenario.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import { runForLesson } from '../../../shared/lessons/check';
import { evaluateClaim } from '../../../shared/lessons/claims';
import { readStoredLessonRun } from '../../../shared/lessons/run-reader';
import { Claim, RunRequest } from '../../../shared/lessons/schema';
import { buildRunWorkerForTests } from '../runs/test-worker-bundle';
import { checkoutTopology, isTerminal, openTestBackend } from '../runs/test-support';
import type { TestBackend } from '../runs/test-support';

let tb: TestBackend;
beforeAll(async () => {
  tb = openTestBackend(await buildRunWorkerForTests());
});
afterAll(async () => {
  await tb?.close();
});

const scenario = { durationSec: 240, seed: 4, faults: [{ kind: 'down' as const, nodeId: 'payment', startSec: 60, endSec: 120 }], snapshotIntervalMs: 1000 };
const lag = (atSec: number, op: '<' | '>', value: number) => Claim.parse({
  kind: 'figure', id: `lag-${atSec}`, says: 'lag', metric: { node: 'payment', series: 'consumerLag', atSec }, op, value,
});

describe('time-series claims on a stored run', () => {
  it('read the stored snapshots through the api: the same figures as the headless check, false claims fail', async () => {
    const { runId } = await tb.call<{ runId: number }>('runs.start', { projectId: tb.projectId, scenario, speed: 'max' });
    expect((await tb.waitStatus(runId, isTerminal)).status).toBe('completed');
    const api = { call: (method: string, input: unknown) => tb.call(method, input) } as Pick<ApiClient, 'call'>;
    const stored = await readStoredLessonRun(api, runId, 'outage', [119, 239, 100_000]);
    if (!stored) throw new Error('no summary');
    expect(stored.run.snapshots.map((s) => s.timeMs)).toEqual([119_000, 239_000, 240_000]);
    expect(stored.faults).toEqual([expect.objectContaining({ kind: 'down', nodeId: 'payment' })]);

    const headless = runForLesson(checkoutTopology(), RunRequest.parse({ label: 'outage', ...scenario }));
    const topology = checkoutTopology();
    const on = (run: typeof headless) => ({ runs: new Map([['outage', run]]), latest: 'outage', topology });
    for (const c of [lag(119, '>', 300), lag(119, '<', 10), lag(239, '<', 50), lag(239, '>', 300)]) {
      const live = evaluateClaim(c, on(stored.run));
      const check = evaluateClaim(c, on(headless));
      expect(live.measured, `${c.id}`).toBe(check.measured);
      expect(live.status).toBe(check.status);
    }
    expect(evaluateClaim(lag(119, '>', 300), on(stored.run)).status).toBe('pass');
    const wrong = evaluateClaim(lag(119, '<', 10), on(stored.run));
    expect(wrong.status).toBe('fail');
    expect(wrong.explanation).toMatch(/^not yet — Payment consumer lag at 119 s was [\d,]+, the claim needs < 10$/);
  });
});
