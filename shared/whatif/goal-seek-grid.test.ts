import { describe, expect, it } from 'vitest';
import { checkoutTemplate } from '../model/templates';
import { parseGoal } from './goal-seek';
import { answerCells, goalSpecText, seekGoalInGrid } from './goal-seek-grid';
import { planSweep } from './sweep-plan';

const plan = (() => {
  const r = planSweep({ topology: checkoutTemplate(), scenario: { durationSec: 60, seed: 1 }, axes: [{ path: 'storefront.profile.ratePerSec', values: [10, 20] }, { path: 'payment.instances', from: 1, to: 8, step: 1 }], seeds: 2 }, { checkCells: false });
  if (!r.ok) throw new Error(r.issues.join('; '));
  return r.plan;
})();

describe('goal seek by cells (what the panel saves and shows)', () => {
  it('the text built from pickers parses back to the same goal', () => {
    const text = goalSpecText({ direction: 'min', path: 'payment.instances', conditions: [{ metric: 'checkout.p99', op: '<', value: 2000 }, { metric: 'ordersLost', op: '=', value: 0 }] });
    expect(text).toBe('min payment.instances where checkout.p99 < 2000 and ordersLost = 0');
    const g = parseGoal(text);
    expect(g.ok && g.value.conditions.map((c) => [c.metric, c.op, c.value])).toEqual([['checkout.p99', '<', 2000], ['ordersLost', '=', 0]]);
  });

  it('answers point at the cells of the grid: the answer, its failing neighbour and every probe, per value of the other axis', async () => {
    const g = parseGoal('min payment.instances where x < 1');
    if (!g.ok) throw new Error(g.reason);
    // x = rate / instances: met from instances > rate (11 at rate 10: none in 1..8; 3 at rate 20? no: met when rate/instances < 1)
    const answers = await seekGoalInGrid(plan, g.value, async (cell) => {
      const rate = cell < 8 ? 10 : 20;
      const inst = (cell % 8) + 1;
      return [{ x: rate / inst / 2 }, { x: rate / inst / 2 }];
    });
    const cells = answerCells(plan, g.value, answers);
    // rate 10: x = 5/inst < 1 from inst 6 (cell 5), 5 fails (cell 4); rate 20: 10/inst < 1 never in 1..8
    expect(cells[0]).toMatchObject({ at: { 'storefront.profile.ratePerSec': 10 }, answer: 6, meetingCell: 5, failingCell: 4 });
    expect(cells[0]!.probeCells[0]).toBe(7);
    expect(new Set(cells[0]!.probeCells).size).toBe(cells[0]!.probeCells.length);
    expect(cells[1]).toMatchObject({ at: { 'storefront.profile.ratePerSec': 20 }, answer: null, meetingCell: null, failingCell: 15 });
    expect(cells[1]!.note).toMatch(/not met even at the largest candidate/);
  });
});
