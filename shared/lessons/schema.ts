/**
 * The lesson file format (docs/lessons.md), version 1. A lesson is data only: a starting
 * topology, then steps with narration, the learner's action, a "show me" (the edits that perform
 * it) and claims over the runs' figures. zod is the single source of truth; the committed JSON
 * Schema (resources/schema/lesson-v1.schema.json) is generated from it.
 */
import { z } from 'zod';
import { Fault } from '../runtime/api';
import { NODE_KINDS } from '../model/nodes';
import { Metric } from './metrics';

export const LESSON_SCHEMA_VERSION = 1;
export const LESSON_SCHEMA_URL = 'https://eventflow.studio/schema/lesson-v1.json';

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits, _ . : -');
const nodeId = z.string().min(1).max(64);
const text = (max: number) => z.string().min(1).max(max);
const NodeKindName = z.enum(NODE_KINDS as [string, ...string[]]);
/** a dotted path into a node's settings, e.g. `processing.meanMs` */
const SettingPath = z.string().min(1).max(120).regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/, 'a dotted settings path like processing.meanMs');

/** A topology by template id, or written out in the lesson (validated as a topology when the lesson loads). */
export const TopologySource = z.union([
  z.strictObject({ template: z.string().min(1).max(64) }),
  z.strictObject({ topology: z.record(z.string(), z.unknown()) }),
]);
export type TopologySource = z.infer<typeof TopologySource>;

/** The run a "start run" edit asks for: a label that claims refer to, and a scenario. */
export const RunRequest = z.strictObject({
  label: id,
  durationSec: z.number().positive().max(86_400),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  faults: z.array(Fault).max(50).default([]),
  /** simulated ms between the snapshots that series claims read */
  snapshotIntervalMs: z.number().min(100).max(3_600_000).default(1000),
});
export type RunRequest = z.infer<typeof RunRequest>;

/** One edit of "show me", applied with the model's own edit functions (never mutating code). */
export const ShowMeEdit = z.discriminatedUnion('do', [
  z.strictObject({ do: z.literal('load'), source: TopologySource }),
  z.strictObject({
    do: z.literal('add-node'), kind: NodeKindName, id: nodeId, name: text(120).optional(),
    position: z.strictObject({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
    settings: z.record(z.string(), z.unknown()).default({}),
  }),
  z.strictObject({ do: z.literal('connect'), source: nodeId, target: nodeId, eventTypes: z.array(z.string().max(80)).max(50).default([]) }),
  z.strictObject({ do: z.literal('update-settings'), node: nodeId, patch: z.record(z.string(), z.unknown()) }),
  z.strictObject({ do: z.literal('remove-node'), node: nodeId }),
  z.strictObject({ do: z.literal('run'), run: RunRequest }),
]);
export type ShowMeEdit = z.infer<typeof ShowMeEdit>;

/** What the learner does in the step, recognised by comparing the topology (or runs) before and after. */
export const LearnerAction = z.discriminatedUnion('kind', [
  /** only read and press Next */
  z.strictObject({ kind: z.literal('read') }),
  z.strictObject({ kind: z.literal('add-node'), nodeKind: NodeKindName, consumes: z.string().max(80).optional() }),
  z.strictObject({ kind: z.literal('connect'), source: nodeId.optional(), target: nodeId.optional() }),
  z.strictObject({ kind: z.literal('change-setting'), node: nodeId, setting: SettingPath }),
  z.strictObject({ kind: z.literal('scale'), node: nodeId, setting: z.enum(['instances', 'concurrency', 'partitions']).optional() }),
  z.strictObject({ kind: z.literal('start-run') }),
  z.strictObject({ kind: z.literal('inject-fault'), fault: z.enum(['down', 'slowdown', 'error-rate', 'burst', 'poison']), node: nodeId.optional() }),
  z.strictObject({ kind: z.literal('open-template'), template: z.string().min(1).max(64) }),
]);
export type LearnerAction = z.infer<typeof LearnerAction>;

/** Which run a figure is read from: a run label of this lesson; omitted = the latest run. */
const Measure = z.strictObject({ run: id.optional(), metric: Metric });
export type Measure = z.infer<typeof Measure>;

export const Comparator = z.enum(['<', '<=', '>', '>=', '==', 'approx']);
export type Comparator = z.infer<typeof Comparator>;

const tolerance = {
  /** absolute slack on the bound (same unit as the figure) */
  tolerance: z.number().min(0).optional(),
  /** relative slack, % of the expected value */
  tolerancePct: z.number().min(0).max(1000).optional(),
};

/** A claim: a figure (or the ratio/difference of two) against a value, with a tolerance. */
export const Claim = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('figure'), id, says: text(300), ...Measure.shape, op: Comparator, value: z.number(), ...tolerance }),
  z.strictObject({
    kind: z.literal('compare'), id, says: text(300), left: Measure, right: Measure,
    relation: z.enum(['ratio', 'difference']), op: Comparator, value: z.number(), ...tolerance,
  }),
  /** a lint finding present (or absent) on the current topology */
  z.strictObject({ kind: z.literal('lint'), id, says: text(300), code: z.string().min(1).max(80), node: nodeId.optional(), present: z.boolean().default(true) }),
]).superRefine((c, ctx) => {
  if (c.kind !== 'lint' && c.op === 'approx' && c.tolerance === undefined && c.tolerancePct === undefined) {
    ctx.addIssue({ code: 'custom', message: '"approx" needs a tolerance or tolerancePct', path: ['op'] });
  }
});
export type Claim = z.infer<typeof Claim>;

/**
 * The panels a step may open when it is shown. `run`, `kpis` and `charts` are the run dock's Live
 * tab (KPI cards and charts); `events`, `faults`, `history`, `whatif` its other tabs; `problems`
 * (alias `lint`) the Problems list; `inspector` and `event-types` the side panel's tabs.
 */
export const LESSON_PANELS = ['run', 'kpis', 'charts', 'events', 'faults', 'history', 'whatif', 'problems', 'lint', 'inspector', 'event-types'] as const;
export type LessonPanel = (typeof LESSON_PANELS)[number];

export const Focus = z.strictObject({
  /** spotlit: everything else on the canvas dims */
  nodes: z.array(nodeId).max(50).default([]),
  edges: z.array(z.string().min(1).max(140)).max(50).default([]),
  /** opened when the step is shown */
  panel: z.enum(LESSON_PANELS).optional(),
});

export const Step = z.strictObject({
  id,
  title: text(120),
  /** short Markdown */
  narration: text(4000),
  focus: Focus.optional(),
  action: LearnerAction,
  showMe: z.array(ShowMeEdit).max(50).default([]),
  claims: z.array(Claim).max(30).default([]),
});
export type Step = z.infer<typeof Step>;

export const Lesson = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(LESSON_SCHEMA_VERSION),
  id,
  /** position in the course */
  order: z.number().int().min(0).max(10_000).default(1000),
  title: text(160),
  audience: text(300),
  minutes: z.number().int().min(1).max(600),
  goals: z.array(text(300)).min(1).max(12),
  start: TopologySource,
  steps: z.array(Step).min(1).max(60),
}).superRefine((l, ctx) => {
  const seen = new Set<string>();
  l.steps.forEach((s, i) => {
    if (seen.has(s.id)) ctx.addIssue({ code: 'custom', message: `step id "${s.id}" is used twice`, path: ['steps', i, 'id'] });
    seen.add(s.id);
  });
});
export type Lesson = z.infer<typeof Lesson>;
export type LessonInput = z.input<typeof Lesson>;
