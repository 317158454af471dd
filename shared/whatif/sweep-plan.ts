/**
 * A sweep's definition (what the user asked; stored, sent over IPC, read from the CLI) and its
 * plan: the grid of cells, every cell checked against the model's parser before anything runs,
 * so "payment.instances=0..4" is refused with the model's own reason instead of failing in a
 * worker halfway through.
 */
import { z } from 'zod';
import { ArrivalProfile, profileMeanRate } from '../model/arrival-profiles';
import type { Topology } from '../model/topology';
import { formatIssues, parseTopology } from '../model/validate';
import { Scenario } from '../runtime/api';
import type { ScenarioInput } from '../runtime/api';
import { AxisSpec, axisText, expandAxis } from './axis';
import { applyParameters, resolveParameter } from './parameters';
import type { ResolvedParameter } from './parameters';

export const MAX_CELLS = 10_000;
export const MAX_SEEDS = 100;

export const SweepDefinition = z.object({
  name: z.string().max(200).default(''),
  /** the topology as a file holds it; parsed (and migrated) by planSweep */
  topology: z.unknown(),
  /** the base scenario; `seed` is the first seed, the others follow it (seed, seed+1, …) */
  scenario: z.record(z.string(), z.unknown()),
  axes: z.array(AxisSpec).min(1).max(3),
  seeds: z.number().int().min(1).max(MAX_SEEDS).default(1),
});
export type SweepDefinition = z.infer<typeof SweepDefinition>;
export type SweepDefinitionInput = z.input<typeof SweepDefinition>;

export interface PlannedAxis {
  param: ResolvedParameter;
  values: number[];
  text: string;
}

export interface SweepPlan {
  definition: SweepDefinition;
  topology: Topology;
  scenario: ScenarioInput;
  axes: PlannedAxis[];
  /** cells in row-major order: the last axis varies fastest */
  cellCount: number;
  /** the same seeds in every cell (common random numbers: differences between cells are the parameter's, not luck's) */
  seeds: number[];
}

export type PlanResult = { ok: true; plan: SweepPlan } | { ok: false; issues: string[] };

/** Values of every axis for cell `index`. */
export function cellCoords(plan: Pick<SweepPlan, 'axes'>, index: number): number[] {
  const out: number[] = new Array<number>(plan.axes.length);
  let rest = index;
  for (let a = plan.axes.length - 1; a >= 0; a--) {
    const n = plan.axes[a]!.values.length;
    out[a] = plan.axes[a]!.values[rest % n]!;
    rest = Math.floor(rest / n);
  }
  return out;
}

export type CellInput = { ok: true; topology: Topology; scenario: ScenarioInput } | { ok: false; reason: string };

/** The cell's topology and scenario (seed not set), validated; built on demand so a big grid holds no copies. */
export function cellInput(plan: Pick<SweepPlan, 'axes' | 'topology' | 'scenario'>, coords: readonly number[]): CellInput {
  const values = plan.axes.map((a, i) => ({ param: a.param, value: coords[i]! }));
  const applied = applyParameters(plan.topology, plan.scenario, values);
  const where = values.map((v) => `${v.param.path} = ${v.value}`).join(', ');
  const t = parseTopology(applied.topology);
  if (!t.ok) return { ok: false, reason: `${where} makes the topology invalid: ${formatIssues(t.issues).replace(/\n/g, '; ')}` };
  const s = Scenario.safeParse({ ...applied.scenario, seed: 0 });
  if (!s.success) return { ok: false, reason: `${where} makes the scenario invalid: ${s.error.issues.map((i) => `scenario.${i.path.join('.')}: ${i.message}`).join('; ')}` };
  return { ok: true, topology: t.value, scenario: applied.scenario };
}

/** `checkCells: false` skips the per-cell check (a worker re-planning a sweep its parent already checked). */
export function planSweep(input: unknown, opts: { checkCells?: boolean } = {}): PlanResult {
  const d = SweepDefinition.safeParse(input);
  if (!d.success) return { ok: false, issues: d.error.issues.map((i) => `${i.path.join('.') || 'sweep'}: ${i.message}`) };
  const def = d.data;
  const t = parseTopology(def.topology);
  if (!t.ok) return { ok: false, issues: t.issues.map((i) => `topology ${i.path}: ${i.message}`) };
  const scenario = def.scenario as ScenarioInput;
  const base = Scenario.safeParse(scenario);
  if (!base.success) return { ok: false, issues: base.error.issues.map((i) => `scenario.${i.path.join('.')}: ${i.message}`) };

  const issues: string[] = [];
  const axes: PlannedAxis[] = [];
  const seen = new Set<string>();
  for (const a of def.axes) {
    if (seen.has(a.path)) issues.push(`${a.path} is varied twice`);
    seen.add(a.path);
    const r = resolveParameter(a.path, t.value, scenario);
    if (!r.ok) {
      issues.push(r.reason);
      continue;
    }
    if (r.value.target === 'scenario' && r.value.keys[0] === 'seed') {
      issues.push('scenario.seed is not a parameter: use seeds (every cell runs the same seeds)');
      continue;
    }
    const v = expandAxis(a);
    if (!v.ok) issues.push(v.reason);
    else axes.push({ param: r.value, values: v.values, text: axisText(a) });
  }
  if (issues.length > 0) return { ok: false, issues };

  const cellCount = axes.reduce((n, a) => n * a.values.length, 1);
  if (cellCount > MAX_CELLS) {
    return { ok: false, issues: [`the grid has ${cellCount} cells (${axes.map((a) => `${a.values.length} × ${a.param.path}`).join(' × ')}); at most ${MAX_CELLS}: narrow a range or use fewer points`] };
  }
  const plan: SweepPlan = {
    definition: def, topology: t.value, scenario, axes, cellCount,
    seeds: Array.from({ length: def.seeds }, (_, i) => ((base.data.seed + i) >>> 0)),
  };
  if (opts.checkCells === false) return { ok: true, plan };
  // every cell, before anything runs; one reason per offending value is enough
  const reported = new Set<string>();
  for (let i = 0; i < cellCount && issues.length < 20; i++) {
    const c = cellInput(plan, cellCoords(plan, i));
    if (!c.ok && !reported.has(c.reason)) {
      reported.add(c.reason);
      issues.push(c.reason);
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, plan };
}

/**
 * A cell's relative cost for scheduling: the mean rate at which its producers emit. The pool runs
 * the dearest cells first (longest-processing-time order), so the sweep does not end with one
 * worker busy on the heaviest cell while the others sit idle.
 */
export function cellLoad(plan: Pick<SweepPlan, 'axes' | 'topology' | 'scenario'>, cell: number): number {
  const coords = cellCoords(plan, cell);
  const applied = applyParameters(plan.topology, plan.scenario, plan.axes.map((a, i) => ({ param: a.param, value: coords[i]! })));
  const nodes = (applied.topology as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return 0;
  let sum = 0;
  for (const n of nodes as { kind?: unknown; settings?: { profile?: unknown } }[]) {
    if (n.kind !== 'producer') continue;
    const p = ArrivalProfile.safeParse(n.settings?.profile);
    if (p.success) sum += profileMeanRate(p.data);
  }
  return sum;
}
