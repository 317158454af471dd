/**
 * Claims over a time series at a time, on a real simulated run: Payment down for a minute, its
 * consumer lag read at a time inside the outage and after it. A claim that is false fails and
 * says what was measured at that time.
 */
import { describe, expect, it } from 'vitest';
import { checkoutTemplate } from '../model/templates';
import { Topology } from '../model/topology';
import { runForLesson } from './check';
import { evaluateClaim } from './claims';
import { readFigure } from './figures';
import { seriesTimes } from './run-reader';
import { Claim, RunRequest, Step } from './schema';

const shop = Topology.parse(checkoutTemplate());
const outage = runForLesson(shop, RunRequest.parse({ label: 'outage', durationSec: 240, seed: 4, faults: [{ kind: 'down', nodeId: 'payment', startSec: 60, endSec: 120 }] }));
const ctx = { runs: new Map([['outage', outage]]), latest: 'outage', topology: shop };
const lagAt = (atSec: number, op: '<' | '>', value: number) => Claim.parse({
  kind: 'figure', id: `lag-${atSec}`, says: `Payment's lag at ${atSec} s`, metric: { node: 'payment', series: 'consumerLag', atSec }, op, value,
});

describe('a time-series claim', () => {
  it('reads the snapshot in force at that time: the backlog while Payment is down, gone after', () => {
    const during = readFigure(outage, { node: 'payment', series: 'consumerLag', atSec: 119 });
    const after = readFigure(outage, { node: 'payment', series: 'consumerLag', atSec: 239 });
    if (!during.ok || !after.ok) throw new Error('series not read');
    expect(during.value).toBeGreaterThan(300);
    expect(after.value).toBeLessThan(during.value / 10);
    expect(evaluateClaim(lagAt(119, '>', 300), ctx).status).toBe('pass');
  });

  it('that is false fails, with the figure measured at that time and the bound', () => {
    const r = evaluateClaim(lagAt(119, '<', 10), ctx);
    expect(r.status).toBe('fail');
    expect(r.measured).toBeGreaterThan(300);
    expect(r.explanation).toMatch(/^not yet — Payment consumer lag at 119 s was [\d,]+, the claim needs < 10$/);
    const late = evaluateClaim(lagAt(239, '>', 300), ctx);
    expect(late.status).toBe('fail');
    expect(late.explanation).toMatch(/^not yet — Payment consumer lag at 239 s was \d+, the claim needs > 300$/);
  });

  it('before the first snapshot cannot be checked, and says so', () => {
    const early = { ...outage, snapshots: outage.snapshots.filter((s) => s.timeMs >= 5000) };
    const r = evaluateClaim(lagAt(2, '<', 10), { ...ctx, runs: new Map([['outage', early]]) });
    expect(r).toMatchObject({ status: 'fail', explanation: 'cannot check — run "outage" has no snapshot at or before 2 s' });
  });

  it('the times a lesson\'s series claims read are listed once each, in order (what the player loads)', () => {
    const step = (claims: unknown[]) => Step.parse({ id: 's', title: 't', narration: 'n', action: { kind: 'read' }, claims });
    const cmp = { kind: 'compare', id: 'c', says: 's', relation: 'ratio', op: '<', value: 1, left: { metric: { node: 'payment', series: 'queueDepth', atSec: 30 } }, right: { metric: { node: 'payment', figure: 'in' } } };
    expect(seriesTimes([step([lagAt(119, '<', 1), lagAt(30, '<', 1)]), step([cmp, lagAt(119, '>', 1)])])).toEqual([30, 119]);
  });
});
