import { describe, expect, it } from 'vitest';
import { checkoutTemplate } from '../model/templates/checkout';
import { flashSaleTemplate } from '../model/templates/flash-sale';
import { parseTopology } from '../model/validate';
import { expandAxis, parseAxisText } from './axis';
import { metricNamesOf } from './cell-run';
import { parseConditions } from './conditions';
import { parseGoal } from './goal-seek';
import { cellCoords, cellInput, planSweep } from './sweep-plan';

const checkout = checkoutTemplate();
const scenario = { durationSec: 60, seed: 1 };
const axis = (text: string): ReturnType<typeof parseAxisText> & { ok: true } => {
  const r = parseAxisText(text);
  if (!r.ok) throw new Error(r.reason);
  return r;
};
const plan = (axes: string[], extra: object = {}): ReturnType<typeof planSweep> =>
  planSweep({ topology: checkout, scenario, axes: axes.map((a) => axis(a).value), ...extra });

describe('axes', () => {
  it('lists, integer ranges, steps, linear and log points', () => {
    expect(expandAxis(axis('payment.instances=1..8').value)).toEqual({ ok: true, values: [1, 2, 3, 4, 5, 6, 7, 8] });
    expect(expandAxis(axis('x.y=0.1..0.5:0.1').value)).toEqual({ ok: true, values: [0.1, 0.2, 0.3, 0.4, 0.5] });
    expect(expandAxis(axis('orders.partitions=1..64:log7').value)).toEqual({ ok: true, values: [1, 2, 4, 8, 16, 32, 64] });
    expect(expandAxis(axis('a.b=10..1000:log3').value)).toEqual({ ok: true, values: [10, 100, 1000] });
    expect(expandAxis(axis('a.b=20..200:lin4').value)).toEqual({ ok: true, values: [20, 80, 140, 200] });
    expect(expandAxis(axis('a.b=100,200,400').value)).toEqual({ ok: true, values: [100, 200, 400] });
  });

  it('refuses malformed text, downward ranges and log ranges through 0', () => {
    expect(parseAxisText('payment.instances').ok).toBe(false);
    expect(parseAxisText('payment.instances=a..b').ok).toBe(false);
    const down = expandAxis(axis('a.b=8..1').value);
    expect(down.ok ? '' : down.reason).toMatch(/goes down/);
    const log = expandAxis(axis('a.b=0..100:log5').value);
    expect(log.ok ? '' : log.reason).toMatch(/positive start/);
  });
});

