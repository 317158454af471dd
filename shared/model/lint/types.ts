import type { NodeLoad } from '../capacity';
import type { TopologyGraph, TypeFlow } from '../graph';
import type { EventTypeDef } from '../event-types';
import type { Topology } from '../topology';

export type LintSeverity = 'error' | 'warning' | 'info';

/**
 * One problem found in a topology. Errors are what a run must refuse; warnings are designs that
 * run but will misbehave (lost messages, idle consumers, overload at peak); info is advice.
 */
export interface LintProblem {
  /** stable rule code, e.g. "sync-call-cycle" */
  code: string;
  severity: LintSeverity;
  message: string;
  /** the node to focus when the problem is clicked */
  nodeId?: string;
  /** the edge to focus when the problem is about a connection */
  edgeId?: string;
  /** settings path inside the node/edge, e.g. "settings.deadLetterTarget" */
  path?: string;
}

/** What every rule may read; computed once per lint pass. */
export interface LintContext {
  topology: Topology;
  graph: TopologyGraph;
  types: TypeFlow;
  /** built-in catalog + project types */
  catalog: ReadonlyMap<string, EventTypeDef>;
  load: ReadonlyMap<string, NodeLoad>;
}

export interface LintRule {
  /** the codes this rule may report (one rule can report several) */
  codes: readonly string[];
  /** one line for docs and the lint panel's help */
  description: string;
  /** the highest severity it reports, for docs */
  severity: LintSeverity;
  /** per-code severity when a rule reports several codes at different levels, for docs */
  severityOf?: Readonly<Record<string, LintSeverity>>;
  check(ctx: LintContext): LintProblem[];
}
