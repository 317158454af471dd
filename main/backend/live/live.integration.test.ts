/**
 * Live runs against a real RabbitMQ started by the test (test-broker.ts): one private broker for
 * the whole file. Never a mock. When rabbitmq-server cannot be started here, every test skips
 * and says exactly why.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkoutTemplate } from '../../../shared/model/templates';
import { Topology } from '../../../shared/model/topology';
import { planFor } from '../../../shared/live/plan';
import { Scenario } from '../../../shared/runtime/api';
import type { MetricsSnapshot, RunSummary } from '../../../shared/runtime/api';
import { BrokerError } from './broker';
import { runCli } from '../../cli/cli';
import type { CliIo } from '../../cli/command';
import { ApiError } from '../../../shared/api/define';
import { openBackend } from '../index';
import { RunRepository } from '../runs/run-repository';
import { openStore } from '../store';
import type { Store } from '../store';
import { runLive } from './live-run';
import { LiveSaver, liveMarkOf } from './live-saver';
import type { LiveRunResult } from './live-run';
import { formatTwin, simulateTwin, twinRows } from './twin';
import { RabbitMqAdapter } from './rabbitmq';
import { freePort } from './test-broker';
import { useTestBroker } from './test-broker-setup';
import type { TestBroker } from './test-broker';

const need = useTestBroker('live broker tests');

const checkout = (): Topology => Topology.parse(checkoutTemplate());

/** names of the exchanges and queues the broker holds under a prefix (management API) */
async function objectsUnder(b: TestBroker, prefix: string): Promise<string[]> {
  const ex = await b.management<{ name: string }[]>('/exchanges/%2F');
  const qs = await b.management<{ name: string }[]>('/queues/%2F');
  return [...ex.map((e) => `exchange ${e.name}`), ...qs.map((q) => `queue ${q.name}`)].filter((n) => n.split(' ')[1]!.startsWith(`${prefix}.`)).sort();
}

describe('RabbitMQ adapter: apply / teardown', () => {
  it('applies exactly the plan, idempotently, and teardown removes exactly it', async (ctx) => {
    const b = need(ctx);
    const plan = planFor(checkout(), 'applytest');
    const declared = [...plan.exchanges.map((e) => `exchange ${e.name}`), ...plan.queues.map((q) => `queue ${q.name}`)].sort();
    const a = await RabbitMqAdapter.connect(b.url);
    try {
      expect(a.info.version).toMatch(/^\d+\.\d+/);
      expect(a.info.address).not.toContain('guest');
      const first = await a.apply(plan);
      expect(first.every((s) => s.action === 'create')).toBe(true);
      expect(await objectsUnder(b, 'applytest')).toEqual(declared);
      const again = await a.apply(plan);
      expect(again.every((s) => s.action === 'exists')).toBe(true);
      expect(await objectsUnder(b, 'applytest')).toEqual(declared);
      const dlq = await b.management<{ arguments: Record<string, unknown> }>('/queues/%2F/applytest.topic.orders.payment');
      expect(dlq.arguments).toMatchObject({ 'x-dead-letter-exchange': 'applytest.dlx', 'x-max-length': 1_000_000, 'x-overflow': 'reject-publish' });
      const removed = await a.teardown(plan);
      expect(removed.sort()).toEqual(declared);
      expect(await objectsUnder(b, 'applytest')).toEqual([]);
    } finally {
      await a.close();
    }
  }, 60_000);

  it('says which object conflicts when it exists with other settings', async (ctx) => {
    const b = need(ctx);
    const t = checkout();
    const a = await RabbitMqAdapter.connect(b.url);
    try {
      await a.apply(planFor(t, 'conflict'));
      const orders = t.nodes.find((n) => n.id === 'orders');
      if (orders?.kind !== 'topic') throw new Error('fixture');
      orders.settings.capacity = 10;
      const err = await a.apply(planFor(t, 'conflict')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BrokerError);
      expect((err as BrokerError).code).toBe('conflict');
      expect((err as Error).message).toMatch(/queue conflict\.topic\.orders\.\w+ already exists .* with different settings/);
    } finally {
      await a.close();
    }
    const clean = await RabbitMqAdapter.connect(b.url);
    await clean.teardown(planFor(checkout(), 'conflict'));
    await clean.close();
  }, 60_000);

  it('wrong credentials, a vhost without access and an unreachable host give clear messages', async (ctx) => {
    const b = need(ctx);
    const wrong = await RabbitMqAdapter.connect(b.url.replace('guest:guest', 'guest:nope')).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(BrokerError);
    expect((wrong as Error).message).toMatch(/refused the credentials \(403 ACCESS_REFUSED\)/);
    expect((wrong as Error).message).not.toContain('nope');
    const vhost = await RabbitMqAdapter.connect(`${b.url}/no-such-vhost`).catch((e: unknown) => e);
    expect((vhost as Error).message).toMatch(/refused access to the virtual host/);
    // a vhost that exists but on which the user has no permission
    await b.manage('PUT', '/vhosts/locked');
    await b.manage('DELETE', '/permissions/locked/guest').catch(() => undefined);
    const locked = await RabbitMqAdapter.connect(`${b.url}/locked`).catch((e: unknown) => e);
    expect((locked as Error).message).toMatch(/refused access to the virtual host "locked" \(530 NOT_ALLOWED\)/);
    const port = await freePort();
    const down = await RabbitMqAdapter.connect(`amqp://guest:guest@127.0.0.1:${port}`).catch((e: unknown) => e);
    expect((down as Error).message).toBe(`cannot reach the broker at amqp://127.0.0.1:${port}: connection refused (is RabbitMQ running on that port?)`);
  }, 60_000);
});

