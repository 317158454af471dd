import { eventCatalog } from '../../commerce/catalog';
import { estimateLoad } from '../capacity';
import { topologyGraph, typeFlow } from '../graph';
import type { Topology } from '../topology';
import { LINT_RULES } from './registry';
import type { LintContext, LintProblem, LintSeverity } from './types';

export type { LintContext, LintProblem, LintRule, LintSeverity } from './types';
export { LINT_RULES } from './registry';

const rank: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Build the shared context once (graph indexes, type flow, load estimate). */
export function lintContext(topology: Topology): LintContext {
  const graph = topologyGraph(topology);
  return { topology, graph, types: typeFlow(graph), catalog: eventCatalog(topology.eventTypes), load: estimateLoad(topology, graph) };
}

/** Every rule's problems, errors first, then by node order; a rule that throws becomes an info problem, never a crash. */
export function lintTopology(topology: Topology): LintProblem[] {
  const ctx = lintContext(topology);
  const problems: LintProblem[] = [];
  for (const rule of LINT_RULES) {
    try {
      problems.push(...rule.check(ctx));
    } catch (e) {
      problems.push({ code: 'lint-rule-failed', severity: 'info', message: `lint rule ${rule.codes[0] ?? '?'} failed: ${(e as Error).message}` });
    }
  }
  const pos = new Map(topology.nodes.map((n, i) => [n.id, i]));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank[a.p.severity] - rank[b.p.severity] || (pos.get(a.p.nodeId ?? '') ?? 1e9) - (pos.get(b.p.nodeId ?? '') ?? 1e9) || a.i - b.i)
    .map(({ p }) => p);
}

/** Problems of a severity, e.g. the errors that refuse a run. */
export function lintErrors(problems: readonly LintProblem[]): LintProblem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** "2 errors, 1 warning" for status bars and CLI output. */
export function lintSummary(problems: readonly LintProblem[]): string {
  const count = (s: LintSeverity): number => problems.filter((p) => p.severity === s).length;
  const part = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [part(count('error'), 'error'), part(count('warning'), 'warning'), part(count('info'), 'note')].join(', ');
}

/** One line per problem, as the app's refusal and the CLI print it: "  - payment: … [code]". */
export function lintLine(p: LintProblem): string {
  return `  - ${p.nodeId ? `${p.nodeId}: ` : p.edgeId ? `${p.edgeId}: ` : ''}${p.message} [${p.code}]`;
}

/** Why a run is refused: the same words in the app (runs.start) and the CLI (`eventflow run`). */
export function lintRefusal(errors: readonly LintProblem[]): string {
  const n = errors.length;
  return `The topology has ${n} error${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} to run:\n${errors.map(lintLine).join('\n')}`;
}
