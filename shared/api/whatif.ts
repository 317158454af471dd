/**
 * The whatif.* part of the api (issue 14): plan a sweep (refusals before anything runs), start it
 * on the backend's worker pool, follow its progress with cells as they complete, cancel it, read
 * its table, list the numeric parameters of a topology ("sweep this" beside a field).
 */
import { z } from 'zod';
import { AxisSpec } from '../whatif/axis';
import { MAX_SEEDS } from '../whatif/sweep-plan';

export const SweepId = z.string().regex(/^sw-[0-9]+$/);
export type SweepId = z.infer<typeof SweepId>;

const scenario = z.record(z.string(), z.unknown());

export const WhatifSweepInput = z.object({
  name: z.string().max(200).default(''),
  /** the project the sweep and its cell runs belong to (History, storage); null: none */
  projectId: z.string().min(1).max(200).nullable().default(null),
  /** the topology as the editor holds it; parsed by the planner (refusals name nodes[i].settings…) */
  topology: z.unknown(),
  /** base scenario (durationSec, seed = first seed, faults…) */
  scenario,
  axes: z.array(AxisSpec).min(1).max(3),
  seeds: z.number().int().min(1).max(MAX_SEEDS).default(3),
  /** worker threads; default one per core */
  workers: z.number().int().min(1).max(64).optional(),
  backlogThreshold: z.number().positive().max(1e12).optional(),
});
export type WhatifSweepInput = z.input<typeof WhatifSweepInput>;

/** One condition of a goal, in the metric's own unit (ms for latencies, 0..1 for rates). */
export const WhatifGoalCondition = z.object({
  metric: z.string().min(1).max(200),
  op: z.enum(['<', '<=', '>', '>=', '=', '!=']),
  value: z.number().finite(),
});
export type WhatifGoalCondition = z.infer<typeof WhatifGoalCondition>;

/** "smallest (min) / largest (max) <path> such that <conditions, all on every seed>"; path must be one of the axes (its values are the candidates). */
export const WhatifGoalSpec = z.object({
  direction: z.enum(['min', 'max']).default('min'),
  path: z.string().min(1).max(300),
  conditions: z.array(WhatifGoalCondition).min(1).max(8),
});
export type WhatifGoalSpec = z.input<typeof WhatifGoalSpec>;

/** A goal seek: a sweep whose cells are the ones bisection asks for (whatif.find). */
export const WhatifFindInput = WhatifSweepInput.extend({ goal: WhatifGoalSpec });
export type WhatifFindInput = z.input<typeof WhatifFindInput>;

/** One answer of a goal seek (one per combination of the other axes' values, `at`). */
export const WhatifGoalAnswer = z.object({
  at: z.record(z.string(), z.number()),
  /** null: no candidate meets the goal */
  answer: z.number().nullable(),
  /** the evidence: the answer's cell and its neighbour on the other side that does not meet it */
  meetingCell: z.number().int().nullable(),
  failingCell: z.number().int().nullable(),
  /** cells in the order bisection evaluated them */
  probeCells: z.array(z.number().int()),
  note: z.string(),
});
export type WhatifGoalAnswer = z.infer<typeof WhatifGoalAnswer>;

export const WhatifGoal = z.object({
  /** as eventflow sweep --find takes it: "min payment.instances where checkout.p99 < 2000 and ordersLost = 0" */
  text: z.string(),
  direction: z.enum(['min', 'max']),
  path: z.string(),
  conditions: z.array(WhatifGoalCondition),
  /** null while it runs (or when it ended before an answer) */
  answers: z.array(WhatifGoalAnswer).nullable(),
});
export type WhatifGoal = z.infer<typeof WhatifGoal>;

export const WhatifPlan = z.object({
  ok: z.boolean(),
  /** why the sweep is refused, one line each */
  issues: z.array(z.string()),
  cellCount: z.number().int(),
  runs: z.number().int(),
  axes: z.array(z.object({ path: z.string(), base: z.number(), values: z.array(z.number()) })),
  /** the metric names the cells will have */
  metrics: z.array(z.string()),
});
export type WhatifPlan = z.infer<typeof WhatifPlan>;

const Stat = z.object({ mean: z.number(), sd: z.number(), min: z.number(), max: z.number() });
export const WhatifCell = z.object({
  index: z.number().int(),
  coords: z.array(z.number()),
  stats: z.record(z.string(), Stat),
  /** the cell's stored runs, one per seed still kept (a pruned or deleted run drops out) */
  runIds: z.array(z.number().int()).default([]),
});
export type WhatifCell = z.infer<typeof WhatifCell>;

/** interrupted: the app ended while it ran (found so on the next start, with the cells it had) */
export const SweepStatus = z.enum(['running', 'completed', 'cancelled', 'failed', 'interrupted']);
export type SweepStatus = z.infer<typeof SweepStatus>;

export const WhatifProgress = z.object({
  sweepId: SweepId,
  status: SweepStatus,
  done: z.number().int(),
  total: z.number().int(),
  etaMs: z.number().nullable(),
  /** the cell whose last seed just finished, if any */
  cell: WhatifCell.optional(),
  error: z.string().optional(),
  /** a goal seek's answers, on its last event */
  goal: WhatifGoal.optional(),
});
export type WhatifProgress = z.infer<typeof WhatifProgress>;

export const WhatifSweep = z.object({
  sweepId: SweepId,
  name: z.string(),
  status: SweepStatus,
  done: z.number().int(),
  total: z.number().int(),
  axes: z.array(z.object({ path: z.string(), base: z.number(), values: z.array(z.number()) })),
  seeds: z.array(z.number()),
  cells: z.array(WhatifCell),
  error: z.string().optional(),
  projectId: z.string().nullable(),
  createdAt: z.string(),
  /** the axes as typed (path=1..8), the base scenario and the topology: what the panel reopens it with */
  axisTexts: z.array(z.string()),
  scenario: scenario,
  topologyName: z.string(),
  /** a goal seek (whatif.find): the goal and, once it ended, its answers */
  goal: WhatifGoal.optional(),
});
export type WhatifSweep = z.infer<typeof WhatifSweep>;

/** A saved sweep in a list (no cells). */
export const WhatifSweepMeta = z.object({
  sweepId: SweepId,
  name: z.string(),
  status: SweepStatus,
  done: z.number().int(),
  total: z.number().int(),
  cellCount: z.number().int(),
  axisTexts: z.array(z.string()),
  seeds: z.number().int(),
  durationSec: z.number(),
  projectId: z.string().nullable(),
  createdAt: z.string(),
  /** a goal seek's goal text */
  goalText: z.string().optional(),
});
export type WhatifSweepMeta = z.infer<typeof WhatifSweepMeta>;

export const WhatifParameter = z.object({ path: z.string(), nodeId: z.string().optional(), value: z.number() });

export const whatifMethods = {
  bySweep: z.object({ sweepId: SweepId }),
  parameters: z.object({ topology: z.unknown() }),
  /** projectId: a project's sweeps; null: those saved without a project (eventflow sweep --save); absent: all */
  list: z.object({ projectId: z.string().min(1).max(200).nullable().optional(), limit: z.number().int().min(1).max(1000).default(100) }),
};
