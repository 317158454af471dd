import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-types';
import { NodeCard } from './NodeCard';

export const BusNode = memo(function BusNode({ data, selected }: NodeProps<FlowNode>) {
  const n = data.node;
  if (n.kind !== 'bus') return null;
  const facts = [<>unmatched events: <b>{n.settings.unmatched}</b></>];
  return <NodeCard data={data} selected={selected} facts={facts} subtitle={`Event bus · ${n.settings.technology}`} />;
});