// ---- live runs ---------------------------------------------------------------------------------

interface Ran {
  result: LiveRunResult;
  snapshots: MetricsSnapshot[];
  depths: { timeMs: number; queue: string; messages: number }[];
  duringRun: string[];
  declared: string[];
}

async function liveRun(b: TestBroker, topology: Topology, scenario: Scenario, prefix: string, store?: Store): Promise<Ran & { runId: number | null }> {
  const plan = planFor(topology, prefix);
  const declared = [...plan.exchanges.map((e) => `exchange ${e.name}`), ...plan.queues.map((q) => `queue ${q.name}`)].sort();
  const adapter = await RabbitMqAdapter.connect(b.url);
  const snapshots: MetricsSnapshot[] = [];
  const depths: Ran['depths'] = [];
  let duringRun: string[] = [];
  try {
    await adapter.apply(plan);
    const probe = setTimeout(() => { void objectsUnder(b, prefix).then((o) => { duringRun = o; }); }, 1500);
    const saver = store !== undefined ? new LiveSaver(store.db, topology, scenario, { ...adapter.info, prefix }) : null;
    const result = await runLive({
      topology, scenario, plan, adapter, drainTimeoutMs: 20_000,
      onSnapshot: (s) => { snapshots.push(s); saver?.onSnapshot(s); }, onQueueDepth: (timeMs, queue, messages) => depths.push({ timeMs, queue, messages }),
      ...(saver !== null ? { onEvent: saver.onEvent } : {}),
    });
    saver?.finish(result.summary, result.interrupted);
    clearTimeout(probe);
    return { result, snapshots, depths, duringRun, declared, runId: saver?.runId ?? null };
  } finally {
    await adapter.teardown(plan);
    await adapter.close();
  }
}

function printTwin(title: string, topology: Topology, scenario: Scenario, live: RunSummary): void {
  const rows = twinRows(simulateTwin(topology, scenario), live);
  console.log(`TWIN ${title}\n${formatTwin(rows)}`);
}

const orderIds = (r: LiveRunResult, service: string): Set<string> => r.processedOrders.get(service) ?? new Set<string>();

