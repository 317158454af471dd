/** The whatif.* methods and the whatif.progress stream of shared/api, over a SweepManager. */
import type { MethodName, StreamName } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/define';
import { parseTopology } from '../../../shared/model/validate';
import { numericLeaves } from '../../../shared/whatif/parameters';
import { metricNamesOf } from '../../../shared/whatif/cell-run';
import { planSweep } from '../../../shared/whatif/sweep-plan';
import type { MethodHandlers, StreamHandlers } from '../api/handlers';
import type { SweepManager } from './sweep-manager';
import { WhatifSweepInput } from '../../../shared/api/whatif';

type WhatifMethod = Extract<MethodName, `whatif.${string}`>;
type WhatifStream = Extract<StreamName, `whatif.${string}`>;

export function whatifHandlers(sweeps: SweepManager): Pick<MethodHandlers, WhatifMethod> {
  return {
    'whatif.plan': async (raw) => {
      const input = WhatifSweepInput.parse(raw);
      const r = planSweep({ name: input.name, topology: input.topology, scenario: input.scenario, axes: input.axes, seeds: input.seeds });
      if (!r.ok) return { ok: false, issues: r.issues, cellCount: 0, runs: 0, axes: [], metrics: [] };
      const p = r.plan;
      return {
        ok: true, issues: [], cellCount: p.cellCount, runs: p.cellCount * p.seeds.length,
        axes: p.axes.map((a) => ({ path: a.param.path, base: a.param.base, values: a.values })), metrics: [...metricNamesOf(p.topology, p.scenario)].sort(),
      };
    },
    'whatif.start': async (input) => sweeps.start(input),
    'whatif.find': async (input) => sweeps.seek(input),
    'whatif.cancel': async ({ sweepId }) => sweeps.cancel(sweepId),
    'whatif.get': async ({ sweepId }) => sweeps.get(sweepId),
    'whatif.list': async ({ projectId, limit }) => sweeps.list({ ...(projectId !== undefined ? { projectId } : {}), limit }),
    'whatif.delete': async ({ sweepId }) => sweeps.delete(sweepId),
    'whatif.parameters': async ({ topology }) => {
      const t = parseTopology(topology);
      if (!t.ok) throw new ApiError('invalid-input', 'invalid topology', t.issues.map((i) => ({ path: `topology.${i.path}`, message: i.message })));
      return t.value.nodes.filter((n) => n.kind !== 'group').flatMap((n) => numericLeaves(n.settings).map((k) => {
        const v = k.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], n.settings);
        return { path: `${n.id}.${k}`, nodeId: n.id, value: v as number };
      }));
    },
  };
}

export function whatifStreams(sweeps: SweepManager): Pick<StreamHandlers, WhatifStream> {
  return {
    'whatif.progress': ({ sweepId }, emit) => {
      const stop = sweeps.subscribe(sweepId, emit);
      return { dispose: stop };
    },
  };
}
