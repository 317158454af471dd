import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { profileMeanRate } from '../../../shared/model';
import type { FlowNode } from '../flow-types';
import { NodeCard, fmtRate } from './NodeCard';

export const ProducerNode = memo(function ProducerNode({ data, selected }: NodeProps<FlowNode>) {
  const n = data.node;
  if (n.kind !== 'producer') return null;
  const s = n.settings;
  const rate = profileMeanRate(s.profile);
  const facts = [
    <><b>{fmtRate(rate)}</b> ev/s · {s.profile.kind}</>,
    s.mode === 'sessions' ? <>customer sessions · {s.sessions.checkoutMode} checkout</> : <>{s.emits.length} event type{s.emits.length === 1 ? '' : 's'}</>,
  ];
  return <NodeCard data={data} selected={selected} facts={facts} inbound={false} subtitle="Producer" />;
});
