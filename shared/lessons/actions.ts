/**
 * Recognising the learner's action: the topology before and after an edit (and the run the
 * learner started, with its faults) decide whether the step's action happened, so the player
 * can move on when the learner did it their own way, not only through "show me".
 */
import type { Fault } from '../runtime/api';
import type { Topology, TopologyNode } from '../model';
import type { LearnerAction } from './schema';

export interface Observed {
  before: Topology;
  after: Topology;
  /** faults of a run the learner started since the step began (undefined: none started) */
  runFaults?: readonly Fault[];
  /** template the learner opened since the step began */
  openedTemplate?: string;
}

function settingAt(n: TopologyNode | undefined, path: string): unknown {
  let v: unknown = n?.settings;
  for (const p of path.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function actionDone(a: LearnerAction, o: Observed): boolean {
  const old = new Map(o.before.nodes.map((n) => [n.id, n]));
  switch (a.kind) {
    case 'read': return true;
    case 'start-run': return o.runFaults !== undefined;
    case 'open-template': return o.openedTemplate === a.template;
    case 'inject-fault': return (o.runFaults ?? []).some((f) => f.kind === a.fault && (a.node === undefined || f.nodeId === a.node));
    case 'add-node': return o.after.nodes.some((n) => !old.has(n.id) && n.kind === a.nodeKind
      && (a.consumes === undefined || (n.kind === 'service' && n.settings.consumes.includes(a.consumes))));
    case 'connect': {
      const had = new Set(o.before.edges.map((e) => e.id));
      return o.after.edges.some((e) => !had.has(e.id) && (a.source === undefined || e.source === a.source) && (a.target === undefined || e.target === a.target));
    }
    case 'change-setting': {
      const n = o.after.nodes.find((x) => x.id === a.node);
      return n !== undefined && !same(settingAt(old.get(a.node), a.setting), settingAt(n, a.setting));
    }
    case 'scale': {
      const n = o.after.nodes.find((x) => x.id === a.node);
      const keys = a.setting !== undefined ? [a.setting] : ['instances', 'concurrency', 'partitions'];
      return keys.some((k) => {
        const was = settingAt(old.get(a.node), k);
        const now = settingAt(n, k);
        return typeof was === 'number' && typeof now === 'number' && now > was;
      });
    }
  }
}
