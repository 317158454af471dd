import { describe, expect, it } from 'vitest';
import { SESSION_EVENT_TYPES, reachableFromProducers, stronglyConnected, topologyGraph, typeFlow } from './graph';
import { build, edge, node } from './test-builders';

describe('graph', () => {
  it('stronglyConnected returns components in topological order and survives a 50,000-long chain', () => {
    const next: Record<string, string[]> = { a: ['b'], b: ['c', 'd'], c: ['b'], d: [] };
    expect(stronglyConnected(['d', 'c', 'b', 'a'], (id) => next[id] ?? []).map((c) => c.sort())).toEqual([['a'], ['b', 'c'], ['d']]);
    const n = 50_000;
    const ids = Array.from({ length: n }, (_, i) => `n${i}`);
    const comps = stronglyConnected(ids, (id) => {
      const i = Number(id.slice(1));
      return i + 1 < n ? [`n${i + 1}`] : ['n0'];
    });
    expect(comps).toHaveLength(1);
    expect(comps[0]).toHaveLength(n);
  });

  it('typeFlow follows the runtime: topic ∩ consumes, queues pass everything, sessions emit the funnel types', () => {
    const t = build([
      node('producer', 'p', { mode: 'sessions' }), node('topic', 't'), node('queue', 'q'),
      node('service', 's', { consumes: ['OrderPlaced'] }), node('service', 'r'),
    ], [edge('publish', 'p', 't'), edge('subscribe', 't', 's', ['OrderPlaced', 'CartAbandoned']), edge('publish', 'p', 'q', ['CartItemAdded']), edge('subscribe', 'q', 'r', ['PriceChanged'])]);
    const g = topologyGraph(t);
    const f = typeFlow(g);
    expect([...(f.outputs.get('p') ?? [])].sort()).toEqual([...SESSION_EVENT_TYPES].sort());
    expect([...(f.inputs.get('s') ?? [])]).toEqual(['OrderPlaced']);
    expect([...(f.inputs.get('r') ?? [])]).toEqual(['CartItemAdded']); // a queue ignores the edge's filter
    expect([...reachableFromProducers(g)].sort()).toEqual(['p', 'q', 'r', 's', 't']);
  });
});
