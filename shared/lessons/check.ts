/**
 * The headless check of a lesson (`eventflow lessons check`, the lesson tests): walk the steps,
 * apply each "show me", verify that it performs the step's learner action, run the runs it asks
 * for to the end, and evaluate every claim. Deterministic: same lesson, same figures.
 */
import { createSimulation } from '../runtime/simulation';
import type { MetricsSnapshot } from '../runtime/api';
import type { Topology } from '../model/topology';
import { actionDone } from './actions';
import { evaluateClaim } from './claims';
import type { ClaimResult } from './claims';
import type { LessonRun } from './figures';
import type { Lesson, RunRequest } from './schema';
import { applyEdit, resolveSource } from './show-me';

export interface StepCheck {
  id: string;
  title: string;
  /** problems with the step itself: an edit refused, the show-me not doing the step's action */
  problems: string[];
  claims: ClaimResult[];
}

export interface LessonCheck {
  id: string;
  title: string;
  ok: boolean;
  steps: StepCheck[];
  /** per run: label, simulated seconds, messages (what the check ran) */
  runs: { label: string; durationSec: number; messages: number }[];
}

/** Run a topology for a run request, keeping its snapshots (series claims read them). */
export function runForLesson(topology: Topology, req: RunRequest): LessonRun {
  const snapshots: MetricsSnapshot[] = [];
  const sim = createSimulation(topology, {
    durationSec: req.durationSec, seed: req.seed, faults: req.faults, snapshotIntervalMs: req.snapshotIntervalMs,
  }, { onSnapshot: (s) => snapshots.push(s) });
  return { label: req.label, summary: sim.runToEnd(), snapshots };
}

/** The check plus what it ran: the topology after each step's show-me and every run (the handout draws them). */
export interface LessonWalk {
  check: LessonCheck;
  topologies: Topology[];
  runs: ReadonlyMap<string, LessonRun>;
}

export function checkLesson(lesson: Lesson): LessonCheck {
  return walkLesson(lesson).check;
}

export function walkLesson(lesson: Lesson): LessonWalk {
  const runs = new Map<string, LessonRun>();
  const steps: StepCheck[] = [];
  let latest: string | undefined;
  const start = resolveSource(lesson.start);
  if (!start.ok) {
    return { check: { id: lesson.id, title: lesson.title, ok: false, runs: [], steps: [{ id: '(start)', title: 'start', problems: [start.reason], claims: [] }] }, topologies: [], runs };
  }
  let topology = start.topology;
  const topologies: Topology[] = [];
  for (const step of lesson.steps) {
    const problems: string[] = [];
    const before = topology;
    let opened: string | undefined;
    let runFaults: RunRequest['faults'] | undefined;
    for (const e of step.showMe) {
      if (e.do === 'run') {
        const r = runForLesson(topology, e.run);
        runs.set(e.run.label, r);
        latest = e.run.label;
        runFaults = [...(runFaults ?? []), ...e.run.faults];
        continue;
      }
      if (e.do === 'load' && 'template' in e.source) opened = e.source.template;
      const r = applyEdit(topology, e);
      if (r.ok) topology = r.topology;
      else problems.push(r.reason);
    }
    const observed = { before, after: topology, ...(runFaults !== undefined ? { runFaults } : {}), ...(opened !== undefined ? { openedTemplate: opened } : {}) };
    if (problems.length === 0 && !actionDone(step.action, observed)) {
      problems.push(`show-me does not perform the step's action (${step.action.kind})`);
    }
    const ctx = { runs, topology, ...(latest !== undefined ? { latest } : {}) };
    steps.push({ id: step.id, title: step.title, problems, claims: step.claims.map((c) => evaluateClaim(c, ctx)) });
    topologies.push(topology);
  }
  const ok = steps.every((s) => s.problems.length === 0 && s.claims.every((c) => c.status === 'pass'));
  const runList = [...runs.values()].map((r) => ({ label: r.label, durationSec: r.summary.durationSec, messages: r.summary.messages }));
  return { check: { id: lesson.id, title: lesson.title, ok, steps, runs: runList }, topologies, runs };
}
