import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { OperatorSettings } from '../../../shared/model';
import { OPERATOR_LABELS } from '../../store/edits/node-factory';
import type { FlowNode } from '../flow-types';
import { NodeCard, fmtMs } from './NodeCard';

function summary(s: OperatorSettings) {
  switch (s.op) {
    case 'filter': return <>{s.field} {s.comparator} <b>{s.value || '""'}</b></>;
    case 'map': return <>{s.emitAs ? <>as <b>{s.emitAs}</b></> : 'keep type'} · +{Object.keys(s.enrich).length} attrs</>;
    case 'window': return <>&gt; <b>{s.threshold}</b> per {s.groupBy} in {fmtMs(s.windowMs)}</>;
    case 'throttle': return <>1 per <b>{fmtMs(s.intervalMs)}</b></>;
    case 'debounce': return <>after <b>{fmtMs(s.quietMs)}</b> quiet</>;
    case 'join': return <>{s.left} ⋈ {s.right} on <b>{s.on}</b></>;
  }
}

export const OperatorNode = memo(function OperatorNode({ data, selected }: NodeProps<FlowNode>) {
  const n = data.node;
  if (n.kind !== 'operator') return null;
  return <NodeCard data={data} selected={selected} facts={[summary(n.settings)]} subtitle={`Operator · ${OPERATOR_LABELS[n.settings.op]}`} />;
});
