import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_KINDS, Topology as TopologySchema } from '../../shared/model';
import { checkoutTemplate } from '../../shared/model/templates';
import { createDocumentStore } from './document-store';
import type { Edit } from './edits';
import { addNode, connect, copySelection, duplicate, groupNodes, moveNodes, paste, removeElements, replaceNode, ungroup } from './edits';

const checkout = () => TopologySchema.parse(checkoutTemplate());

describe('document store', () => {
  it('refuses an edit that would store an invalid topology and keeps the document', () => {
    const store = createDocumentStore(checkout());
    const before = store.getState().topology;
    const orders = before.nodes.find((n) => n.id === 'orders');
    if (!orders || orders.kind !== 'topic') throw new Error('template changed');
    const r = store.getState().apply(replaceNode({ ...orders, settings: { ...orders.settings, partitions: 0 } }));
    expect(r.ok).toBe(false);
    expect(store.getState().topology).toBe(before);
    expect(store.getState().notice).toMatch(/partitions/);
  });

  it('undoes every edit (inspector ones too) and coalesces a drag into one step', () => {
    let clock = 0;
    const store = createDocumentStore(checkout(), () => clock);
    const s = store.getState;
    const original = s().topology;
    for (let i = 1; i <= 20; i++) {
      clock += 16;
      s().apply(moveNodes(new Map([['orders', { x: 280 + i, y: 200 }]]), 'Move', 'drag:orders'));
    }
    s().seal();
    const orders = s().topology.nodes.find((n) => n.id === 'orders');
    if (!orders || orders.kind !== 'topic') throw new Error('template changed');
    clock += 5000;
    s().apply(replaceNode({ ...orders, settings: { ...orders.settings, partitions: 12 } }));
    expect(s().history.past).toHaveLength(2);
    expect(s().undo()).toBe(true);
    expect(s().topology.nodes.find((n) => n.id === 'orders')?.position.x).toBe(300);
    expect(s().undo()).toBe(true);
    expect(s().topology).toBe(original);
    expect(s().redo()).toBe(true);
    expect(s().redo()).toBe(true);
    const o = s().topology.nodes.find((n) => n.id === 'orders');
    expect(o?.kind === 'topic' && o.settings.partitions).toBe(12);
  });

  it('keeps 200 undo steps', () => {
    let clock = 0;
    const store = createDocumentStore(checkout(), () => (clock += 10_000));
    const original = store.getState().topology;
    for (let i = 0; i < 210; i++) store.getState().apply(addNode('topic', { x: i, y: 0 }));
    let steps = 0;
    while (store.getState().undo()) steps++;
    expect(steps).toBe(210);
    expect(store.getState().topology).toBe(original);
  });

  it('random edit sequences never produce a topology that fails its own schema (property)', () => {
    const kinds = NODE_KINDS;
    const action = fc.oneof(
      fc.record({ t: fc.constant('add' as const), kind: fc.constantFrom(...kinds), x: fc.integer({ min: -500, max: 500 }) }),
      fc.record({ t: fc.constant('connect' as const), a: fc.nat(40), b: fc.nat(40) }),
      fc.record({ t: fc.constant('remove' as const), a: fc.nat(40), e: fc.nat(40) }),
      fc.record({ t: fc.constant('paste' as const), a: fc.nat(40), b: fc.nat(40) }),
      fc.record({ t: fc.constant('dup' as const), a: fc.nat(40) }),
      fc.record({ t: fc.constant('group' as const), a: fc.nat(40), b: fc.nat(40) }),
      fc.record({ t: fc.constant('ungroup' as const), a: fc.nat(40) }),
      fc.record({ t: fc.constant('move' as const), a: fc.nat(40), x: fc.integer({ min: -2000, max: 2000 }) }),
      fc.record({ t: fc.constant('undo' as const) }),
      fc.record({ t: fc.constant('redo' as const) }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        const store = createDocumentStore(checkout());
        for (const a of actions) {
          const t = store.getState().topology;
          const pick = (i: number) => t.nodes[i % Math.max(1, t.nodes.length)]?.id ?? '';
          let edit: Edit | undefined;
          switch (a.t) {
            case 'add': edit = addNode(a.kind, { x: a.x, y: 0 }); break;
            case 'connect': edit = connect(pick(a.a), pick(a.b)); break;
            case 'remove': edit = removeElements([pick(a.a)], [t.edges[a.e % Math.max(1, t.edges.length)]?.id ?? '']); break;
            case 'paste': edit = paste(JSON.parse(JSON.stringify(copySelection(t, [pick(a.a), pick(a.b)]))), { x: 30, y: 30 }); break;
            case 'dup': edit = duplicate(t, [pick(a.a)]); break;
            case 'group': edit = groupNodes([pick(a.a), pick(a.b)]); break;
            case 'ungroup': edit = ungroup([pick(a.a)]); break;
            case 'move': edit = moveNodes(new Map([[pick(a.a), { x: a.x, y: a.x }]])); break;
            case 'undo': store.getState().undo(); break;
            case 'redo': store.getState().redo(); break;
          }
          if (edit) {
            // every edit must succeed on its own terms: none may be refused by the schema check
            const r = store.getState().apply(edit);
            expect(r.ok, r.ok ? '' : JSON.stringify(r.issues)).toBe(true);
          }
          expect(TopologySchema.safeParse(store.getState().topology).success).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
