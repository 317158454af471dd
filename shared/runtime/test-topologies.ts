/** Small topologies for runtime tests and benches (parsed, so defaults apply like a real file). */
import type { TopologyInput } from '../model/topology';
import type { Topology } from '../model/topology';
import { parseTopology, formatIssues } from '../model/validate';
import { CURRENT_SCHEMA_VERSION } from '../model/topology';

type NodeIn = TopologyInput['nodes'][number];
type EdgeIn = TopologyInput['edges'][number];

export function topology(name: string, nodes: NodeIn[], edges: EdgeIn[]): Topology {
  const r = parseTopology({ schemaVersion: CURRENT_SCHEMA_VERSION, name, nodes, edges });
  if (!r.ok) throw new Error(`test topology "${name}" is invalid:\n${formatIssues(r.issues)}`);
  return r.value;
}

const pos = { x: 0, y: 0 };
export const producer = (id: string, settings: Extract<NodeIn, { kind: 'producer' }>['settings']): NodeIn => ({ id, name: id, kind: 'producer', position: pos, settings });
export const topic = (id: string, settings: Extract<NodeIn, { kind: 'topic' }>['settings'] = {}): NodeIn => ({ id, name: id, kind: 'topic', position: pos, settings });
export const queue = (id: string, settings: Extract<NodeIn, { kind: 'queue' }>['settings'] = {}): NodeIn => ({ id, name: id, kind: 'queue', position: pos, settings });
export const service = (id: string, settings: Extract<NodeIn, { kind: 'service' }>['settings']): NodeIn => ({ id, name: id, kind: 'service', position: pos, settings });
export const sink = (id: string, settings: Extract<NodeIn, { kind: 'sink' }>['settings'] = {}): NodeIn => ({ id, name: id, kind: 'sink', position: pos, settings });
export const edge = (kind: EdgeIn['kind'], source: string, target: string, eventTypes: string[] = []): EdgeIn => ({ id: `${source}.${target}`, kind, source, target, eventTypes });

/** producer -> topic -> n services chained by topics -> sink (the throughput bench pipeline) */
export function pipeline(stages: number, ratePerSec: number, meanMs: number): Topology {
  const nodes: NodeIn[] = [producer('p', { emits: ['OrderPlaced'], profile: { kind: 'poisson', ratePerSec } })];
  const edges: EdgeIn[] = [];
  nodes.push(topic('t0', { partitions: 8 }));
  edges.push(edge('publish', 'p', 't0'));
  for (let i = 1; i <= stages; i++) {
    nodes.push(service(`s${i}`, { instances: 1, concurrency: 8, processing: { kind: 'exponential', meanMs }, emitsOnSuccess: ['OrderPlaced'], retry: { maxAttempts: 1, backoffMs: 0, multiplier: 1 } }));
    nodes.push(topic(`t${i}`, { partitions: 8 }));
    edges.push(edge('subscribe', `t${i - 1}`, `s${i}`), edge('publish', `s${i}`, `t${i}`));
  }
  nodes.push(sink('out', { latency: { kind: 'fixed', ms: 1 }, concurrency: 1000 }));
  edges.push(edge('subscribe', `t${stages}`, 'out'));
  return topology(`pipeline-${stages}`, nodes, edges);
}
