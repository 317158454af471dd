import { describe, expect, it } from 'vitest';
import { checkoutTemplate } from '../../../shared/model/templates/checkout';
import { Topology } from '../../../shared/model/topology';
import type { MetricsSnapshot } from '../../../shared/runtime/api';
import { createSimulation } from '../../../shared/runtime/simulation';
import { backlogOf } from './backlog';

describe('backlog badge', () => {
  it('shows the waiting orders once: depth on the topic, lag on Payment, never their sum (real outage run)', () => {
    const t = Topology.parse(checkoutTemplate());
    const snaps: MetricsSnapshot[] = [];
    createSimulation(t, { durationSec: 150, seed: 42, snapshotIntervalMs: 5000, faults: [{ kind: 'down', nodeId: 'payment', startSec: 10, endSec: 100 }] }, { onSnapshot: (s) => snaps.push(s) }).runToEnd();
    const kind = new Map(t.nodes.map((n) => [n.id, n.kind]));
    const fmt = String;
    let shown = 0;
    for (const s of snaps) {
      const by = new Map(s.nodes.map((n) => [n.id, n]));
      const badge = (id: string) => backlogOf(kind.get(id), by.get(id)!.queueDepth, by.get(id)!.consumerLag, fmt);
      const orders = badge('orders');
      const payment = badge('payment');
      expect(orders.text).toBe(`depth ${by.get('orders')!.queueDepth}`);
      expect(payment.lag).toBeLessThanOrEqual(orders.depth);
      expect(payment.text).toBe(payment.lag > 0 ? `lag ${payment.lag}` : '');
      shown = Math.max(shown, payment.lag);
    }
    expect(shown).toBeGreaterThan(1000);
  });

  it('a consumer with its own inbox shows depth and lag side by side, coloured by their sum', () => {
    expect(backlogOf('service', 15, 10, String)).toMatchObject({ text: 'lag 10 · depth 15', level: 'warn' });
    expect(backlogOf('topic', 250, 0, String)).toMatchObject({ text: 'depth 250', level: 'high', lag: 0 });
    expect(backlogOf('sink', 0, 0, String).text).toBe('');
  });
});
