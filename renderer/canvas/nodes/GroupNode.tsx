import type { NodeProps } from '@xyflow/react';
import { NodeResizer } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-types';
import { KindIcon } from '../icons';
import { countRender } from '../render-counter';
import { useGroupResize } from './group-resize';

/** A bounded context: a frame its children move with (React Flow parent/child). */
export const GroupNode = memo(function GroupNode({ id, data, selected }: NodeProps<FlowNode>) {
  const n = data.node;
  countRender(id);
  const onResizeEnd = useGroupResize(id);
  if (n.kind !== 'group') return null;
  return (
    <div className={`ef-group${selected ? ' is-selected' : ''}`} style={{ ['--group' as string]: n.settings.color }} data-testid={`node-${n.id}`} data-kind="group">
      <NodeResizer isVisible={selected} minWidth={80} minHeight={60} onResizeEnd={onResizeEnd} lineClassName="ef-group__resize" handleClassName="ef-group__handle" />
      <div className="ef-group__title group-node__title">
        <KindIcon kind="group" size={14} />
        <span>{n.name}</span>
      </div>
    </div>
  );
});