describe('live run of the checkout on the real broker', () => {
  it('runs the checkout: every order reaches every consumer, the broker holds the plan during the run and nothing after', async (ctx) => {
    const b = need(ctx);
    const t = checkout();
    const scenario = Scenario.parse({ durationSec: 6, seed: 7 });
    const dataDir = mkdtempSync(path.join(tmpdir(), 'eventflow-live-store-'));
    const store = openStore({ dataDir });
    const ran = await liveRun(b, t, scenario, 'runtest', store);
    const r = ran.result;
    expect(r.interrupted).toBeNull();
    expect(ran.duringRun).toEqual(ran.declared);
    expect(await objectsUnder(b, 'runtest')).toEqual([]);
    expect(r.publishedOrders.size).toBeGreaterThan(40); // ≈ 20/s × 6 s
    expect(r.summary.kpis.orders).toBe(r.publishedOrders.size);
    for (const svc of ['inventory', 'notification']) expect(orderIds(r, svc)).toEqual(r.publishedOrders);
    const payment = r.summary.nodes.find((n) => n.id === 'payment')!;
    // payment fails ≈ 3 % per attempt (own 2 % + gateway 1 %): a failure is retried, not lost
    expect(orderIds(r, 'payment').size + payment.deadLetters).toBe(r.publishedOrders.size);
    expect(r.summary.kpis.ordersLost).toBe(0);
    expect(payment.latency.count).toBe(orderIds(r, 'payment').size);
    expect(payment.latency.p50Ms).toBeGreaterThan(0);
    // the depths recorded are the broker's: the topic's series is the max of its group queues at each sample
    const last = ran.snapshots.at(-1)!;
    expect(last.nodes.find((n) => n.id === 'orders')?.queueDepth).toBe(0);
    expect(ran.depths.some((d) => d.queue === 'runtest.topic.orders.payment')).toBe(true);
    // recorded like any run, marked live with the broker (no credentials)
    const repo = new RunRepository(store.db);
    const detail = repo.detail(ran.runId!);
    expect(detail.status).toBe('completed');
    expect(detail.kpis.orders).toBe(r.publishedOrders.size);
    expect(detail.eventCount).toBeGreaterThan(r.publishedOrders.size * 5);
    const mark = liveMarkOf(store.db, ran.runId!);
    expect(mark).toMatchObject({ product: 'RabbitMQ', prefix: 'runtest', address: `amqp://127.0.0.1:${b.amqpPort}` });
    expect(JSON.stringify(mark)).not.toContain('guest');
    const stored = store.db.prepare("SELECT max(queue_depth) AS peak FROM run_metrics WHERE run_id = ? AND node = 'orders'").get(ran.runId!) as { peak: number };
    expect(stored.peak).toBe(Math.max(...ran.snapshots.map((s) => s.nodes.find((n) => n.id === 'orders')!.queueDepth)));
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
    printTwin('checkout 6 s, 20 orders/s', t, scenario, r.summary);
    // the buyer's wait in an async checkout: the broker's publish confirm of OrderPlaced
    console.log(`LIVE checkout (OrderPlaced confirm) p99 ${r.summary.kpis.checkoutLatencyP99Ms} ms`);
  }, 60_000);

  it('a message that fails every retry ends in the DLX queue', async (ctx) => {
    const b = need(ctx);
    const t = checkout();
    const payment = t.nodes.find((n) => n.id === 'payment');
    if (payment?.kind !== 'service') throw new Error('fixture');
    payment.settings.failurePct = 100;
    payment.settings.retry = { maxAttempts: 3, backoffMs: 20, multiplier: 2 };
    const plan = planFor(t, 'dlxtest');
    const adapter = await RabbitMqAdapter.connect(b.url);
    try {
      await adapter.apply(plan);
      const r = await runLive({ topology: t, scenario: Scenario.parse({ durationSec: 2, seed: 3 }), plan, adapter, drainTimeoutMs: 10_000 });
      const n = r.publishedOrders.size;
      expect(n).toBeGreaterThan(10);
      const dlq = await adapter.queueStats('dlxtest.queue.payments-dlq');
      expect(dlq.messages).toBe(n);
      const p = r.summary.nodes.find((x) => x.id === 'payment')!;
      expect(p.retries).toBe(2 * n);
      expect(p.deadLetters).toBe(n);
      expect(orderIds(r, 'payment').size).toBe(0);
      expect(r.summary.kpis.ordersLost).toBe(0);
    } finally {
      await adapter.teardown(plan);
      await adapter.close();
    }
  }, 60_000);

  it('payment down for 4 s: its queue grows, drains after, zero orders lost', async (ctx) => {
    const b = need(ctx);
    const t = checkout();
    const scenario = Scenario.parse({ durationSec: 9, seed: 11, faults: [{ kind: 'down', nodeId: 'payment', startSec: 2, endSec: 6 }] });
    const ran = await liveRun(b, t, scenario, 'outage');
    const r = ran.result;
    expect(r.interrupted).toBeNull();
    const series = ran.depths.filter((d) => d.queue === 'outage.topic.orders.payment');
    const during = series.filter((d) => d.timeMs >= 3000 && d.timeMs < 6000).map((d) => d.messages);
    // ≈ 20/s for 4 s wait in the broker; the other groups keep up
    expect(r.peakBacklog['outage.topic.orders.payment']).toBeGreaterThan(40);
    expect(Math.max(...during)).toBeGreaterThan(Math.max(...series.filter((d) => d.timeMs < 1900).map((d) => d.messages), 0));
    expect(r.peakBacklog['outage.topic.orders.inventory']).toBeLessThan(r.peakBacklog['outage.topic.orders.payment']!);
    expect(series.at(-1)?.messages).toBe(0);
    expect(r.drainMs).not.toBeNull();
    const payment = r.summary.nodes.find((n) => n.id === 'payment')!;
    expect(orderIds(r, 'payment').size + payment.deadLetters).toBe(r.publishedOrders.size);
    expect(r.summary.kpis.ordersLost).toBe(0);
    expect(await objectsUnder(b, 'outage')).toEqual([]);
    printTwin('checkout 9 s, payment down 2-6 s', t, scenario, r.summary);
    console.log(`LIVE drain after traffic: ${String(r.drainMs)} ms; peak payment backlog ${String(r.peakBacklog['outage.topic.orders.payment'])}`);
  }, 90_000);
});

