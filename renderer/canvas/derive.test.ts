import { describe, expect, it } from 'vitest';
import { Topology } from '../../shared/model';
import { checkoutTemplate } from '../../shared/model/templates';
import { moveNodes, replaceNode } from '../store/edits/nodes';
import { createFlowDeriver, edgeLabel } from './derive';

describe('flow derivation', () => {
  const t0 = Topology.parse(checkoutTemplate());

  it('a move keeps every other React Flow node object (so only the dragged node re-renders)', () => {
    const d = createFlowDeriver();
    const before = d.nodes(t0, new Set(), new Map());
    const t1 = moveNodes(new Map([['payment', { x: 600, y: 220 }]])).run(t0).topology;
    const after = d.nodes(t1, new Set(), new Map());
    const changed = after.filter((n, i) => n !== before[i]).map((n) => n.id);
    expect(changed).toEqual(['payment']);
    expect(d.edges(t1, new Set())).toEqual(d.edges(t0, new Set()));
  });

  it('a settings change refreshes derived facts (utilisation) where they change', () => {
    const d = createFlowDeriver();
    const before = d.nodes(t0, new Set(), new Map());
    const payment = t0.nodes.find((n) => n.id === 'payment');
    if (!payment || payment.kind !== 'service') throw new Error('template changed');
    const t1 = replaceNode({ ...payment, settings: { ...payment.settings, instances: 1 } }).run(t0).topology;
    const after = d.nodes(t1, new Set(), new Map());
    const p0 = before.find((n) => n.id === 'payment');
    const p1 = after.find((n) => n.id === 'payment');
    expect(p1?.data.utilisation).toBeGreaterThan(p0?.data.utilisation ?? Infinity);
    expect(after.find((n) => n.id === 'storefront')).toBe(before.find((n) => n.id === 'storefront'));
  });

  it('derives dotted dead-letter links from settings and labels edges by event type', () => {
    const edges = createFlowDeriver().edges(t0, new Set());
    expect(edges.find((e) => e.id === 'dlq:payment')).toMatchObject({ source: 'payment', target: 'payments-dlq', data: { kind: 'dead-letter' } });
    const pub = t0.edges.find((e) => e.id === 'e-payment-status');
    expect(pub && edgeLabel(pub)).toBe('PaymentAuthorized, PaymentFailed');
  });
});

describe('size estimates for big graphs', () => {
  const t0 = Topology.parse(checkoutTemplate());

  it('an unmeasured node gets an estimated size and handles; a measured one keeps what React Flow measured', () => {
    const d = createFlowDeriver();
    const measured = new Map([['payment', { width: 232, height: 124 }]]);
    const nodes = d.nodes(t0, new Set(), measured, 'far');
    const storefront = nodes.find((n) => n.id === 'storefront');
    expect(storefront?.measured).toEqual({ width: 232, height: 51 });
    // a producer has no inbound handle
    expect(storefront?.handles?.map((h) => h.type)).toEqual(['source']);
    const payment = nodes.find((n) => n.id === 'payment');
    expect(payment?.measured).toEqual({ width: 232, height: 124 });
    expect(payment?.handles).toBeUndefined();
  });

  it('without an estimate nothing is guessed (small graphs are measured by React Flow)', () => {
    const nodes = createFlowDeriver().nodes(t0, new Set(), new Map());
    expect(nodes.every((n) => n.handles === undefined && n.measured === undefined)).toBe(true);
  });

  it('a lesson spotlight lights its nodes, the edges between them and the edges it names, and dims the rest', () => {
    const d = createFlowDeriver();
    const spot = { nodes: new Set(['orders', 'payment']), edges: new Set(['e-payment-status']) };
    const nodes = d.nodes(t0, new Set(), new Map(), 'none', spot);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get('payment')).toMatchObject({ className: 'ef-spot-lit', domAttributes: { 'data-spot': 'lit' }, selected: false });
    expect(byId.get('storefront')).toMatchObject({ className: 'ef-spot-dim', domAttributes: { 'data-spot': 'dim' } });
    const edges = new Map(d.edges(t0, new Set(), spot).map((e) => [e.id, e]));
    const between = t0.edges.find((e) => e.source === 'orders' && e.target === 'payment');
    const elsewhere = t0.edges.find((e) => e.source === 'storefront');
    expect(between && edges.get(between.id)?.className).toBe('ef-spot-lit');
    expect(edges.get('e-payment-status')?.data?.spot).toBe('lit');
    expect(elsewhere && edges.get(elsewhere.id)?.className).toBe('ef-spot-dim');
  });

  it('no spotlight, no marks; the same spotlight keeps the node objects, a new one refreshes them', () => {
    const d = createFlowDeriver();
    const plain = d.nodes(t0, new Set(), new Map());
    expect(plain.every((n) => n.className === undefined && n.domAttributes === undefined)).toBe(true);
    const spot = { nodes: new Set(['payment']), edges: new Set<string>() };
    const lit = d.nodes(t0, new Set(), new Map(), 'none', spot);
    expect(d.nodes(t0, new Set(), new Map(), 'none', { nodes: new Set(['payment']), edges: new Set<string>() })).toEqual(lit);
    expect(d.nodes(t0, new Set(), new Map(), 'none', spot).every((n, i) => n === lit[i])).toBe(true);
    const cleared = d.nodes(t0, new Set(), new Map());
    expect(cleared.every((n) => n.className === undefined)).toBe(true);
  });
});
