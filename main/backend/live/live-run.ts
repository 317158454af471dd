/**
 * A live run: the scenario's traffic published in real time to a broker the plan was applied to,
 * every service a real consumer (ack after its sampled processing time, reject on sampled
 * failure after its retries, reactions published), backlog read from the broker. Random draws
 * use the runtime's seeded streams, but broker timing makes a live run non-deterministic.
 */
import type { BrokerPlan, PlannedConsumer, PublishRoute } from '../../../shared/live/plan';
import { eventCatalog } from '../../../shared/commerce/catalog';
import { ArrivalProcess } from '../../../shared/commerce/arrivals';
import type { RateModifier } from '../../../shared/commerce/arrivals';
import { IdSource, PayloadFactory } from '../../../shared/commerce/payloads';
import type { NodeOfKind, TopologyNode } from '../../../shared/model/nodes';
import type { Topology } from '../../../shared/model/topology';
import type { LiveFault } from '../../../shared/api/runs';
import type { Fault, MetricsSnapshot, RunSummary, Scenario, SimEvent, SimEventStatus } from '../../../shared/runtime/api';
import { Rng, fnv1a, samplerFor } from '../../../shared/runtime/prng';
import type { BrokerAdapter, ConsumerHandle, Delivery, LiveMessage } from './broker';
import { LiveMetrics } from './live-metrics';

export interface LiveRunOptions {
  topology: Topology;
  scenario: Scenario;
  plan: BrokerPlan;
  adapter: BrokerAdapter;
  /** wall ms to wait after the traffic stops for queues to drain (default 30 s) */
  drainTimeoutMs?: number;
  onSnapshot?: (s: MetricsSnapshot) => void;
  onEvent?: (e: SimEvent) => void;
  /** per-queue broker depth at each snapshot */
  onQueueDepth?: (timeMs: number, queue: string, messages: number) => void;
  /** set (e.g. by Ctrl+C) to stop the traffic early; the queues still drain */
  stop?: { readonly value: boolean };
  /** filled by runLive while the run goes: faults injected and ended from outside (the app's Faults panel) */
  control?: LiveRunControl;
  /** called once the consumers are up and `control` works, just before the traffic starts */
  onStarted?: () => void;
}

/**
 * Faults changed while a live run goes. `inject` applies a fault from now (until its endSec, or
 * until `end`), returns it with its window in run seconds, and throws a RangeError saying why
 * when the fault cannot work live (unknown node, wrong kind of node). `scale` adds or cancels
 * consumers on the broker (one per instance; another concurrency restarts them with its prefetch).
 */
export interface LiveRunControl {
  inject: ((f: LiveFault) => Fault) | null;
  end: ((f: Fault) => void) | null;
}

/** endSec of a fault injected without one: until `end` (the schema's largest second) */
export const OPEN_ENDED_SEC = 31_536_000;

export interface LiveRunResult {
  summary: RunSummary;
  /** highest broker-reported ready count per queue */
  peakBacklog: Record<string, number>;
  /** wall ms from the end of the traffic until every consumed queue was empty (null: it never was) */
  drainMs: number | null;
  /** set when the broker connection dropped mid-run */
  interrupted: string | null;
  /** order ids each service processed successfully (zero-loss checks) */
  processedOrders: Map<string, Set<string>>;
  publishedOrders: Set<string>;
}

