import type { Edge, Node } from '@xyflow/react';
import type { EdgeKind, NodeKind, TopologyEdge, TopologyNode } from '../../shared/model';

/** What a canvas node component gets: the model node itself plus derived, read-only facts. */
export interface FlowNodeData extends Record<string, unknown> {
  node: TopologyNode;
  /** ρ = arrival / capacity, when the node has a finite capacity */
  utilisation: number | undefined;
  arrivalPerSec: number;
  /** event types arriving / leaving (for the handle chips) */
  inTypes: readonly string[];
  outTypes: readonly string[];
  /** how the capacity was computed, its binding factor and the remedy (capacity-advice.ts) */
  capacityNote: string | undefined;
}
/** A node's or edge's part in a lesson spotlight (ui-store.ts Spotlight). */
export type Spot = 'lit' | 'dim';

export type FlowNode = Node<FlowNodeData, NodeKind>;

export interface FlowEdgeData extends Record<string, unknown> {
  edge: TopologyEdge | undefined;
  kind: EdgeKind | 'dead-letter';
  label: string;
  /** lesson spotlight: lit (part of the step's focus) or dimmed; absent when nothing is spotlit */
  spot?: Spot;
}
export type FlowEdge = Edge<FlowEdgeData, 'event'>;
