import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { distributionMeanMs } from '../../../shared/model';
import type { FlowNode } from '../flow-types';
import { NodeCard, fmtMs } from './NodeCard';

export const ServiceNode = memo(function ServiceNode({ data, selected }: NodeProps<FlowNode>) {
  const n = data.node;
  if (n.kind !== 'service') return null;
  const s = n.settings;
  const facts = [
    <><b>{s.instances}</b> × <b>{s.concurrency}</b> instances × concurrency</>,
    <>~{fmtMs(distributionMeanMs(s.processing))} · <b className={s.failurePct > 0 ? 'ef-warn' : undefined}>{s.failurePct}%</b> fail{s.retry.maxAttempts > 1 ? ` · ${s.retry.maxAttempts} tries` : ''}</>,
  ];
  return <NodeCard data={data} selected={selected} facts={facts} subtitle={s.consumerGroup ? `Service · group ${s.consumerGroup}` : 'Service'} />;
});
