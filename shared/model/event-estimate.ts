import { estimateLoad } from './capacity';
import type { TopologyEdge } from './edges';
import type { TopologyNode } from './nodes';

/**
 * How many messages a run will create, from the capacity model's mean rates (the same count as the
 * runtime's `messages`): every node's `createdPerSec` × the simulated duration, plus the extra of
 * each producer burst (its events × the average number of messages one producer event leads to).
 * Steady state: outages, retries, queueing and the first minutes of customer sessions (a session
 * takes about a minute to check out, ten to abandon a cart) are ignored, so short runs create
 * fewer. Its use is to refuse, before starting, a run far larger than anyone meant.
 */
export interface EventEstimate {
  /** expected messages created over the whole run; Infinity on a runaway feedback loop */
  messages: number;
  /** mean messages created per simulated second without faults */
  perSec: number;
  /** of `messages`, the part added by burst faults */
  fromBursts: number;
}

export interface BurstWindow { kind: string; nodeId: string; startSec: number; endSec: number; factor?: number }

export function estimateRunEvents(
  topology: { nodes: readonly TopologyNode[]; edges: readonly TopologyEdge[] },
  run: { durationSec: number; faults: readonly BurstWindow[] },
): EventEstimate {
  const loads = estimateLoad(topology, undefined, run.durationSec);
  let perSec = 0;
  let producerPerSec = 0;
  for (const n of topology.nodes) {
    const load = loads.get(n.id);
    if (load === undefined) continue;
    perSec += load.createdPerSec;
    if (n.kind === 'producer') producerPerSec += load.createdPerSec;
  }
  // one producer event leads to this many messages in all (itself included)
  const fanOut = producerPerSec > 0 ? perSec / producerPerSec : 0;
  let fromBursts = 0;
  for (const f of run.faults) {
    if (f.kind !== 'burst' || f.factor === undefined) continue;
    const seconds = Math.max(0, Math.min(f.endSec, run.durationSec) - Math.max(0, f.startSec));
    const rate = loads.get(f.nodeId)?.createdPerSec ?? 0;
    fromBursts += (f.factor - 1) * rate * seconds * fanOut;
  }
  return { messages: perSec * run.durationSec + fromBursts, perSec, fromBursts };
}
