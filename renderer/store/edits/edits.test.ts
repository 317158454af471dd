import { describe, expect, it } from 'vitest';
import type { Topology } from '../../../shared/model';
import { Topology as TopologySchema } from '../../../shared/model';
import { checkoutTemplate as checkout } from '../../../shared/model/templates';
import { addNode, connect, copySelection, duplicate, groupNodes, paste, removeElements, ungroup } from './index';

const base = (): Topology => TopologySchema.parse(checkout());
const valid = (t: Topology) => TopologySchema.safeParse(t).success;

describe('edits', () => {
  it('addNode creates a schema-valid node with a fresh id and name', () => {
    const t = base();
    const r = addNode('service', { x: 10.4, y: 20 }).run(t);
    const added = r.topology.nodes.at(-1);
    expect(added?.name).toBe('Service');
    expect(added?.position).toEqual({ x: 10, y: 20 });
    expect(r.select?.nodes).toEqual([added?.id]);
    const r2 = addNode('service', { x: 0, y: 0 }).run(r.topology);
    expect(r2.topology.nodes.at(-1)?.name).toBe('Service 2');
    expect(valid(r2.topology)).toBe(true);
  });

  it('connect takes the edge kind from the rules and event types from the source, and refuses illegal pairs', () => {
    let t = addNode('topic', { x: 0, y: 0 }).run(base()).topology;
    t = addNode('service', { x: 0, y: 0 }).run(t).topology;
    const pub = connect('payment', 'topic').run(t).topology;
    expect(pub.edges.at(-1)).toMatchObject({ kind: 'publish', eventTypes: ['PaymentAuthorized', 'PaymentFailed'] });
    const sub = connect('topic', 'service').run(pub).topology;
    expect(sub.edges.at(-1)).toMatchObject({ kind: 'subscribe', eventTypes: ['PaymentAuthorized', 'PaymentFailed'] });
    const svc = sub.nodes.find((n) => n.id === 'service');
    expect(svc?.kind === 'service' && svc.settings.consumes).toEqual(['PaymentAuthorized', 'PaymentFailed']);
    expect(connect('topic', 'storefront').run(sub).topology).toBe(sub);
    expect(connect('payment', 'payment-gateway').run(t).topology).toBe(t); // already connected
    expect(valid(sub)).toBe(true);
  });

  it('removeElements drops attached edges and clears dead-letter references', () => {
    const t = removeElements(['payments-dlq', 'orders'], []).run(base()).topology;
    expect(t.edges.some((e) => e.source === 'orders' || e.target === 'orders')).toBe(false);
    const payment = t.nodes.find((n) => n.id === 'payment');
    expect(payment?.kind === 'service' && payment.settings.deadLetterTarget).toBe('');
    expect(valid(t)).toBe(true);
  });

  it('copy/paste re-generates ids, keeps inner edges and remaps dead-letter targets', () => {
    const t = base();
    const payload = copySelection(t, ['payment', 'payments-dlq', 'payment-gateway']);
    expect(payload.edges.map((e) => e.id)).toEqual(['e-payment-gateway']);
    const json = JSON.parse(JSON.stringify(payload));
    const r = paste(json, { x: 100, y: 0 }).run(t);
    expect(r.topology.nodes).toHaveLength(t.nodes.length + 3);
    expect(r.select?.nodes).toEqual(['payment-2', 'payment-gateway-2', 'payments-dlq-2']);
    const copy = r.topology.nodes.find((n) => n.id === 'payment-2');
    expect(copy?.kind === 'service' && copy.settings.deadLetterTarget).toBe('payments-dlq-2');
    expect(r.topology.edges.at(-1)).toMatchObject({ source: 'payment-2', target: 'payment-gateway-2', kind: 'call' });
    expect(valid(r.topology)).toBe(true);
  });

  it('duplicate offsets the copy; grouping makes children relative and ungroup restores them', () => {
    const t = base();
    const d = duplicate(t, ['inventory']).run(t).topology;
    expect(d.nodes.at(-1)?.position).toEqual({ x: 600, y: 80 });
    const g = groupNodes(['inventory', 'payment']).run(t);
    const group = g.topology.nodes[0];
    expect(group?.kind).toBe('group');
    const inv = g.topology.nodes.find((n) => n.id === 'inventory');
    expect(inv?.parentId).toBe(group?.id);
    expect(valid(g.topology)).toBe(true);
    const u = ungroup([group?.id ?? '']).run(g.topology).topology;
    expect(u.nodes.find((n) => n.id === 'inventory')?.position).toEqual({ x: 560, y: 40 });
    expect(u.nodes.some((n) => n.kind === 'group')).toBe(false);
  });
});
