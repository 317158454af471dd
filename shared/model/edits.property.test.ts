import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateLoad } from './capacity';
import { connectionVerdict } from './connection-rules';
import { addNode, connect, duplicateNodes, groupNodes, moveNodes, removeEdges, removeNodes, setParent, ungroupNodes, updateSettings } from './edits';
import { lintTopology } from './lint';
import { NODE_KINDS } from './nodes';
import type { NodeKind } from './nodes';
import { checkoutTemplate, emptyTemplate } from './templates';
import { Topology } from './topology';
import { parseTopology } from './validate';

/**
 * Random edit sequences, as a user would make them on the canvas, starting from the empty and
 * the checkout templates: after every edit the topology still passes its own schema (after a
 * JSON round trip, as it is saved), and lint + the load estimate run without throwing or NaN.
 */
type Op =
  | { op: 'add'; kind: NodeKind; x: number; y: number; settings: Record<string, unknown> }
  | { op: 'connect'; a: number; b: number }
  | { op: 'remove'; a: number }
  | { op: 'removeEdge'; a: number }
  | { op: 'set'; a: number; patch: Record<string, unknown> }
  | { op: 'move'; a: number; x: number; y: number }
  | { op: 'group'; a: number; b: number }
  | { op: 'ungroup'; a: number }
  | { op: 'parent'; a: number; b: number }
  | { op: 'duplicate'; a: number };

const coord = fc.integer({ min: -5000, max: 5000 });
const idx = fc.nat({ max: 1000 });
const typeName = fc.constantFrom('OrderPlaced', 'PaymentFailed', 'EmailSent', 'GiftWrapped', 'CartAbandoned');

/** Settings patches within range for every kind (and a few out of range, which must be refused). */
const settingsPatch = fc.oneof(
  fc.record({ instances: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ concurrency: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ failurePct: fc.double({ min: 0, max: 100, noNaN: true }) }),
  fc.record({ partitions: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ maxReceives: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ consumes: fc.array(typeName, { maxLength: 3 }) }),
  fc.record({ emitsOnSuccess: fc.array(typeName, { maxLength: 3 }) }),
  fc.record({ emits: fc.array(typeName, { maxLength: 3 }) }),
  fc.record({ consumerGroup: fc.constantFrom('', 'g1', 'g2') }),
  fc.record({ profile: fc.record({ kind: fc.constant('poisson'), ratePerSec: fc.double({ min: 0, max: 5000, noNaN: true }) }) }),
  fc.record({ profile: fc.record({ kind: fc.constant('burst'), baseRatePerSec: fc.integer({ min: 0, max: 100 }), burstRatePerSec: fc.integer({ min: 0, max: 5000 }), burstStartSec: fc.nat(600), burstDurationSec: fc.integer({ min: 1, max: 600 }) }) }),
  fc.record({ processing: fc.record({ kind: fc.constant('fixed'), ms: fc.integer({ min: 0, max: 2000 }) }) }),
  fc.record({ retry: fc.record({ maxAttempts: fc.integer({ min: 1, max: 5 }), backoffMs: fc.nat(1000), multiplier: fc.integer({ min: 1, max: 3 }) }) }),
  fc.record({ deadLetterTarget: fc.constantFrom('', 'payments-dlq', 'orders', 'queue', 'nope') }),
  fc.record({ op: fc.constantFrom('filter', 'map', 'window', 'throttle', 'debounce', 'join') }),
  fc.record({ unmatched: fc.constantFrom('drop', 'dead-letter') }),
  fc.record({ width: fc.integer({ min: 0, max: 30000 }) }), // out of range sometimes: must be refused
  fc.record({ instances: fc.integer({ min: -5, max: 0 }) }), // always out of range
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('add' as const), kind: fc.constantFrom(...NODE_KINDS), x: coord, y: coord, settings: fc.oneof(fc.constant({}), settingsPatch) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('connect' as const), a: idx, b: idx }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), a: idx }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeEdge' as const), a: idx }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('set' as const), a: idx, patch: settingsPatch }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('move' as const), a: idx, x: coord, y: coord }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('group' as const), a: idx, b: idx }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('ungroup' as const), a: idx }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('parent' as const), a: idx, b: idx }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), a: idx }) },
);

function apply(t: Topology, o: Op): Topology {
  const nodeAt = (i: number) => t.nodes[i % Math.max(1, t.nodes.length)];
  const keep = (r: { ok: true; topology: Topology } | { ok: false; reason: string }): Topology => (r.ok ? r.topology : t);
  switch (o.op) {
    case 'add': return keep(addNode(t, o.kind, { position: { x: o.x, y: o.y }, settings: o.settings }));
    case 'connect': {
      const a = nodeAt(o.a);
      const b = nodeAt(o.b);
      if (!a || !b) return t;
      const r = connect(t, a.id, b.id);
      // connect must agree with the connection rules
      if (!connectionVerdict(a.kind, b.kind, a.id === b.id).ok) expect(r.ok).toBe(false);
      return keep(r);
    }
    case 'remove': { const a = nodeAt(o.a); return a ? removeNodes(t, [a.id]) : t; }
    case 'removeEdge': { const e = t.edges[o.a % Math.max(1, t.edges.length)]; return e ? removeEdges(t, [e.id]) : t; }
    case 'set': { const a = nodeAt(o.a); return a ? keep(updateSettings(t, a.id, o.patch)) : t; }
    case 'move': { const a = nodeAt(o.a); return a ? moveNodes(t, { [a.id]: { x: o.x, y: o.y } }) : t; }
    case 'group': {
      const a = nodeAt(o.a);
      const b = nodeAt(o.b);
      return a && b ? keep(groupNodes(t, [a.id, b.id])) : t;
    }
    case 'ungroup': { const a = nodeAt(o.a); return a ? keep(ungroupNodes(t, a.id)) : t; }
    case 'parent': {
      const a = nodeAt(o.a);
      const b = nodeAt(o.b);
      return a && b ? keep(setParent(t, a.id, b.kind === 'group' ? b.id : undefined)) : t;
    }
    case 'duplicate': { const a = nodeAt(o.a); return a ? keep(duplicateNodes(t, [a.id])) : t; }
  }
}

describe('random edit sequences', () => {
  for (const [label, start] of [['empty', emptyTemplate], ['checkout', checkoutTemplate]] as const) {
    it(`never leave the schema, starting from the ${label} template`, () => {
      fc.assert(fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        let t = Topology.parse(start());
        for (const o of ops) {
          const before = JSON.stringify(t);
          const next = apply(t, o);
          expect(JSON.stringify(t), 'edits must not mutate their input').toBe(before);
          t = next;
          const r = parseTopology(JSON.parse(JSON.stringify(t)));
          if (!r.ok) throw new Error(`after ${JSON.stringify(o)}: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
        }
        const problems = lintTopology(t);
        for (const p of problems) expect(p.code).not.toBe('lint-rule-failed');
        for (const l of estimateLoad(t).values()) {
          expect(Number.isNaN(l.arrivalPerSec) || Number.isNaN(l.peakArrivalPerSec)).toBe(false);
          if (l.utilisation !== undefined) expect(Number.isNaN(l.utilisation)).toBe(false);
        }
      }), { numRuns: 150 });
    });
  }
});
