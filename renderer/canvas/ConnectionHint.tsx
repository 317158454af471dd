import { useConnection } from '@xyflow/react';
import { connectionVerdict } from '../../shared/model';
import type { FlowNode } from './flow-types';

/**
 * While the user drags a connection, a tooltip near the pointer says what the edge would be,
 * or why it is refused (from the connection rules in shared/model).
 */
export function ConnectionHint() {
  const c = useConnection<FlowNode>();
  if (!c.inProgress || !c.toNode) return null;
  const from = c.fromHandle.type === 'source' ? c.fromNode : c.toNode;
  const to = c.fromHandle.type === 'source' ? c.toNode : c.fromNode;
  const verdict = connectionVerdict(from.data.node.kind, to.data.node.kind, from.id === to.id);
  return (
    <div
      className={`ef-connection-hint ${verdict.ok ? 'is-ok' : 'is-refused'}`}
      style={{ transform: `translate(${c.pointer.x + 14}px, ${c.pointer.y + 14}px)` }}
      role="status"
      data-testid="connection-hint"
    >
      {verdict.ok ? `${verdict.edgeKind} → ${String(to.data.node.name)}` : verdict.reason}
    </div>
  );
}
