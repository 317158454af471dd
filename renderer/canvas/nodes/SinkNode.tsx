import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { distributionMeanMs } from '../../../shared/model';
import type { FlowNode } from '../flow-types';
import { NodeCard, fmtMs } from './NodeCard';

export const SinkNode = memo(function SinkNode({ data, selected }: NodeProps<FlowNode>) {
  const n = data.node;
  if (n.kind !== 'sink') return null;
  const s = n.settings;
  const facts = [<>~{fmtMs(distributionMeanMs(s.latency))} · <b className={s.failurePct > 0 ? 'ef-warn' : undefined}>{s.failurePct}%</b> fail · {s.concurrency} conc</>];
  return <NodeCard data={data} selected={selected} facts={facts} outbound={false} subtitle={`Sink · ${s.system}`} />;
});
