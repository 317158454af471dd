/**
 * Live-lint cost on the canvas: lintTopology (which includes estimateLoad) and estimateLoad
 * alone on a generated 1,000-node / 1,500-edge topology vs the checkout template, same process.
 *   node scripts/build.mjs --node-only && node dist/bench/model-lint.cjs
 */
import { performance } from 'node:perf_hooks';
import { estimateLoad } from '../shared/model/capacity';
import { lintTopology } from '../shared/model/lint';
import { checkoutTemplate } from '../shared/model/templates';
import { Topology } from '../shared/model/topology';
import type { TopologyInput } from '../shared/model/topology';

/** 100 blocks of 10 nodes / 15 edges: producer → topic → 3 services → topic → sink, a queue, calls, a loop. */
function generated(blocks = 100): Topology {
  const nodes: TopologyInput['nodes'] = [];
  const edges: TopologyInput['edges'] = [];
  const n = (kind: string, id: string, settings: Record<string, unknown> = {}): void => {
    nodes.push({ id, kind, name: id, position: { x: 0, y: 0 }, settings } as TopologyInput['nodes'][number]);
  };
  const e = (kind: string, source: string, target: string, eventTypes: string[] = []): void => {
    edges.push({ id: `${source}--${target}`, kind, source, target, eventTypes } as TopologyInput['edges'][number]);
  };
  for (let i = 0; i < blocks; i++) {
    const id = (s: string): string => `${s}${i}`;
    n('producer', id('p'), { profile: { kind: 'poisson', ratePerSec: 5 } });
    n('topic', id('t'), { partitions: 12 });
    for (const s of ['a', 'b', 'c']) n('service', id(s), { consumes: ['OrderPlaced'], emitsOnSuccess: ['PaymentAuthorized'], consumerGroup: id(s) });
    n('topic', id('u'));
    n('sink', id('k'));
    n('queue', id('q'));
    n('service', id('d'), { emitsOnSuccess: ['EmailSent'] });
    n('sink', id('m'));
    e('publish', id('p'), id('t'), ['OrderPlaced']);
    for (const s of ['a', 'b', 'c']) { e('subscribe', id('t'), id(s)); e('publish', id(s), id('u')); }
    e('subscribe', id('u'), id('k'));
    e('publish', id('a'), id('q')); e('publish', id('b'), id('q')); e('subscribe', id('q'), id('d'));
    e('call', id('d'), id('m')); e('call', id('c'), id('m')); e('subscribe', id('u'), id('d'), ['PaymentAuthorized']); e('publish', id('d'), id('u'));
  }
  return Topology.parse({ schemaVersion: 1, name: 'generated', nodes, edges });
}

function timeIt(f: () => unknown, minMs = 400): number {
  f(); // warm up
  let runs = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs || runs < 3) { f(); runs++; }
  return (performance.now() - t0) / runs;
}

const big = generated();
const small = Topology.parse(checkoutTemplate());
const lintBig = timeIt(() => lintTopology(big));
const lintSmall = timeIt(() => lintTopology(small));
const loadBig = timeIt(() => estimateLoad(big));
const loadSmall = timeIt(() => estimateLoad(small));
const perNode = (ms: number, t: Topology): string => `${((ms * 1000) / t.nodes.length).toFixed(1)} µs/node`;
console.log(`topology: ${big.nodes.length} nodes / ${big.edges.length} edges vs checkout ${small.nodes.length} / ${small.edges.length}`);
console.log(`lintTopology : ${lintBig.toFixed(2)} ms vs ${lintSmall.toFixed(3)} ms (${perNode(lintBig, big)} vs ${perNode(lintSmall, small)}; per-node ratio ${((lintBig / big.nodes.length) / (lintSmall / small.nodes.length)).toFixed(2)})`);
console.log(`estimateLoad : ${loadBig.toFixed(2)} ms vs ${loadSmall.toFixed(3)} ms (per-node ratio ${((loadBig / big.nodes.length) / (loadSmall / small.nodes.length)).toFixed(2)})`);
console.log(`problems on the generated topology: ${lintTopology(big).length}`);
