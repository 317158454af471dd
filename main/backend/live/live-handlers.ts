/**
 * The live api methods (shared/api/live.ts). Each call opens its own broker connection and
 * closes it: the URL and its credentials live only for the call. Broker problems come back as
 * 'refused' with the adapter's message (address and cause).
 */
import { ApiError } from '../../../shared/api/define';
import type { MethodHandlers } from '../api/handlers';
import { formatPlan, planFor } from '../../../shared/live/plan';
import { BrokerError } from './broker';
import type { RunManager } from '../runs/run-manager';
import type { LiveRunner } from './live-runner';
import { runTwin, twinRowsOf } from './live-twin';
import { RabbitMqAdapter } from './rabbitmq';
import type { BrokerUrlKeeper } from './broker-url-keeper';

type LiveMethod = Extract<keyof MethodHandlers, `live.${string}`>;

async function withBroker<T>(url: string, f: (a: RabbitMqAdapter) => Promise<T>): Promise<T> {
  let adapter: RabbitMqAdapter | null = null;
  try {
    adapter = await RabbitMqAdapter.connect(url);
    return await f(adapter);
  } catch (e) {
    if (e instanceof BrokerError) throw new ApiError('refused', e.message);
    throw e;
  } finally {
    await adapter?.close();
  }
}

/** a keeper that cannot read or write (no keychain) is refused with its reason; the dialog still works without it */
function kept<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new ApiError('refused', (e as Error).message);
  }
}

export function liveHandlers(runner: LiveRunner, runs: RunManager, brokerUrls: BrokerUrlKeeper): Pick<MethodHandlers, LiveMethod> {
  return {
    'live.savedBroker': async () => ({ brokerUrl: kept(() => brokerUrls.load()), kind: brokerUrls.kind }),
    'live.rememberBroker': async ({ brokerUrl }) => {
      kept(() => brokerUrls.save(brokerUrl));
      return { brokerUrl, kind: brokerUrls.kind };
    },
    'live.plan': async ({ topology, prefix }) => {
      const p = planFor(topology, prefix);
      return {
        prefix: p.prefix, objects: [...p.exchanges.map((e) => `exchange ${e.name}`), ...p.queues.map((q) => `queue ${q.name}`)],
        lines: formatPlan(p), inProcess: p.inProcess, unsupported: p.unsupported,
      };
    },
    'live.check': async ({ brokerUrl }) => withBroker(brokerUrl, async (a) => a.info),
    'live.apply': async ({ topology, prefix, brokerUrl }) => withBroker(brokerUrl, async (a) => ({ broker: a.info, steps: await a.apply(planFor(topology, prefix)) })),
    'live.teardown': async ({ topology, prefix, brokerUrl }) => withBroker(brokerUrl, async (a) => ({ broker: a.info, removed: await a.teardown(planFor(topology, prefix)) })),
    'live.start': async ({ name, ...input }) => runner.start({ ...input, ...(name !== undefined ? { name } : {}) }),
    'live.twin': async ({ runId }) => runTwin(runs, runId),
    'live.twinRows': async ({ live, sim }) => twinRowsOf(runs, live, sim),
    'live.stop': async ({ runId }) => {
      await runner.stop(runId);
      return { runId, stopped: true };
    },
  };
}
