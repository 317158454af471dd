/**
 * Topology -> running graph. One runtime object per node kind (nodes/), wired by edges:
 * publish/route/operator edges are RxJS subscriptions on the source's output Subject (through
 * an edge operator that filters by event type and counts); subscribe edges from brokers are
 * pull-based feeders so consumer capacity is the backpressure; call edges link workers.
 */
import { filter } from 'rxjs';
import type { MonoTypeOperatorFunction } from 'rxjs';
import { PayloadFactory, IdSource } from '../commerce/payloads';
import { eventCatalog } from '../commerce/catalog';
import type { Topology } from '../model/topology';
import type { TopologyNode } from '../model/nodes';
import type { RunContext } from './context';
import type { Msg } from './message';
import { Bus } from './nodes/bus';
import { StreamOperator } from './nodes/operator';
import { Producer } from './nodes/producer';
import { Queue } from './nodes/queue';
import { createService } from './nodes/service';
import { createSink } from './nodes/sink';
import { Topic } from './nodes/topic';
import { EdgeCounter } from './nodes/types';
import type { Consumer, Receiver, RuntimeNode } from './nodes/types';
import { Worker } from './nodes/worker';

export interface CompiledNode {
  node: TopologyNode;
  runtime: RuntimeNode;
}

export interface CompiledGraph {
  nodes: CompiledNode[];
  byId: Map<string, CompiledNode>;
  edges: EdgeCounter[];
  producers: Producer[];
}

/** the edge as an RxJS operator: event-type filter + counter */
export function throughEdge(types: ReadonlySet<string> | null, counter: EdgeCounter): MonoTypeOperatorFunction<Msg> {
  return filter((m) => {
    if (types !== null && !types.has(m.type)) return false;
    counter.count++;
    return true;
  });
}

export function compile(topology: Topology, ctx: RunContext): CompiledGraph {
  const payloads = new PayloadFactory(eventCatalog(topology.eventTypes), new IdSource());
  const nodes: CompiledNode[] = [];
  const byId = new Map<string, CompiledNode>();
  const producers: Producer[] = [];
  for (const node of topology.nodes) {
    let runtime: RuntimeNode | null = null;
    switch (node.kind) {
      case 'producer': {
        const p = new Producer(node, ctx, payloads);
        producers.push(p);
        runtime = p;
        break;
      }
      case 'topic': runtime = new Topic(node.id, ctx, node.settings); break;
      case 'queue': runtime = new Queue(node.id, ctx, node.settings); break;
      case 'bus': runtime = new Bus(node.id, ctx, node.settings); break;
      case 'service': runtime = createService(node, ctx, payloads); break;
      case 'sink': runtime = createSink(node, ctx); break;
      case 'operator': runtime = new StreamOperator(node, ctx); break;
      case 'group': break;
    }
    if (runtime !== null) {
      const c = { node, runtime };
      nodes.push(c);
      byId.set(node.id, c);
    }
  }

  const edges: EdgeCounter[] = [];
  for (const e of topology.edges) {
    const src = byId.get(e.source);
    const dst = byId.get(e.target);
    if (src === undefined || dst === undefined) continue;
    const counter = new EdgeCounter(e.id, e.source, e.target);
    edges.push(counter);
    const types = e.eventTypes.length > 0 ? new Set(e.eventTypes) : null;
    const s = src.runtime;
    const d = dst.runtime;
    if (e.kind === 'call') {
      if (s instanceof Worker && d instanceof Worker) s.addCall(d, counter, e.timeoutMs ?? 0);
    } else if (e.kind === 'route') {
      if (s instanceof Bus) s.addRoute(counter, e.eventTypes, e.conditions, d as unknown as Receiver);
    } else if (s instanceof Topic) {
      s.subscribe(d as unknown as Consumer, groupOf(dst.node), counter, consumerTypes(types, dst.node));
    } else if (s instanceof Queue) {
      s.subscribe(d as unknown as Consumer, counter);
    } else if (s.out$ !== undefined) {
      // publish edges and operator -> consumer edges: an RxJS subscription
      const target = d as unknown as Receiver;
      s.out$.pipe(throughEdge(types, counter)).subscribe((m) => target.accept(m, e.id));
    }
  }

  for (const c of nodes) {
    const n = c.node;
    if ((n.kind === 'queue' || n.kind === 'service') && n.settings.deadLetterTarget) {
      const target = byId.get(n.settings.deadLetterTarget)?.runtime as Receiver | undefined;
      if (target !== undefined) (c.runtime as Queue | Worker).deadLetter = target;
    }
  }
  return { nodes, byId, edges, producers };
}

function groupOf(n: TopologyNode): string {
  return n.kind === 'service' && n.settings.consumerGroup ? n.settings.consumerGroup : n.id;
}

/** types a consumer takes from a topic: the edge's types ∩ the service's `consumes` */
function consumerTypes(edgeTypes: Set<string> | null, n: TopologyNode): Set<string> | null {
  const consumes = n.kind === 'service' && n.settings.consumes.length > 0 ? new Set(n.settings.consumes) : null;
  if (edgeTypes === null) return consumes;
  if (consumes === null) return edgeTypes;
  return new Set([...edgeTypes].filter((t) => consumes.has(t)));
}