describe('planSweep refuses before anything runs', () => {
  it('an unknown node, an unknown setting (listing the numeric ones) and a non-numeric setting', () => {
    const a = plan(['paymnt.instances=1..3']);
    expect(a.ok ? '' : a.issues.join()).toMatch(/no node id starts it.*payment/);
    const b = plan(['payment.instancez=1..3']);
    expect(b.ok ? '' : b.issues.join()).toMatch(/service "payment" has no setting "instancez".*payment\.instances.*payment\.processing\.meanMs/);
    const c = plan(['payment.consumerGroup=1..3']);
    expect(c.ok ? '' : c.issues.join()).toMatch(/has a string, not a number/);
  });

  it('a value the model refuses, with the model\'s reason and where', () => {
    const zero = plan(['payment.instances=0..4']);
    expect(zero.ok).toBe(false);
    expect(zero.ok ? '' : zero.issues[0]).toMatch(/payment\.instances = 0 makes the topology invalid: nodes\[3\]\.settings\.instances: .*1/);
    const half = plan(['orders.partitions=1..3:0.5']);
    expect(half.ok ? '' : half.issues.join()).toMatch(/orders\.partitions = 1\.5 makes the topology invalid.*int/);
    const pct = plan(['payment.failurePct=50..150:50']);
    expect(pct.ok ? '' : pct.issues.join()).toMatch(/= 150 makes the topology invalid/);
  });

  it('grids over 10,000 cells, a parameter varied twice and scenario.seed', () => {
    const big = plan(['payment.instances=1..200', 'storefront.profile.ratePerSec=1..51']);
    expect(big.ok ? '' : big.issues[0]).toMatch(/10200 cells \(200 × payment\.instances × 51 × storefront\.profile\.ratePerSec\); at most 10000/);
    const twice = plan(['payment.instances=1..2', 'payment.instances=3..4']);
    expect(twice.ok ? '' : twice.issues.join()).toMatch(/varied twice/);
    const seed = plan(['scenario.seed=1..3']);
    expect(seed.ok ? '' : seed.issues.join()).toMatch(/not a parameter: use seeds/);
    const bad = planSweep({ topology: { nodes: 'x' }, scenario, axes: [{ path: 'a.b', values: [1] }] });
    expect(bad.ok ? '' : bad.issues.join()).toMatch(/^topology /);
  });

  it('a valid grid: row-major cells, values applied to topology and scenario, the same seeds in every cell', () => {
    const r = plan(['payment.instances=1..3', 'storefront.profile.ratePerSec=100,200'], { seeds: 3 });
    if (!r.ok) throw new Error(r.issues.join());
    expect(r.plan.cellCount).toBe(6);
    expect(r.plan.seeds).toEqual([1, 2, 3]);
    expect(cellCoords(r.plan, 3)).toEqual([2, 200]);
    const c = cellInput(r.plan, [2, 200]);
    if (!c.ok) throw new Error(c.reason);
    const pay = c.topology.nodes.find((n) => n.id === 'payment');
    const sf = c.topology.nodes.find((n) => n.id === 'storefront');
    expect(pay?.kind === 'service' && pay.settings.instances).toBe(2);
    expect(sf?.kind === 'producer' && sf.settings.profile.kind === 'poisson' && sf.settings.profile.ratePerSec).toBe(200);
    const s = plan(['scenario.durationSec=30,60']);
    if (!s.ok) throw new Error(s.issues.join());
    const sc = cellInput(s.plan, [30]);
    expect(sc.ok && sc.scenario.durationSec).toBe(30);
  });

  it('the flash-sale burst: its rates and window are parameters', () => {
    const r = planSweep({ topology: flashSaleTemplate(), scenario, axes: [axis('storefront.profile.burstRatePerSec=100..300:50').value, axis('storefront.profile.burstDurationSec=30,60').value] });
    expect(r.ok && r.plan.cellCount).toBe(10);
    const wrong = planSweep({ topology: flashSaleTemplate(), scenario, axes: [axis('storefront.profile.ratePerSec=1..2').value] });
    expect(wrong.ok ? '' : wrong.issues.join()).toMatch(/storefront\.profile\.baseRatePerSec/);
  });
});

describe('metrics and conditions', () => {
  const t = parseTopology(checkout);
  if (!t.ok) throw new Error('template');
  const names = metricNamesOf(t.value, scenario);

  it('names KPIs, per-node latency, backlog, utilisation and end-to-end flows', () => {
    for (const n of ['ordersLost', 'checkout.p99', 'checkoutP99', 'payment.p99', 'payment.utilisation', 'orders.maxBacklog', 'payment.lag', 'drops', 'e2e.order-payment-authorized.p99']) {
      expect(names.has(n), n).toBe(true);
    }
  });

  it('parses units and refuses unknown metrics with near names', () => {
    const c = parseConditions('checkout.p99 < 2s and ordersLost = 0 and payment.utilisation <= 80%', names);
    expect(c.ok && c.value.map((x) => [x.metric, x.op, x.value])).toEqual([['checkout.p99', '<', 2000], ['ordersLost', '=', 0], ['payment.utilisation', '<=', 0.8]]);
    const bad = parseConditions('payment.p999 < 2s', names);
    expect(bad.ok ? '' : bad.reason).toMatch(/unknown metric "payment\.p999".*payment\.p99/);
    const g = parseGoal('min payment.instances where checkout.p99 < 2s', names);
    expect(g.ok && [g.value.direction, g.value.path]).toEqual(['min', 'payment.instances']);
    expect(parseGoal('smallest payment.instances').ok).toBe(false);
  });
});
