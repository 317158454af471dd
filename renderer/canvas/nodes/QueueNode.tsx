import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-types';
import { NodeCard, fmtMs } from './NodeCard';

export const QueueNode = memo(function QueueNode({ data, selected }: NodeProps<FlowNode>) {
  const n = data.node;
  if (n.kind !== 'queue') return null;
  const s = n.settings;
  const facts = [
    <>max <b>{s.maxReceives}</b> receives · {fmtMs(s.visibilityTimeoutMs)} visibility</>,
    <>{s.fifo ? 'FIFO · ' : ''}{s.deadLetterTarget ? <>DLQ → <b>{s.deadLetterTarget}</b></> : 'no dead-letter queue'}</>,
  ];
  return <NodeCard data={data} selected={selected} facts={facts} subtitle={`Queue · ${s.technology}`} />;
});
