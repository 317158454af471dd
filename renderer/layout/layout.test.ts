import { describe, expect, it } from 'vitest';
import { Topology } from '../../shared/model';
import { checkoutTemplate } from '../../shared/model/templates';
import { groupNodes } from '../store/edits/groups';
import { alignPositions, distributePositions } from './align';
import { applyLayout } from './apply-layout';
import { layoutTopology } from './elk-layout';

const checkout = () => Topology.parse(checkoutTemplate());

describe('align / distribute', () => {
  it('aligns left edges and distributes with equal gaps', () => {
    const t = checkout();
    const left = alignPositions(t, ['inventory', 'payment-gateway', 'analytics'], 'left');
    expect([...left.values()].map((p) => p.x)).toEqual([560, 560, 560]);
    const d = distributePositions(t, ['storefront', 'orders', 'analytics'], 'horizontal');
    // 220-wide default boxes from x=0 to x=1140+220: gaps of (1360 - 660) / 2
    expect(d.get('orders')?.x).toBe(570);
  });
});

describe('ELK auto-layout', () => {
  it('lays the flow out left to right', async () => {
    const t = checkout();
    const r = await layoutTopology(t);
    const x = (id: string) => r.positions.get(id)?.x ?? NaN;
    expect(x('storefront')).toBeLessThan(x('orders'));
    expect(x('orders')).toBeLessThan(x('payment'));
    expect(x('payment')).toBeLessThan(x('payment-gateway'));
  });

  it('keeps a group together: children stay inside the resized group', async () => {
    const grouped = groupNodes(['inventory', 'payment']).run(checkout()).topology;
    const r = await layoutTopology(grouped);
    const t = applyLayout(r).run(grouped).topology;
    expect(Topology.safeParse(t).success).toBe(true);
    const group = t.nodes.find((n) => n.kind === 'group');
    if (!group || group.kind !== 'group') throw new Error('group missing');
    for (const id of ['inventory', 'payment']) {
      const n = t.nodes.find((m) => m.id === id);
      expect(n?.parentId).toBe(group.id);
      expect(n?.position.x).toBeGreaterThanOrEqual(0);
      expect((n?.position.x ?? 0) + 220).toBeLessThanOrEqual(group.settings.width);
      expect((n?.position.y ?? 0) + 92).toBeLessThanOrEqual(group.settings.height);
    }
  });
});
