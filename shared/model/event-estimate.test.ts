import { describe, expect, it } from 'vitest';
import type { Fault } from '../runtime/api';
import { createSimulation } from '../runtime/simulation';
import { estimateRunEvents } from './event-estimate';
import { checkoutTemplate } from './templates/checkout';
import { flashSaleTemplate } from './templates/flash-sale';
import { monolithTemplate } from './templates/monolith';
import type { TopologyInput } from './topology';
import { parseTopology } from './validate';

const parsed = (t: TopologyInput) => {
  const r = parseTopology(t);
  if (!r.ok) throw new Error('template does not parse');
  return r.value;
};

describe('estimateRunEvents (the CLI refuses a run above its event limit before starting)', () => {
  const cases: [string, TopologyInput, Fault[]][] = [
    ['checkout', checkoutTemplate(), []],
    ['checkout with a 5× burst for a third of the run', checkoutTemplate(), [{ kind: 'burst', nodeId: 'storefront', startSec: 1200, endSec: 2400, factor: 5 }]],
    ['flash sale', flashSaleTemplate(), []],
    ['monolith', monolithTemplate(), []],
  ];
  it.each(cases)('%s: the estimate is within a tenth of the messages the simulation creates in an hour', (name, input, faults) => {
    const topology = parsed(input);
    const est = estimateRunEvents(topology, { durationSec: 3600, faults });
    const actual = createSimulation(topology, { durationSec: 3600, seed: 3, faults }).runToEnd().messages;
    expect(actual).toBeGreaterThan(1000);
    console.log(`${name}: estimated ${Math.round(est.messages)}, created ${actual} (${((est.messages / actual - 1) * 100).toFixed(1)} %)`);
    expect(Math.abs(est.messages / actual - 1)).toBeLessThan(0.1);
    if (faults.length > 0) expect(est.fromBursts).toBeGreaterThan(0);
  });
});
