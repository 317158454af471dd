import { describe, expect, it } from 'vitest';
import {
  absolutePosition, addNode, connect, copyFragment, defaultSettings, duplicateNodes, groupNodes, moveNodes, pasteFragment,
  removeEdges, removeEventType, removeNodes, setParent, ungroupNodes, updateEdge, updateNode, updateSettings, upsertEventType,
} from './edits';
import { checkoutTemplate, emptyTemplate } from './templates';
import { Topology } from './topology';
import { parseTopology } from './validate';

const empty = (): Topology => Topology.parse(emptyTemplate());
const checkout = (): Topology => Topology.parse(checkoutTemplate());
const valid = (t: Topology): void => {
  const r = parseTopology(t);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
};
function must<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error((r as unknown as { reason: string }).reason);
  return r as Extract<T, { ok: true }>;
}

describe('edits', () => {
  it('addNode fills defaults, names and ids uniquely, and never mutates the input', () => {
    const t0 = empty();
    const a = must(addNode(t0, 'service', { position: { x: 10, y: 20 } }));
    const b = must(addNode(a.topology, 'service', { position: { x: 0, y: 0 }, settings: { instances: 5 } }));
    expect(t0.nodes).toEqual([]);
    expect([a.nodeId, b.nodeId]).toEqual(['service', 'service-2']);
    const s = b.topology.nodes[1];
    expect(s?.kind === 'service' && s.settings).toMatchObject({ instances: 5, concurrency: 4 });
    expect(defaultSettings('operator', 'join')).toMatchObject({ op: 'join', on: 'orderId' });
    valid(b.topology);
  });

  it('addNode refuses an out-of-range setting, a duplicate id and a bad parent, naming the field', () => {
    const t = empty();
    expect(addNode(t, 'topic', { position: { x: 0, y: 0 }, settings: { partitions: 0 } })).toMatchObject({ ok: false, reason: expect.stringContaining('partitions') });
    const a = must(addNode(t, 'topic', { id: 'orders', position: { x: 0, y: 0 } }));
    expect(addNode(a.topology, 'queue', { id: 'orders', position: { x: 0, y: 0 } }).ok).toBe(false);
    expect(addNode(a.topology, 'queue', { position: { x: 0, y: 0 }, parentId: 'orders' })).toMatchObject({ ok: false, reason: expect.stringContaining('not a group') });
  });

  it('connect uses the connection rules and refuses with their reason', () => {
    const t = checkout();
    const ok = must(connect(t, 'storefront', 'payments-dlq'));
    expect(ok.edgeKind).toBe('publish');
    valid(ok.topology);
    expect(connect(t, 'storefront', 'payment')).toMatchObject({ ok: false, reason: expect.stringContaining('producer publishes to a broker') });
    expect(connect(t, 'storefront', 'orders')).toMatchObject({ ok: false, reason: expect.stringContaining('already connected') });
    expect(connect(t, 'orders', 'orders').ok).toBe(false);
  });

  it('removeNodes drops touching edges, clears dead-letter references and frees children of a deleted group', () => {
    const t = checkout();
    const r = removeNodes(t, ['payments-dlq', 'orders']);
    expect(r.edges.some((e) => e.source === 'orders' || e.target === 'orders')).toBe(false);
    const payment = r.nodes.find((n) => n.id === 'payment');
    expect(payment?.kind === 'service' && payment.settings.deadLetterTarget).toBe('');
    valid(r);
    const g = must(groupNodes(t, ['inventory', 'payment'], { name: 'Fulfilment' }));
    const before = absolutePosition(g.topology, 'payment');
    const freed = removeNodes(g.topology, [g.groupId]);
    expect(absolutePosition(freed, 'payment')).toEqual(before);
    expect(freed.nodes.find((n) => n.id === 'payment')?.parentId).toBeUndefined();
    valid(freed);
  });

  it('updateSettings validates, keeps the old value on error, and resets an operator to the new op\'s defaults', () => {
    const t = checkout();
    expect(updateSettings(t, 'payment', { instances: 0 })).toMatchObject({ ok: false, reason: expect.stringContaining('instances') });
    expect(updateSettings(t, 'payment', { deadLetterTarget: 'inventory' })).toMatchObject({ ok: false, reason: expect.stringContaining('dead-letter') });
    const r = must(updateSettings(t, 'payment', { instances: 4 }));
    const p = r.topology.nodes.find((n) => n.id === 'payment');
    expect(p?.kind === 'service' && p.settings.instances).toBe(4);
    const op = must(addNode(t, 'operator', { id: 'f', position: { x: 0, y: 0 } }));
    const w = must(updateSettings(op.topology, 'f', { op: 'window' }));
    expect(w.topology.nodes.find((n) => n.id === 'f')?.settings).toMatchObject({ op: 'window', threshold: 3 });
  });

  it('updateNode, updateEdge, removeEdges and event types', () => {
    const t = checkout();
    expect(updateNode(t, 'payment', { name: '' }).ok).toBe(false);
    expect(must(updateNode(t, 'payment', { name: 'Payments' })).topology.nodes.find((n) => n.id === 'payment')?.name).toBe('Payments');
    expect(updateEdge(t, 'e-storefront-orders', { eventTypes: ['not a name'] }).ok).toBe(false);
    expect(must(updateEdge(t, 'e-payment-gateway', { timeoutMs: 500 })).topology.edges.find((e) => e.id === 'e-payment-gateway')?.timeoutMs).toBe(500);
    expect(removeEdges(t, ['e-storefront-orders']).edges).toHaveLength(t.edges.length - 1);
    const withType = must(upsertEventType(t, { name: 'GiftWrapped', fields: [{ name: 'orderId', type: 'id' }] }));
    expect(withType.topology.eventTypes[0]).toMatchObject({ name: 'GiftWrapped', fields: [{ required: true }] });
    expect(upsertEventType(t, { name: '1bad' }).ok).toBe(false);
    expect(removeEventType(withType.topology, 'GiftWrapped').eventTypes).toEqual([]);
  });

  it('moveNodes ignores non-finite positions and returns the same object when nothing moved', () => {
    const t = checkout();
    expect(moveNodes(t, { payment: { x: NaN, y: 0 } })).toBe(t);
    expect(moveNodes(t, new Map([['payment', { x: 1, y: 2 }]])).nodes.find((n) => n.id === 'payment')?.position).toEqual({ x: 1, y: 2 });
  });

  it('group, setParent and ungroup keep canvas positions and put parents first', () => {
    const t = checkout();
    const before = absolutePosition(t, 'inventory');
    const g = must(groupNodes(t, ['inventory', 'payment']));
    expect(g.topology.nodes[0]?.id).toBe(g.groupId);
    expect(absolutePosition(g.topology, 'inventory')).toEqual(before);
    valid(g.topology);
    const moved = must(setParent(g.topology, 'orders', g.groupId));
    expect(moved.topology.nodes.findIndex((n) => n.id === g.groupId)).toBeLessThan(moved.topology.nodes.findIndex((n) => n.id === 'orders'));
    expect(absolutePosition(moved.topology, 'orders')).toEqual(absolutePosition(t, 'orders'));
    valid(moved.topology);
    const out = must(ungroupNodes(moved.topology, g.groupId));
    expect(absolutePosition(out.topology, 'inventory')).toEqual(before);
    expect(out.topology.nodes.some((n) => n.kind === 'group')).toBe(false);
    expect(groupNodes(t, []).ok).toBe(false);
  });

  it('copy/paste between projects renames ids, keeps inner edges and drops outside references', () => {
    const src = checkout();
    const frag = JSON.parse(JSON.stringify(copyFragment(src, ['orders', 'payment', 'inventory'])));
    expect(frag.edges.map((e: { id: string }) => e.id).sort()).toEqual(['e-orders-inventory', 'e-orders-payment']);
    const into = checkout();
    const r = must(pasteFragment(into, frag, { x: 100, y: 0 }));
    expect(r.nodeIds).toEqual(['orders-2', 'inventory-2', 'payment-2']);
    expect(r.edgeIds).toHaveLength(2);
    const pasted = r.topology.nodes.find((n) => n.id === 'payment-2');
    expect(pasted?.kind === 'service' && pasted.settings.deadLetterTarget).toBe(''); // payments-dlq was not copied
    valid(r.topology);
    expect(pasteFragment(into, { nodes: [{ id: 'x', kind: 'teleporter' }] })).toMatchObject({ ok: false, reason: expect.stringContaining('nodes[0]') });
    expect(pasteFragment(into, 'hello').ok).toBe(false);
    const d = must(duplicateNodes(into, ['payment', 'payments-dlq']));
    const dup = d.topology.nodes.find((n) => n.id === 'payment-2');
    expect(dup?.kind === 'service' && dup.settings.deadLetterTarget).toBe('payments-dlq-2');
    valid(d.topology);
  });
});