describe('a broker that drops the connection mid-run', () => {
  it('ends the run as interrupted with what was recorded kept', async (ctx) => {
    const b = need(ctx);
    const t = checkout();
    const scenario = Scenario.parse({ durationSec: 8, seed: 5 });
    const plan = planFor(t, 'droptest');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'eventflow-live-drop-'));
    const store = openStore({ dataDir });
    const adapter = await RabbitMqAdapter.connect(b.url);
    try {
      await adapter.apply(plan);
      const saver = new LiveSaver(store.db, t, scenario, { ...adapter.info, prefix: 'droptest' });
      // the broker closes our connection (as an operator or a failover would) after ~2.5 s
      const dropAll = async (): Promise<void> => {
        for (let i = 0; i < 40; i++) {
          const cs = await b.management<{ name: string }[]>('/connections');
          if (cs.length > 0) {
            for (const c of cs) await b.manage('DELETE', `/connections/${encodeURIComponent(c.name)}`);
            return;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      };
      const kill = setTimeout(() => { void dropAll(); }, 2500);
      const r = await runLive({ topology: t, scenario, plan, adapter, drainTimeoutMs: 5000, onSnapshot: saver.onSnapshot, onEvent: saver.onEvent });
      clearTimeout(kill);
      saver.finish(r.summary, r.interrupted);
      expect(r.interrupted).toMatch(/closed the connection/);
      const d = new RunRepository(store.db).detail(saver.runId);
      expect(d.status).toBe('interrupted');
      expect(d.error).toMatch(/closed the connection/);
      expect(d.kpis.orders).toBeGreaterThan(10); // what ran before the drop is kept
      expect(d.simulatedMs).toBeLessThan(30_000);
    } finally {
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
      const clean = await RabbitMqAdapter.connect(b.url);
      await clean.teardown(plan);
      await clean.close();
    }
  }, 60_000);
});

// ---- the api contract ------------------------------------------------------------------------

