import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { ApiClient } from '../../shared/api/client';
import type { Topology } from '../../shared/model/topology';
import type { NodeState } from '../../shared/runtime/api';
import { createRunController } from './controller';
import type { RunController } from './controller';
import { createRunsApi } from './runs-api';
import type { RunsApi } from './runs-api';
import { createRunsStore } from './store';
import type { RunsState, RunsStore } from './store';

export interface RunsServices {
  projectId: string;
  api: RunsApi;
  store: RunsStore;
  control: RunController;
}

const Ctx = createContext<RunsServices | null>(null);

/**
 * Gives everything below it one runs store for the project, fed by the api streams. Mount it
 * around the editor; run components outside it render nothing (the canvas works without runs).
 */
export function RunsProvider({ client, projectId, getTopology, children }: { client: ApiClient; projectId: string; /** read when a run starts (the canvas's current, maybe unsaved, topology); must be stable */ getTopology?: () => Topology; children: ReactNode }) {
  const [services] = useState<RunsServices>(() => {
    const api = createRunsApi(client);
    const store = createRunsStore();
    return { projectId, api, store, control: createRunController(api, store, projectId, getTopology) };
  });
  useEffect(() => services.control.connect(), [services]);
  return <Ctx.Provider value={services}>{children}</Ctx.Provider>;
}

export function useRunsServices(): RunsServices | null {
  return useContext(Ctx);
}

export function useRunsRequired(): RunsServices {
  const s = useContext(Ctx);
  if (!s) throw new Error('run components need a <RunsProvider> above them');
  return s;
}

const NO_STORE = createRunsStore({ schedule: () => {} });

/** Narrow selector over the runs store (a no-op store outside a RunsProvider). */
export function useRuns<T>(selector: (s: RunsState) => T): T {
  const s = useContext(Ctx);
  return useStore((s?.store ?? NO_STORE).state, selector);
}

export interface NodeRunView {
  active: boolean;
  state: NodeState | undefined;
  in: number;
  out: number;
  queueDepth: number;
  consumerLag: number;
  throughput: number;
  errors: number;
  drops: number;
  deadLetters: number;
  utilisation: number;
}

/** What one node's badge shows, compared shallowly: a snapshot re-renders only nodes whose numbers moved. */
export function useRunNode(nodeId: string): NodeRunView {
  return useRuns(
    useShallow((s): NodeRunView => {
      const n = s.nodes.get(nodeId);
      return {
        active: s.snapshot !== undefined,
        state: n?.state,
        in: n?.in ?? 0,
        out: n?.out ?? 0,
        queueDepth: n?.queueDepth ?? 0,
        consumerLag: n?.consumerLag ?? 0,
        throughput: Math.round((n?.throughputPerSec ?? 0) * 10) / 10,
        errors: n?.errors ?? 0,
        drops: n?.drops ?? 0,
        deadLetters: n?.deadLetters ?? 0,
        utilisation: Math.round((n?.utilisation ?? 0) * 100) / 100,
      };
    }),
  );
}

/** The node ids in the selected event's causal trace (for highlighting on the canvas). */
export function useTraceNodes(): ReadonlySet<string> {
  const trace = useRuns((s) => s.trace);
  return useMemo(() => {
    const ids = new Set<string>();
    for (const e of trace?.events ?? []) {
      ids.add(e.source);
      if (e.target) ids.add(e.target);
    }
    return ids;
  }, [trace]);
}
