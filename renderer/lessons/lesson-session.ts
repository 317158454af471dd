/**
 * The lesson a learner is following, per project: which step, which runs (by label, so claims
 * comparing two runs of the lesson work on the learner's own runs), and what is done. Pure
 * state + transitions; the player component wires it to the document, the runs and the api.
 */
import { createStore } from 'zustand/vanilla';
import type { LessonDetail } from '../../shared/api/lessons';
import type { LessonRun } from '../../shared/lessons/figures';
import type { Step } from '../../shared/lessons/schema';
import type { Fault } from '../../shared/runtime/api';
import type { Topology } from '../../shared/model/topology';

export interface LessonSession {
  projectId: string;
  detail: LessonDetail;
  stepIndex: number;
  /** the topology when the step began: the learner's action is what changed since */
  stepStart: Topology;
  /** faults of runs the learner started during this step (undefined: no run yet) */
  runFaults: Fault[] | undefined;
  openedTemplate: string | undefined;
  runs: ReadonlyMap<string, LessonRun>;
  latest: string | undefined;
  completed: ReadonlySet<string>;
}

export interface LessonSessionState {
  session: LessonSession | undefined;
  begin(projectId: string, detail: LessonDetail, topology: Topology): void;
  goTo(stepIndex: number, topology: Topology): void;
  addRun(run: LessonRun, faults: Fault[]): void;
  complete(stepId: string): void;
  end(): void;
}

/** A learner's run is filed under the label the step's show-me gives its run, so comparisons find it. */
export function runLabelFor(step: Step): string {
  for (const e of step.showMe) if (e.do === 'run') return e.run.label;
  return `step-${step.id}`;
}

export const lessonSessionStore = createStore<LessonSessionState>((set, get) => ({
  session: undefined,
  begin: (projectId, detail, topology) => {
    const at = Math.max(0, detail.lesson.steps.findIndex((s) => s.id === detail.progress.stepId));
    set({ session: { projectId, detail, stepIndex: at, stepStart: topology, runFaults: undefined, openedTemplate: undefined, runs: new Map(), latest: undefined, completed: new Set(detail.progress.completedSteps) } });
  },
  goTo: (stepIndex, topology) => {
    const s = get().session;
    if (!s) return;
    const i = Math.min(Math.max(0, stepIndex), s.detail.lesson.steps.length - 1);
    set({ session: { ...s, stepIndex: i, stepStart: topology, runFaults: undefined, openedTemplate: undefined } });
  },
  addRun: (run, faults) => {
    const s = get().session;
    if (!s) return;
    const runs = new Map(s.runs);
    runs.set(run.label, run);
    set({ session: { ...s, runs, latest: run.label, runFaults: [...(s.runFaults ?? []), ...faults] } });
  },
  complete: (stepId) => {
    const s = get().session;
    if (!s || s.completed.has(stepId)) return;
    set({ session: { ...s, completed: new Set([...s.completed, stepId]) } });
  },
  end: () => set({ session: undefined }),
}));