/** one consumer of a node on a queue (one per instance) */
interface Slot {
  consumer: PlannedConsumer;
  /** salts its random stream: instances do not draw the same processing times */
  index: number;
  handle: ConsumerHandle | null;
  /** scaled away: a consumer still starting cancels itself */
  retired: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const activeAt = (f: Fault, ms: number): boolean => ms >= f.startSec * 1000 && ms < f.endSec * 1000;

export async function runLive(o: LiveRunOptions): Promise<LiveRunResult> {
  const { topology, scenario, plan, adapter } = o;
  const byId = new Map<string, TopologyNode>(topology.nodes.map((n) => [n.id, n]));
  // a fault on a node the topology lacks would fire into nothing mid-run: refuse it up front
  for (const f of scenario.faults) {
    if (!byId.has(f.nodeId)) throw new RangeError(`fault ${f.kind} names node "${f.nodeId}", which is not in topology "${topology.name}"`);
  }
  const metrics = new LiveMetrics(topology, scenario);
  const payloads = new PayloadFactory(eventCatalog(topology.eventTypes), new IdSource());
  const t0 = Date.now();
  const now = (): number => Date.now() - t0;
  const endMs = scenario.durationSec * 1000;
  let interrupted: string | null = null;
  let trafficOver = false;
  let nextId = 1;
  let seq = 0;
  let pending = 0; // publishes and deliveries not finished yet
  const peakBacklog: Record<string, number> = {};
  const processedOrders = new Map<string, Set<string>>();
  const publishedOrders = new Set<string>();
  const routesOf = new Map<string, PublishRoute[]>();
  for (const r of plan.routes) routesOf.set(`${r.from}\u0000${r.eventType}`, [...(routesOf.get(`${r.from}\u0000${r.eventType}`) ?? []), r]);
  adapter.onConnectionLost((reason) => { interrupted ??= reason; });

  const log = (m: LiveMessage, status: SimEventStatus, source: string, target: string, reason?: string): void => {
    if (o.onEvent === undefined) return;
    o.onEvent({
      seq: seq++, id: m.id, type: m.type, time: now(), key: m.key, payload: m.payload, correlationId: m.correlationId, causationId: m.causationId,
      source, target, status, attempt: m.attempt, ...(reason !== undefined ? { reason } : {}),
    });
  };
  const lost = (m: LiveMessage): void => metrics.lost(m.payload);

  /** publishes along every route of (from, type); waits while a backpressure broker is full */
  const publishFrom = async (from: string, m: LiveMessage): Promise<void> => {
    const routes = routesOf.get(`${from}\u0000${m.type}`) ?? [];
    for (const r of routes) {
      const headers: Record<string, string> = {};
      for (const f of r.headerFields) if (m.payload[f] !== undefined) headers[`f.${f}`] = String(m.payload[f]);
      await publishTo(r.exchange, r.routingKey, r.to, r.onFull, m, headers, from);
    }
  };
  const publishTo = async (exchange: string, routingKey: string, to: string, onFull: PublishRoute['onFull'], m: LiveMessage, headers: Record<string, string>, from: string): Promise<void> => {
    pending++;
    try {
      const started = Date.now();
      for (;;) {
        if (interrupted !== null) return;
        const outcome = await adapter.publish(exchange, routingKey, m, headers);
        if (outcome === 'accepted') {
          metrics.of(to).in++;
          if (m.type === 'OrderPlaced' && m.attempt === 1) metrics.checkoutLatency.record(Date.now() - started);
          log(m, 'published', from, to);
          return;
        }
        if (outcome === 'refused' && onFull === 'wait' && !trafficOver) {
          await sleep(50); // backpressure: the broker is at x-max-length
          continue;
        }
        metrics.of(to).drops++;
        lost(m);
        log(m, 'dropped', from, to, outcome === 'refused' ? 'broker at capacity' : 'no queue bound for this type');
        return;
      }
    } catch (e) {
      interrupted ??= `publishing to ${exchange === '' ? routingKey : exchange} failed: ${(e as Error).message}`;
    } finally {
      pending--;
    }
  };

  const newMessage = (type: string, parent: LiveMessage | null, rng: Rng): LiveMessage => {
    const payload = payloads.payload(type, rng, parent?.payload ?? null, now());
    const id = nextId++;
    metrics.messages++;
    const m: LiveMessage = {
      id, type, key: payloads.keyOf(type, payload), payload, correlationId: parent?.correlationId ?? id, causationId: parent?.id ?? null,
      firstPublishedAt: Date.now(), attempt: 1,
    };
    metrics.created(m, now());
    return m;
  };

  // ---- producers -----------------------------------------------------------------------------
  // the scenario's faults, then those injected while running (the producers re-read them on a change)
  const faults: Fault[] = scenario.faults.map((f) => ({ ...f }));
  let faultsVersion = 0;
  const faultsOf = (id: string, kind: Fault['kind']): Fault[] => faults.filter((f) => f.nodeId === id && f.kind === kind);
  const producerLoop = async (p: NodeOfKind<'producer'>): Promise<void> => {
    const profile = p.settings.profile;
    if (profile.kind === 'replay' || p.settings.emits.length === 0) return;
    const mod: RateModifier = {
      burstFactor: (t) => faultsOf(p.id, 'burst').reduce((f, b) => (activeAt(b, t) && b.kind === 'burst' ? f * b.factor : f), 1),
      rateBoundaries: () => faultsOf(p.id, 'burst').flatMap((b) => [b.startSec * 1000, b.endSec * 1000]),
    };
    let arrivals = new ArrivalProcess(profile, mod);
    let arrivalsVersion = faultsVersion;
    const rng = new Rng(scenario.seed, fnv1a(p.id));
    let t = 0;
    let rr = 0;
    const sends: Promise<void>[] = [];
    for (;;) {
      if (arrivalsVersion !== faultsVersion) {
        // a burst injected or ended: its start and end become rate boundaries
        arrivals = new ArrivalProcess(profile, mod);
        arrivalsVersion = faultsVersion;
      }
      t = arrivals.next(t, rng);
      if (t >= endMs || interrupted !== null || o.stop?.value === true) break;
      await sleep(t - now());
      const type = p.settings.emits[rr++ % p.settings.emits.length]!;
      const m = newMessage(type, null, rng);
      const poisonPct = faultsOf(p.id, 'poison').reduce((x, f) => (f.kind === 'poison' && activeAt(f, t) ? f.pct : x), 0);
      if (poisonPct > 0 && rng.chance(poisonPct)) m.payload['x-poison'] = true;
      metrics.of(p.id).out++;
      log(m, 'emitted', p.id, '');
      if (type === 'OrderPlaced') {
        metrics.orders++;
        const amount = m.payload['amount'];
        if (typeof amount === 'number') metrics.revenue += amount;
        if (typeof m.payload['orderId'] === 'string') publishedOrders.add(m.payload['orderId']);
      }
      sends.push(publishFrom(p.id, m));
      if (sends.length > 256) await Promise.all(sends.splice(0));
    }
    await Promise.all(sends);
  };

  // ---- consumers -----------------------------------------------------------------------------
  const timers: NodeJS.Timeout[] = [];
  // one consumer per instance and queue; a slot without a handle is down (or not started yet)
  const handles = new Map<string, Slot[]>();
  let slotSeq = 0;
  const seen = new Map<string, Set<number>>();
  const startConsumer = async (slot: Slot): Promise<void> => {
    const c = slot.consumer;
    const node = byId.get(c.nodeId);
    if (node === undefined) return;
    const rng = new Rng(scenario.seed, fnv1a(`${c.nodeId}:${c.queue}:${slot.index}`));
    const h = await adapter.consume(c.queue, c.prefetch, (d) => { void handle(node, c, d, rng); });
    // scaled away or taken down while it was starting: it must not stay on the broker
    if (slot.retired || metrics.of(c.nodeId).down) await h.cancel();
    else slot.handle = h;
  };

  const handle = async (node: TopologyNode, c: PlannedConsumer, d: Delivery, rng: Rng): Promise<void> => {
    const m = d.message;
    const stats = metrics.of(node.id);
    metrics.deliveries++;
    stats.inFlight++;
    pending++;
    log(m, 'delivered', c.queue, node.id);
    try {
      if (node.kind === 'sink') {
        const ms = samplerFor(node.settings.latency)(rng);
        await sleep(ms);
        if (rng.chance(node.settings.failurePct)) stats.errors++;
        stats.done(Date.now() - m.firstPublishedAt, ms);
        d.ack();
        log(m, 'processed', node.id, '');
        return;
      }
      if (node.kind !== 'service') { d.ack(); return; }
      const s = node.settings;
      const done = seen.get(node.id) ?? new Set<number>();
      seen.set(node.id, done);
      if (s.idempotent && done.has(m.id)) {
        stats.duplicates++;
        d.ack();
        log(m, 'duplicate', node.id, '');
        return;
      }
      const t = now();
      const slow = faultsOf(node.id, 'slowdown').reduce((f, x) => (x.kind === 'slowdown' && activeAt(x, t) ? f * x.factor : f), 1);
      const failurePct = faultsOf(node.id, 'error-rate').reduce((p, x) => (x.kind === 'error-rate' && activeAt(x, t) ? x.failurePct : p), s.failurePct);
      let ms = samplerFor(s.processing)(rng) * slow;
      let failed = m.payload['x-poison'] === true || rng.chance(failurePct);
      for (const e of topology.edges) {
        if (e.kind !== 'call' || e.source !== node.id) continue;
        const callee = byId.get(e.target);
        if (callee?.kind === 'sink') {
          ms += samplerFor(callee.settings.latency)(rng);
          if (rng.chance(callee.settings.failurePct)) failed = true;
        } else if (callee?.kind === 'service') {
          ms += samplerFor(callee.settings.processing)(rng);
          if (rng.chance(callee.settings.failurePct)) failed = true;
        }
      }
      await sleep(ms);
      if (interrupted !== null) return;
      if (!failed) {
        done.add(m.id);
        for (const type of s.emitsOnSuccess) await publishFrom(node.id, newMessage(type, m, rng));
        d.ack();
        stats.done(Date.now() - m.firstPublishedAt, ms);
        const order = m.payload['orderId'];
        if (typeof order === 'string') {
          const set = processedOrders.get(node.id) ?? new Set<string>();
          set.add(order);
          processedOrders.set(node.id, set);
        }
        log(m, 'processed', node.id, '');
        return;
      }
      stats.errors++;
      log(m, 'failed', node.id, '', m.payload['x-poison'] === true ? 'poison' : 'processing failed');
      if (m.attempt < s.retry.maxAttempts) {
        stats.retries++;
        log(m, 'retried', node.id, c.queue);
        await sleep(s.retry.backoffMs * Math.pow(s.retry.multiplier, m.attempt - 1));
        // a retry goes back to the same queue (default exchange) before the original is acked: never lost
        await publishTo('', c.queue, plannedBrokerOf(c.queue), 'wait', { ...m, attempt: m.attempt + 1 }, {}, node.id);
        d.ack();
        return;
      }
      for (const type of s.emitsOnFailure) await publishFrom(node.id, newMessage(type, m, rng));
      const q = plan.queues.find((x) => x.name === c.queue);
      d.reject(); // the queue's x-dead-letter-exchange takes it, else the broker drops it
      if (q?.arguments['x-dead-letter-exchange'] !== undefined) {
        stats.deadLetters++;
        log(m, 'dead-lettered', node.id, String(q.arguments['x-dead-letter-routing-key'] ?? q.arguments['x-dead-letter-exchange']));
      } else {
        stats.drops++;
        lost(m);
        log(m, 'dropped', node.id, '', 'retries exhausted, no dead-letter target');
      }
    } finally {
      stats.inFlight--;
      pending--;
    }
  };
  const plannedBrokerOf = (queue: string): string => plan.queues.find((q) => q.name === queue)?.nodeId ?? '';

  for (const c of plan.consumers) {
    for (let i = 0; i < c.instances; i++) {
      const slot: Slot = { consumer: c, index: slotSeq++, handle: null, retired: false };
      handles.set(c.nodeId, [...(handles.get(c.nodeId) ?? []), slot]);
      await startConsumer(slot);
    }
  }

  // ---- scaling: a "scale" fault adds consumers (instances) or cancels them, per queue ----------
  /** instances × prefetch of a node at `atMs`: the latest scale fault active then, else the topology's */
  const scaleAt = (nodeId: string, atMs: number): { instances: number; prefetch: number } => {
    const node = byId.get(nodeId);
    const active = faults.filter((f): f is Extract<Fault, { kind: 'scale' }> => f.kind === 'scale' && f.nodeId === nodeId && activeAt(f, atMs)).at(-1);
    if (node?.kind === 'service') return active !== undefined ? { instances: active.instances, prefetch: active.concurrency } : { instances: node.settings.instances, prefetch: node.settings.concurrency };
    // a sink is one consumer of `concurrency` (the simulator's sink has concurrency slots only)
    return { instances: 1, prefetch: active?.concurrency ?? (node?.kind === 'sink' ? node.settings.concurrency : 1) };
  };
  const rescale = async (nodeId: string, atMs: number): Promise<void> => {
    const { instances, prefetch } = scaleAt(nodeId, atMs);
    const slots = handles.get(nodeId) ?? [];
    const next: Slot[] = [];
    const retired: Slot[] = [];
    const started: Slot[] = [];
    for (const base of plan.consumers.filter((c) => c.nodeId === nodeId)) {
      const mine = slots.filter((x) => x.consumer.queue === base.queue);
      // a consumer's prefetch is set when it starts: another concurrency replaces them all
      const keep = mine.filter((x) => x.consumer.prefetch === prefetch).slice(0, instances);
      for (const x of mine) if (!keep.includes(x)) retired.push(x);
      while (keep.length < instances) {
        const x: Slot = { consumer: { ...base, instances, prefetch }, index: slotSeq++, handle: null, retired: false };
        keep.push(x);
        started.push(x);
      }
      next.push(...keep);
    }
    handles.set(nodeId, next);
    const stats = metrics.of(nodeId);
    stats.slots = instances * prefetch;
    for (const x of retired) {
      x.retired = true;
      const h = x.handle;
      x.handle = null;
      // its unacked messages are still processed and acked on their channel
      await h?.cancel();
    }
    if (!stats.down) for (const x of started) await startConsumer(x);
  };
  const scaleTimers = new Map<Fault, NodeJS.Timeout>();
  const failScale = (e: unknown): void => { interrupted ??= `scaling consumers failed: ${(e as Error).message}`; };
  const scheduleScale = (f: Fault): void => {
    const startMs = f.startSec * 1000;
    if (startMs <= now()) void rescale(f.nodeId, now()).catch(failScale);
    else timers.push(setTimeout(() => { void rescale(f.nodeId, startMs).catch(failScale); }, startMs - now()));
    if (f.endSec < OPEN_ENDED_SEC) scaleTimers.set(f, setTimeout(() => { void rescale(f.nodeId, f.endSec * 1000).catch(failScale); }, Math.max(0, f.endSec * 1000 - now())));
  };

  // ---- faults: a "down" consumer is cancelled, then consumes again ----------------------------
  const downTimers = new Map<Fault, NodeJS.Timeout>();
  const goDown = (f: Fault): void => {
    metrics.of(f.nodeId).down = true;
    for (const s of handles.get(f.nodeId) ?? []) {
      const h = s.handle;
      s.handle = null;
      void h?.cancel();
    }
  };
  const comeBack = (f: Fault): void => {
    downTimers.delete(f);
    // another down window of the node still open: it stays down
    if (faults.some((x) => x !== f && x.kind === 'down' && x.nodeId === f.nodeId && activeAt(x, now()))) return;
    metrics.of(f.nodeId).down = false;
    for (const s of handles.get(f.nodeId) ?? []) {
      if (s.handle !== null) continue;
      void startConsumer(s).catch((e: unknown) => { interrupted ??= (e as Error).message; });
    }
  };
  const scheduleDown = (f: Fault): void => {
    timers.push(setTimeout(() => goDown(f), Math.max(0, f.startSec * 1000 - now())));
    if (f.endSec < OPEN_ENDED_SEC) downTimers.set(f, setTimeout(() => comeBack(f), Math.max(0, f.endSec * 1000 - now())));
  };
  for (const f of faults) if (f.kind === 'down') scheduleDown(f);
  for (const f of faults) if (f.kind === 'scale') scheduleScale(f);

  if (o.control !== undefined) {
    o.control.inject = (lf: LiveFault): Fault => {
      const node = byId.get(lf.nodeId);
      if (node === undefined) throw new RangeError(`fault ${lf.kind}: node "${lf.nodeId}" is not in topology "${topology.name}"`);
      const startSec = Math.max(lf.startSec ?? 0, now() / 1000);
      const endSec = lf.endSec ?? OPEN_ENDED_SEC;
      if (endSec <= startSec) throw new RangeError(`fault ${lf.kind} on "${lf.nodeId}": it ends at ${endSec} s, before the run's clock (${(now() / 1000).toFixed(1)} s)`);
      let f: Fault;
      switch (lf.kind) {
        case 'down':
          if (!handles.has(lf.nodeId)) throw new RangeError(`fault down: "${node.name}" (${node.kind}) consumes from no queue on the broker, so there is no consumer to take down`);
          f = { kind: 'down', nodeId: lf.nodeId, startSec, endSec };
          break;
        case 'slowdown':
        case 'error-rate':
          if (node.kind !== 'service') throw new RangeError(`fault ${lf.kind}: "${node.name}" is a ${node.kind}; live, only a service's processing can be slowed or made to fail`);
          f = lf.kind === 'slowdown' ? { kind: 'slowdown', nodeId: lf.nodeId, startSec, endSec, factor: lf.factor } : { kind: 'error-rate', nodeId: lf.nodeId, startSec, endSec, failurePct: lf.failurePct };
          break;
        case 'burst':
        case 'poison':
          if (node.kind !== 'producer') throw new RangeError(`fault ${lf.kind}: "${node.name}" is a ${node.kind}; only a producer can burst or send poison messages`);
          f = lf.kind === 'burst' ? { kind: 'burst', nodeId: lf.nodeId, startSec, endSec, factor: lf.factor } : { kind: 'poison', nodeId: lf.nodeId, startSec, endSec, pct: lf.pct };
          break;
        case 'scale':
          if (!handles.has(lf.nodeId)) throw new RangeError(`fault scale: "${node.name}" (${node.kind}) consumes from no queue on the broker, so there are no consumers to scale`);
          f = { kind: 'scale', nodeId: lf.nodeId, startSec, endSec, instances: lf.instances, concurrency: lf.concurrency };
          break;
      }
      faults.push(f);
      faultsVersion++;
      if (f.kind === 'down') scheduleDown(f);
      if (f.kind === 'scale') scheduleScale(f);
      return f;
    };
    o.control.end = (f: Fault): void => {
      const mine = faults.find((x) => x === f);
      if (mine === undefined) return;
      mine.endSec = Math.max(mine.startSec, now() / 1000);
      faultsVersion++;
      if (mine.kind === 'down') {
        const t = downTimers.get(mine);
        if (t !== undefined) clearTimeout(t);
        comeBack(mine);
      }
      if (mine.kind === 'scale') {
        const t = scaleTimers.get(mine);
        if (t !== undefined) clearTimeout(t);
        scaleTimers.delete(mine);
        void rescale(mine.nodeId, now()).catch(failScale);
      }
    };
  }

  o.onStarted?.();

  // ---- backlog from the broker, one snapshot per interval -------------------------------------
  const consumed = new Set(plan.consumers.map((c) => c.queue));
  const sampleDepths = async (): Promise<number> => {
    let waiting = 0;
    const byNode = new Map<string, number>();
    const lagOf = new Map<string, number>();
    for (const q of plan.queues) {
      const st = await adapter.queueStats(q.name);
      peakBacklog[q.name] = Math.max(peakBacklog[q.name] ?? 0, st.messages);
      o.onQueueDepth?.(now(), q.name, st.messages);
      // a topic's depth: its slowest group (each message once), as the simulator counts it
      byNode.set(q.nodeId, metrics.nodes.get(q.nodeId)?.kind === 'topic' ? Math.max(byNode.get(q.nodeId) ?? 0, st.messages) : (byNode.get(q.nodeId) ?? 0) + st.messages);
      for (const c of plan.consumers) if (c.queue === q.name) lagOf.set(c.nodeId, (lagOf.get(c.nodeId) ?? 0) + st.messages);
      if (consumed.has(q.name)) waiting += st.messages;
    }
    for (const [id, depth] of byNode) {
      const n = metrics.of(id);
      n.depth = depth;
      n.depthPeak = Math.max(n.depthPeak, depth);
    }
    for (const [id, lag] of lagOf) metrics.of(id).lag = lag;
    return waiting;
  };
  const interval = scenario.snapshotIntervalMs > 0 ? scenario.snapshotIntervalMs : 1000;
  let sampling = true;
  const sampler = (async () => {
    while (sampling && interrupted === null) {
      await sleep(interval - (now() % interval));
      try {
        await sampleDepths();
      } catch (e) {
        interrupted ??= `reading queue depths failed: ${(e as Error).message}`;
        break;
      }
      o.onSnapshot?.(metrics.snapshot(now()));
    }
  })();

  // ---- traffic, then drain --------------------------------------------------------------------
  const producers = topology.nodes.filter((n): n is NodeOfKind<'producer'> => n.kind === 'producer');
  await Promise.all(producers.map(producerLoop));
  trafficOver = true;
  const trafficEnd = Date.now();
  let drainMs: number | null = null;
  const drainUntil = trafficEnd + (o.drainTimeoutMs ?? 30_000);
  while (interrupted === null && Date.now() < drainUntil) {
    const downNow = faults.some((f) => f.kind === 'down' && activeAt(f, now()));
    let waiting: number;
    try {
      waiting = await sampleDepths();
    } catch (e) {
      interrupted ??= `reading queue depths failed: ${(e as Error).message}`;
      break;
    }
    if (!downNow && waiting === 0 && pending === 0) {
      drainMs = Date.now() - trafficEnd;
      break;
    }
    await sleep(100);
  }
  for (const t of timers) clearTimeout(t);
  for (const t of downTimers.values()) clearTimeout(t);
  for (const t of scaleTimers.values()) clearTimeout(t);
  if (o.control !== undefined) {
    o.control.inject = null;
    o.control.end = null;
  }
  sampling = false;
  await sampler;
  for (const slots of handles.values()) for (const s of slots) await s.handle?.cancel().catch(() => undefined);
  const end = now();
  o.onSnapshot?.(metrics.snapshot(end));
  return { summary: metrics.summary(end, interrupted === null), peakBacklog, drainMs, interrupted, processedOrders, publishedOrders };
}
