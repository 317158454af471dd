import type { TopologyInput } from '../topology';
import { checkoutTemplate } from './checkout';

/**
 * The event-driven checkout hit by a flash sale: 20 orders/s, then 150/s for one minute. The
 * storefront keeps answering at once; Payment (12 partitions, ~49 orders/s) falls behind, the
 * `orders` topic buffers the backlog and it drains after the sale. Lint warns about the peak on
 * purpose: that is the lesson.
 */
export function flashSaleTemplate(): TopologyInput {
  const t = checkoutTemplate();
  return {
    ...t,
    name: 'Flash sale (event-driven checkout under a burst)',
    description: 'One minute of 150 orders/s: watch the orders topic absorb the burst and drain while the storefront stays fast.',
    nodes: t.nodes.map((n) => (n.kind === 'producer'
      ? { ...n, settings: { ...n.settings, profile: { kind: 'burst' as const, baseRatePerSec: 20, burstRatePerSec: 150, burstStartSec: 60, burstDurationSec: 60 } } }
      : n)),
  };
}
