/**
 * Types of the live part of the api (issue 17, docs/live.md): the broker plan of a topology, and
 * checking / applying / tearing it down on a real broker. The broker URL (with credentials) is
 * passed per call and kept nowhere: not in the topology, not in the database.
 */
import { z } from 'zod';
import { TopologyPayload } from './types';

const prefix = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a prefix is 1-40 characters of a-z, 0-9, _ or -');
const brokerUrl = z.string().min(1).max(2000).regex(/^amqps?:\/\//, 'a broker URL starts with amqp:// or amqps://');

export const liveMethods = {
  plan: z.object({ topology: TopologyPayload, prefix }),
  check: z.object({ brokerUrl }),
  onBroker: z.object({ topology: TopologyPayload, prefix, brokerUrl }),
};

const Unsupported = z.object({ ref: z.string(), what: z.string(), why: z.string() });

export const LivePlan = z.object({
  prefix: z.string(),
  /** exchanges and queues apply declares (teardown removes exactly these) */
  objects: z.array(z.string()),
  /** the plan as `eventflow live apply` prints it */
  lines: z.array(z.string()),
  inProcess: z.array(Unsupported),
  unsupported: z.array(Unsupported),
});
export type LivePlan = z.infer<typeof LivePlan>;

/** the broker reached: address without credentials */
export const LiveBrokerInfo = z.object({ address: z.string(), product: z.string(), version: z.string() });

export const LiveApplyResult = z.object({
  broker: LiveBrokerInfo,
  steps: z.array(z.object({ object: z.string(), action: z.enum(['create', 'exists']) })),
});

export const LiveTeardownResult = z.object({ broker: LiveBrokerInfo, removed: z.array(z.string()) });
