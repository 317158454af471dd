// The canvas benches' graph (canvas-perf, canvas-zoom-run).

/** 100 producers → 200 topics → 600 services (→ topics, → 100 sinks): 1,000 nodes, 1,500 edges. */
export function bigTopology() {
  const nodes = [];
  const edges = [];
  const pos = (col, row) => ({ x: col * 320, y: row * 130 });
  for (let i = 0; i < 100; i++) nodes.push({ id: `p${i}`, kind: 'producer', name: `Producer ${i}`, position: pos(0, i * 2), settings: { emits: ['OrderPlaced'], profile: { kind: 'poisson', ratePerSec: 5 } } });
  for (let i = 0; i < 200; i++) nodes.push({ id: `t${i}`, kind: 'topic', name: `topic-${i}`, position: pos(1 + (i % 2) * 3, i), settings: { partitions: 6 } });
  for (let i = 0; i < 600; i++) nodes.push({ id: `s${i}`, kind: 'service', name: `Service ${i}`, position: pos(2 + (i % 2) * 3, i / 3), settings: { consumes: ['OrderPlaced'], emitsOnSuccess: ['OrderConfirmed'] } });
  for (let i = 0; i < 100; i++) nodes.push({ id: `k${i}`, kind: 'sink', name: `Sink ${i}`, position: pos(6, i * 2), settings: {} });
  for (let i = 0; i < 100; i++) edges.push({ id: `pub-p${i}`, kind: 'publish', source: `p${i}`, target: `t${i}`, eventTypes: ['OrderPlaced'] });
  for (let i = 0; i < 600; i++) edges.push({ id: `sub-s${i}`, kind: 'subscribe', source: `t${i % 200}`, target: `s${i}`, eventTypes: [] });
  for (let i = 0; i < 600; i++) edges.push({ id: `pub-s${i}`, kind: 'publish', source: `s${i}`, target: `t${100 + (i % 100)}`, eventTypes: [] });
  for (let i = 0; i < 200; i++) edges.push({ id: `call-s${i}`, kind: 'call', source: `s${i}`, target: `k${i % 100}`, eventTypes: [] });
  return { schemaVersion: 1, name: 'Bench 1000', description: '', eventTypes: [], nodes, edges };
}
