import { topicGroups } from '../../capacity';
import type { LintProblem, LintRule } from '../types';

/** A consumer group with more instances than the topic has partitions: the extra ones sit idle. */
export const idleConsumers: LintRule = {
  codes: ['idle-consumers'],
  description: 'A topic has fewer partitions than a consumer group has instances, so some instances never receive anything.',
  severity: 'warning',
  check: ({ graph }) => {
    const out: LintProblem[] = [];
    for (const n of graph.nodes) {
      if (n.kind !== 'topic') continue;
      const p = n.settings.partitions;
      for (const [group, members] of topicGroups(graph, n)) {
        let instances = 0;
        for (const e of members) {
          const m = graph.byId.get(e.target);
          instances += m?.kind === 'service' ? m.settings.instances : 1;
        }
        if (instances <= p) continue;
        out.push({
          code: 'idle-consumers', severity: 'warning', nodeId: n.id, edgeId: members[0]?.id, path: 'settings.partitions',
          message: `Topic "${n.name}" has ${p} partition${p === 1 ? '' : 's'} but consumer group "${group}" has ${instances} instances: ${instances - p} will sit idle. Add partitions or remove instances.`,
        });
      }
    }
    return out;
  },
};
