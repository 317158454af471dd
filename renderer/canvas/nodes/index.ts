import type { NodeTypes } from '@xyflow/react';
import { BusNode } from './BusNode';
import { GroupNode } from './GroupNode';
import { OperatorNode } from './OperatorNode';
import { ProducerNode } from './ProducerNode';
import { QueueNode } from './QueueNode';
import { ServiceNode } from './ServiceNode';
import { SinkNode } from './SinkNode';
import { TopicNode } from './TopicNode';

/** One component per node kind (a module constant, so React Flow never re-creates them). */
export const NODE_TYPES: NodeTypes = {
  producer: ProducerNode, topic: TopicNode, queue: QueueNode, bus: BusNode,
  service: ServiceNode, operator: OperatorNode, sink: SinkNode, group: GroupNode,
};