describe('live.* api methods', () => {
  it('plan, check, apply, teardown through the backend dispatcher; broker problems are refused with the cause', async (ctx) => {
    const b = need(ctx);
    const dir = mkdtempSync(path.join(tmpdir(), 'eventflow-live-api-'));
    const backend = openBackend({ dataDir: dir, transport: 'websocket' });
    try {
      const topology = checkoutTemplate();
      const plan = await backend.dispatch('live.plan', { topology, prefix: 'apitest' }) as { objects: string[]; unsupported: { what: string }[] };
      expect(plan.objects).toContain('queue apitest.topic.orders.payment');
      expect(plan.unsupported.map((u) => u.what)).toContain('replication 3');
      const info = await backend.dispatch('live.check', { brokerUrl: b.url }) as { address: string; version: string };
      expect(info.address).toBe(`amqp://127.0.0.1:${b.amqpPort}`);
      const applied = await backend.dispatch('live.apply', { topology, prefix: 'apitest', brokerUrl: b.url }) as { steps: { action: string }[] };
      expect(applied.steps.filter((s) => s.action === 'create').length).toBe(plan.objects.length);
      expect(await objectsUnder(b, 'apitest')).toEqual([...plan.objects].sort());
      const removed = await backend.dispatch('live.teardown', { topology, prefix: 'apitest', brokerUrl: b.url }) as { removed: string[] };
      expect(removed.removed.sort()).toEqual([...plan.objects].sort());
      expect(await objectsUnder(b, 'apitest')).toEqual([]);
      const wrong = await backend.dispatch('live.check', { brokerUrl: b.url.replace('guest:guest', 'guest:x') }).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(ApiError);
      expect((wrong as ApiError).code).toBe('refused');
      expect((wrong as ApiError).message).toContain('refused the credentials');
      const badPrefix = await backend.dispatch('live.plan', { topology, prefix: 'a.b' }).catch((e: unknown) => e);
      expect((badPrefix as ApiError).code).toBe('invalid-input');
    } finally {
      backend.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

// ---- the CLI -----------------------------------------------------------------------------------

async function cli(argv: string[], env: Record<string, string | undefined>, cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (s) => { out += s; }, err: (s) => { err += s; }, isTty: false, columns: 100, cwd, now: () => Date.now(), interrupted: { value: false }, env };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe('eventflow live', () => {
  it('apply prints the plan then declares it, run --save --twin records a live run, teardown removes it; credentials only from the env', async (ctx) => {
    const b = need(ctx);
    const dir = mkdtempSync(path.join(tmpdir(), 'eventflow-live-cli-'));
    writeFileSync(path.join(dir, 'checkout.eventflow.json'), JSON.stringify(checkoutTemplate()));
    const broker = `amqp://127.0.0.1:${b.amqpPort}`;
    const env = { EVENTFLOW_BROKER_CREDENTIALS: 'guest:guest', EVENTFLOW_DATA_DIR: path.join(dir, 'data') };
    try {
      const dry = await cli(['live', 'apply', 'checkout.eventflow.json', '--broker', broker, '--dry-run'], env, dir);
      expect(dry.code, dry.err).toBe(0);
      expect(dry.out).toContain('will create exchange ef-checkout.topic.orders');
      expect(dry.out).toContain('not expressed: orders: 12 partitions keyed by orderId');
      expect(await objectsUnder(b, 'ef-checkout')).toEqual([]);
      const applied = await cli(['live', 'apply', 'checkout.eventflow.json', '--broker', broker], env, dir);
      expect(applied.code, applied.err).toBe(0);
      expect(applied.out).toMatch(/applied: 8 created, 0 already there/);
      const again = await cli(['live', 'apply', 'checkout.eventflow.json', '--broker', broker], env, dir);
      expect(again.out).toMatch(/applied: 0 created, 8 already there/);
      const run = await cli(['live', 'run', 'checkout.eventflow.json', '--broker', broker, '--duration', '3s', '--save', '--twin', '--keep'], env, dir);
      expect(run.code, run.err).toBe(0);
      expect(run.out).toContain('ef-checkout.topic.orders.payment');
      expect(run.err).toMatch(/saved as live run #\d+/);
      const store = openStore({ dataDir: path.join(dir, 'data') });
      const id = Number(/saved as live run #(\d+)/.exec(run.err)![1]);
      // --twin stores the simulated twin beside it and prints both ids with the table
      const twinId = Number(/saved the simulated twin as run #(\d+)/.exec(run.err)?.[1]);
      expect(twinId).toBeGreaterThan(id);
      expect(run.out).toContain(`twin: live run #${id} vs simulated run #${twinId}`);
      console.log(`CLI live run --save --twin (3 s):\n${run.out.slice(run.out.indexOf('twin: live run'))}`);
      expect(run.out).toMatch(/\| payment \| [\d.]+ \| [\d.]+ \|/);
      expect(run.out).toMatch(/\| orders fulfilled \(orders\) \|/);
      const repo = new RunRepository(store.db);
      const twinRun = repo.detail(twinId);
      expect(twinRun.status).toBe('completed');
      expect(twinRun.live ?? null).toBeNull();
      expect(twinRun.name).toMatch(/· simulated twin$/);
      expect(twinRun.scenario.durationSec).toBe(3);
      expect(twinRun.summary!.kpis.orders).toBeGreaterThan(20);
      expect(repo.metrics(twinId, 'payment').timeMs.length).toBeGreaterThan(1);
      expect(liveMarkOf(store.db, id)?.prefix).toBe('ef-checkout');
      expect(store.db.prepare('SELECT count(*) AS n FROM runs WHERE topology LIKE ? OR live LIKE ?').get('%guest%', '%guest%')).toEqual({ n: 0 });
      store.close();
      // --json -: both ids and the twin rows in the JSON on stdout, the tables on stderr
      const json = await cli(['live', 'run', 'checkout.eventflow.json', '--broker', broker, '--duration', '2s', '--twin', '--keep', '--json', '-'], env, dir);
      expect(json.code, json.err).toBe(0);
      const report = JSON.parse(json.out) as { liveRunId: number; twinRunId: number; twin: { node: string; kind: string }[]; summary: { kpis: { orders: number } } };
      expect(report.liveRunId).toBeGreaterThan(twinId);
      expect(report.twinRunId).toBe(report.liveRunId + 1);
      expect(report.twin.find((r) => r.node === 'payment')?.kind).toBe('service');
      expect(report.summary.kpis.orders).toBeGreaterThan(10);
      expect(json.err).toContain(`twin: live run #${report.liveRunId} vs simulated run #${report.twinRunId}`);
      const down = await cli(['live', 'teardown', 'checkout.eventflow.json', '--broker', broker], env, dir);
      expect(down.out.split('\n').filter((l) => l.startsWith('removed ')).length).toBe(8);
      expect(await objectsUnder(b, 'ef-checkout')).toEqual([]);
      const wrong = await cli(['live', 'apply', 'checkout.eventflow.json', '--broker', broker], { EVENTFLOW_BROKER_CREDENTIALS: 'guest:wrong' }, dir);
      expect(wrong.code).toBe(69);
      expect(wrong.err).toContain('refused the credentials');
      const port = await freePort();
      const unreachable = await cli(['live', 'run', 'checkout.eventflow.json', '--broker', `amqp://127.0.0.1:${port}`], env, dir);
      expect(unreachable.code).toBe(69);
      expect(unreachable.err).toContain(`cannot reach the broker at amqp://127.0.0.1:${port}: connection refused`);
      const ghost = await cli(['live', 'run', 'checkout.eventflow.json', '--broker', broker, '--duration', '2s', '--fault', 'down:ghost:0-1'], env, dir);
      expect(ghost.code).toBe(65);
      expect(ghost.err).toContain('fault down names node "ghost", which is not in topology');
      expect(await objectsUnder(b, 'ef-checkout')).toEqual([]); // torn down after the refusal
      const bad = await cli(['live', 'apply', 'checkout.eventflow.json', '--broker', 'http://x'], env, dir);
      expect(bad.code).toBe(64);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
