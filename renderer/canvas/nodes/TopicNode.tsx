import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-types';
import { NodeCard } from './NodeCard';

export const TopicNode = memo(function TopicNode({ data, selected }: NodeProps<FlowNode>) {
  const n = data.node;
  if (n.kind !== 'topic') return null;
  const s = n.settings;
  const facts = [
    <><b>{s.partitions}</b> partition{s.partitions === 1 ? '' : 's'} · ×{s.replication}</>,
    <>{s.keyField ? <>key <b>{s.keyField}</b> · </> : null}{s.retentionHours} h retention</>,
  ];
  return <NodeCard data={data} selected={selected} facts={facts} subtitle={`Topic · ${s.technology}`} />;
});
