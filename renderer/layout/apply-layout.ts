import type { TopologyNode } from '../../shared/model';
import type { Edit } from '../store/edits/edit';
import { unchanged } from '../store/edits/edit';
import type { LayoutResult } from './elk-layout';

/** One undo step for a whole layout: positions plus group sizes. */
export function applyLayout(result: LayoutResult, label = 'Auto layout'): Edit {
  return {
    label,
    run(t) {
      let changed = false;
      const nodes = t.nodes.map((n): TopologyNode => {
        const p = result.positions.get(n.id);
        const size = n.kind === 'group' ? result.groupSizes.get(n.id) : undefined;
        if (!p && !size) return n;
        let next: TopologyNode = n;
        if (p && (p.x !== n.position.x || p.y !== n.position.y)) next = { ...next, position: p };
        if (size && next.kind === 'group' && (size.width !== next.settings.width || size.height !== next.settings.height)) {
          next = { ...next, settings: { ...next.settings, width: Math.min(20_000, Math.max(80, size.width)), height: Math.min(20_000, Math.max(60, size.height)) } };
        }
        if (next !== n) changed = true;
        return next;
      });
      return changed ? { topology: { ...t, nodes } } : unchanged(t);
    },
  };
}
