/**
 * Types of the live part of the api (issue 17, docs/live.md): the broker plan of a topology, and
 * checking / applying / tearing it down on a real broker. The broker URL (with credentials) is
 * passed per call and kept nowhere (not in the topology, not in the database) unless the user asks
 * to remember it (live.rememberBroker: the OS keychain in the desktop app, memory on the web host).
 */
import { z } from 'zod';
import { Fault } from '../runtime/api';
import { RunId } from './runs';
import { ProjectId, TopologyPayload } from './types';

const prefix = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a prefix is 1-40 characters of a-z, 0-9, _ or -');
const brokerUrl = z.string().min(1).max(2000).regex(/^amqps?:\/\//, 'a broker URL starts with amqp:// or amqps://');

export const liveMethods = {
  plan: z.object({ topology: TopologyPayload, prefix }),
  check: z.object({ brokerUrl }),
  onBroker: z.object({ topology: TopologyPayload, prefix, brokerUrl }),
  /**
   * A live run of the topology on the broker (the plan is applied first, idempotently). It is
   * stored as a run of the project, marked live with the broker's address (no credentials), and
   * streams on runs.status / runs.snapshot / runs.events.sampled like a simulated run.
   */
  start: z.object({
    projectId: ProjectId,
    topology: TopologyPayload,
    prefix,
    brokerUrl,
    /** real seconds of traffic (1 s .. 24 h) */
    durationSec: z.number().int().min(1).max(86_400),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /** scheduled faults, in run seconds (more can be injected while it runs: runs.injectFault) */
    faults: z.array(Fault).max(100).default([]),
    /** real seconds to wait after the traffic for the queues to drain */
    drainSec: z.number().min(0).max(3600).default(30),
    name: z.string().trim().min(1).max(200).optional(),
  }),
  byRun: z.object({ runId: RunId }),
  /** a live run and a simulated run of the same scenario (its twin, or any other run) */
  twinRows: z.object({ live: RunId, sim: RunId }),
  /** remember the broker URL between Live dialog sessions (null forgets it): OS keychain in the desktop app, memory on the web host */
  rememberBroker: z.object({ brokerUrl: brokerUrl.nullable() }),
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

export { LiveRunMark } from './runs';

/** the remembered broker URL (credentials included: it goes to this app's own window only) and where it is kept */
export const LiveSavedBroker = z.object({ brokerUrl: z.string().nullable(), kind: z.enum(['keychain', 'memory']) });
export type LiveSavedBroker = z.infer<typeof LiveSavedBroker>;

export const LiveStartResult = z.object({ runId: RunId, broker: LiveBrokerInfo });
export const LiveStopResult = z.object({ runId: RunId, stopped: z.boolean() });

/** One row of the twin comparison (main/backend/live/twin.ts): simulated vs live per service / broker / flow, and the fulfilment KPIs. */
export const LiveTwinRow = z.object({
  /** the node id, the flow's name, or the KPI's name */
  node: z.string(),
  /** a 'kpi' row (order fulfilment) carries its two values in simDone / liveDone, in `unit` */
  kind: z.enum(['service', 'broker', 'flow', 'kpi']),
  unit: z.enum(['orders', 'ms', 'EUR']).optional(),
  simP50: z.number(),
  liveP50: z.number(),
  simP99: z.number(),
  liveP99: z.number(),
  simDone: z.number(),
  liveDone: z.number(),
  simPeak: z.number(),
  livePeak: z.number(),
  /** why the row is a finding, '' when the two agree */
  finding: z.string(),
  /** an explained difference, not a finding (the "done" difference: the simulation stops with a backlog a live run drains); '' when none */
  note: z.string(),
});
export type LiveTwinRow = z.infer<typeof LiveTwinRow>;
export const LiveTwinResult = z.object({ liveRunId: RunId, twinRunId: RunId, rows: z.array(LiveTwinRow) });
