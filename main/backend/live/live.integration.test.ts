/**
 * Live runs against a real RabbitMQ started by the test (test-broker.ts): one private broker for
 * the whole file. Never a mock. When rabbitmq-server cannot be started here, every test skips
 * and says exactly why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from 'vitest';
import { checkoutTemplate } from '../../../shared/model/templates';
import { Topology } from '../../../shared/model/topology';
import { planFor } from '../../../shared/live/plan';
import { BrokerError } from './broker';
import { RabbitMqAdapter } from './rabbitmq';
import { brokerUnavailableReason, freePort, startTestBroker } from './test-broker';
import type { TestBroker } from './test-broker';

let broker: TestBroker | null = null;
let skipReason: string | null = brokerUnavailableReason();

beforeAll(async () => {
  if (skipReason !== null) return;
  try {
    broker = await startTestBroker();
  } catch (e) {
    skipReason = `the private RabbitMQ could not be started: ${(e as Error).message}`;
  }
  if (skipReason !== null) console.warn(`SKIPPED live broker tests: ${skipReason}`);
}, 120_000);

afterAll(async () => {
  await broker?.stop();
}, 30_000);

function need(ctx: TestContext): TestBroker {
  if (broker === null) {
    ctx.skip(skipReason ?? 'no broker');
    throw new Error('unreachable');
  }
  return broker;
}

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
    const port = await freePort();
    const down = await RabbitMqAdapter.connect(`amqp://guest:guest@127.0.0.1:${port}`).catch((e: unknown) => e);
    expect((down as Error).message).toBe(`cannot reach the broker at amqp://127.0.0.1:${port}: connection refused (is RabbitMQ running on that port?)`);
  }, 60_000);
});
