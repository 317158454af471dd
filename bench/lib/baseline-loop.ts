/**
 * The hand-written baseline for bench/runtime-throughput.ts (bench/lib: helpers, not entries): the same pipeline (producer ->
 * topic -> N services chained by topics -> sink) as a plain discrete-event loop over a binary
 * heap — no RxJS, no node objects — with the same PRNG streams, the same payloads, partition
 * lanes, slots, and the same per-node metrics (NodeStats). It is what the runtime is compared to.
 */
import { IdSource, PayloadFactory } from '../../shared/commerce/payloads';
import { eventCatalog } from '../../shared/commerce/catalog';
import { NodeStats } from '../../shared/runtime/node-stats';
import { Rng, fnv1a } from '../../shared/runtime/prng';
import { Ring } from '../../shared/runtime/ring';

interface BMsg { id: number; type: string; key: string; payload: Record<string, unknown>; correlationId: number; causationId: number; createdAt: number }
interface Job { msg: BMsg; stage: number; lane: Lane; arrivedAt: number }
interface Lane { q: Ring<Job>; busy: boolean }
interface Stage { lanes: Lane[]; ready: Ring<Lane>; busy: number; cap: number; stats: NodeStats; rng: Rng; meanMs: number; fixedMs: number }
interface Ev { t: number; s: number; kind: number; job: Job | null }

const ARRIVAL = 0;
const DONE = 1;

export interface BaselineResult { deliveries: number; messages: number; events: number; ms: number }

export function runBaseline(stages: number, ratePerSec: number, meanMs: number, durationSec: number, seed: number, now: () => number): BaselineResult {
  const heap: Ev[] = [];
  let seq = 0;
  let time = 0;
  const push = (t: number, kind: number, job: Job | null): void => {
    const e: Ev = { t, s: seq++, kind, job };
    let i = heap.length;
    heap.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const q = heap[p]!;
      if (q.t < e.t || (q.t === e.t && q.s < e.s)) break;
      heap[i] = q;
      i = p;
    }
    heap[i] = e;
  };
  const pop = (): Ev => {
    const top = heap[0]!;
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        let c = l;
        let ce = heap[l]!;
        if (l + 1 < n) {
          const re = heap[l + 1]!;
          if (re.t < ce.t || (re.t === ce.t && re.s < ce.s)) { c = l + 1; ce = re; }
        }
        if (last.t < ce.t || (last.t === ce.t && last.s < ce.s)) break;
        heap[i] = ce;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };

  const P = 8;
  const mk = (id: string, cap: number, mean: number, fixed: number): Stage => ({
    lanes: Array.from({ length: P }, () => ({ q: new Ring<Job>(), busy: false })), ready: new Ring<Lane>(), busy: 0, cap,
    stats: new NodeStats(), rng: new Rng(seed, fnv1a(id)), meanMs: mean, fixedMs: fixed,
  });
  // stage i (0-based) = service s{i+1}; the last stage is the sink
  const st: Stage[] = [];
  for (let i = 1; i <= stages; i++) st.push(mk(`s${i}`, 8, meanMs, -1));
  st.push(mk('out', 1000, 0, 1));
  const topicStats = Array.from({ length: stages + 1 }, () => new NodeStats());
  const producerRng = new Rng(seed, fnv1a('p'));
  const payloads = new PayloadFactory(eventCatalog(), new IdSource());
  let msgId = 0;
  let deliveries = 0;
  let events = 0;

  const publish = (topic: number, m: BMsg): void => {
    deliveries++;
    topicStats[topic]!.in++;
    const stage = st[topic]!;
    const lane = stage.lanes[fnv1a(m.key) % P]!;
    lane.q.push({ msg: m, stage: topic, lane, arrivedAt: time });
    stage.stats.addWaiting(time, 1);
    if (!lane.busy && lane.q.length === 1) {
      stage.ready.push(lane);
      pump(stage);
    }
  };
  const pump = (stage: Stage): void => {
    while (stage.busy < stage.cap) {
      const lane = stage.ready.shift();
      if (lane === undefined) return;
      const job = lane.q.shift()!;
      lane.busy = true;
      stage.stats.addWaiting(time, -1);
      stage.busy++;
      stage.stats.addInFlight(time, 1);
      stage.stats.in++;
      deliveries++;
      const t = stage.fixedMs >= 0 ? stage.fixedMs : stage.rng.exp(stage.meanMs);
      push(time + t, DONE, job);
    }
  };
  const end = durationSec * 1000;
  push(producerRng.exp(1000 / ratePerSec), ARRIVAL, null);
  const t0 = now();
  while (heap.length > 0 && heap[0]!.t <= end) {
    const e = pop();
    time = e.t;
    events++;
    if (e.kind === ARRIVAL) {
      const payload = payloads.payload('OrderPlaced', producerRng, null, time);
      const id = ++msgId;
      publish(0, { id, type: 'OrderPlaced', key: payloads.keyOf('OrderPlaced', payload), payload, correlationId: id, causationId: -1, createdAt: time });
      push(time + producerRng.exp(1000 / ratePerSec), ARRIVAL, null);
    } else {
      const job = e.job!;
      const stage = st[job.stage]!;
      stage.busy--;
      stage.stats.addInFlight(time, -1);
      stage.stats.out++;
      stage.stats.recordLatency(time - job.arrivedAt);
      job.lane.busy = false;
      if (job.lane.q.length > 0) stage.ready.push(job.lane);
      if (job.stage < stages) {
        const c = job.msg;
        const id = ++msgId;
        publish(job.stage + 1, { id, type: c.type, key: c.key, payload: c.payload, correlationId: c.correlationId, causationId: c.id, createdAt: time });
      }
      pump(stage);
    }
  }
  return { deliveries, messages: msgId, events, ms: now() - t0 };
}
