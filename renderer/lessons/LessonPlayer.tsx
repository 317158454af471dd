/**
 * The lesson player beside the canvas: the step's narration, the learner's action (recognised
 * when it happens), Show me, Back/Next, and each claim checked live against the learner's runs
 * with the measured number beside the expected one.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { actionDone } from '../../shared/lessons/actions';
import type { ShowMeEdit } from '../../shared/lessons/schema';
import { readStoredLessonRun, seriesTimes } from '../../shared/lessons/run-reader';
import { applyEdit } from '../../shared/lessons/show-me';
import type { Topology } from '../../shared/model/topology';
import type { ApiClient } from '../../shared/api/client';
import { useApi } from '../api/react';
import { downloadBlob } from '../export';
import { useRuns, useRunsServices } from '../runs/react';
import type { FlowEdge, FlowNode } from '../canvas/flow-types';
import { useEditor } from '../editor/editor-context';
import { useDocument, useDocumentStoreApi } from '../store/react';
import { checkClaims } from './claim-checks';
import { lessonSessionStore, runLabelFor } from './lesson-session';
import { Narration } from './narration';
import { frameFocus } from './frame-focus';
import { openLessonPanel } from './open-panel';
import './lessons.css';

const ACTION_TEXT: Record<string, string> = {
  read: 'Read, then Next', 'add-node': 'Add a node', connect: 'Connect two nodes', 'change-setting': 'Change a setting',
  scale: 'Scale', 'start-run': 'Start a run', 'inject-fault': 'Inject a fault', 'open-template': 'Open a template',
};

/**
 * Move to step `to`, marking the current one complete when it is, and save the progress. Past the
 * last step (Finish, → on the projector) the learner stays where they are: the step is only marked.
 * Buttons and keys both come here, so both save the same progress.
 */
function stepTo(api: ApiClient, topology: Topology, to: number, currentDone: boolean): void {
  const store = lessonSessionStore.getState();
  const s = store.session;
  const current = s?.detail.lesson.steps[s.stepIndex];
  if (!s || !current) return;
  if (currentDone) store.complete(current.id);
  const i = Math.min(Math.max(0, to), s.detail.lesson.steps.length - 1);
  if (i !== s.stepIndex) store.goTo(i, topology);
  const after = lessonSessionStore.getState().session;
  const target = after?.detail.lesson.steps[after.stepIndex];
  if (after && target) api.call('lessons.saveProgress', { id: after.detail.lesson.id, stepId: target.id, completedSteps: [...after.completed] }).catch(() => {});
}

export function LessonPlayer({ projectId }: { projectId: string }) {
  const session = useStore(lessonSessionStore, (s) => (s.session?.projectId === projectId ? s.session : undefined));
  const topology = useDocument((s) => s.topology);
  const doc = useDocumentStoreApi();
  const runs = useRunsServices();
  const phase = useRuns((s) => s.phase);
  const runId = useRuns((s) => s.runId);
  const api = useApi();
  const { ui } = useEditor();
  const step = session?.detail.lesson.steps[session.stepIndex];

  // a finished run of the learner's becomes a run of the lesson, under the step's label, with the
  // stored snapshots the lesson's time-series claims read (run-reader.ts)
  const lessonSteps = session?.detail.lesson.steps;
  const atSec = useMemo(() => (lessonSteps ? seriesTimes(lessonSteps) : []), [lessonSteps]);
  useEffect(() => {
    if (!step || phase !== 'completed' || runId === undefined) return;
    let live = true;
    readStoredLessonRun(api, runId, runLabelFor(step), atSec).then((r) => {
      if (live && r) lessonSessionStore.getState().addRun(r.run, r.faults);
    }, () => {});
    return () => { live = false; };
  }, [api, phase, runId, step, atSec]);

  // spotlight: the nodes and edges the step talks about stay lit, the rest of the canvas dims; the
  // user's selection is left alone. Cleared by a step without focus and when the player closes.
  useEffect(() => {
    const f = step?.focus;
    const lit = f && f.nodes.length + f.edges.length > 0 ? { nodes: new Set(f.nodes), edges: new Set(f.edges) } : undefined;
    ui.getState().set({ spotlight: lit });
    return () => ui.getState().set({ spotlight: undefined });
  }, [ui, step]);

  // focus nodes off screen or under the player: bring them into the free part of the canvas
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const playerRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const ids = step?.focus?.nodes ?? [];
    if (ids.length === 0) return;
    // after the spotlight's render and the panel opening have laid the page out
    const frame = requestAnimationFrame(() => {
      const pane = playerRef.current?.closest('.ef-editor__canvas')?.querySelector('.react-flow')?.getBoundingClientRect();
      if (pane) frameFocus(flow, ids, pane, playerRef.current?.getBoundingClientRect());
    });
    return () => cancelAnimationFrame(frame);
  }, [flow, step]);

  // the panel the step names opens when the step is shown
  useEffect(() => {
    if (step?.focus?.panel) openLessonPanel(step.focus.panel, ui);
  }, [ui, step]);

  // presentation mode: a class on the root hides the app's chrome (lessons.css); keys step the lesson
  const [presenting, setPresenting] = useState(false);
  // whether the step shown is done (action + claims), for the key handler registered once per mode
  const doneRef = useRef(false);
  const [handoutBusy, setHandoutBusy] = useState(false);
  useEffect(() => {
    document.documentElement.classList.toggle('is-presenting', presenting);
    return () => document.documentElement.classList.remove('is-presenting');
  }, [presenting]);

  useEffect(() => {
    if (!presenting) return;
    const onKey = (e: KeyboardEvent) => {
      const s = lessonSessionStore.getState().session;
      if (!s) return;
      const next = e.key === 'ArrowRight' || e.key === 'PageDown';
      const back = e.key === 'ArrowLeft' || e.key === 'PageUp';
      if (e.key === 'Escape') setPresenting(false);
      // as the Back/Next buttons do: a step whose action is done and whose claims hold is marked complete
      else if (next || back) stepTo(api, doc.getState().topology, s.stepIndex + (next ? 1 : -1), doneRef.current);
      else return;
      // the canvas would nudge the selection with the same keys
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [presenting, api, doc]);

  const results = useMemo(() => (session && step ? checkClaims(step.claims, session, topology) : []), [session, step, topology]);
  const did = session && step
    ? actionDone(step.action, { before: session.stepStart, after: topology, ...(session.runFaults ? { runFaults: session.runFaults } : {}), ...(session.openedTemplate ? { openedTemplate: session.openedTemplate } : {}) })
    : false;
  const stepDone = did && results.every((r) => r.status === 'pass');
  useEffect(() => {
    doneRef.current = stepDone;
  }, [stepDone]);
  if (!session || !step) return null;
  const lesson = session.detail.lesson;
  const last = session.stepIndex === lesson.steps.length - 1;

  const go = (to: number) => stepTo(api, doc.getState().topology, to, stepDone);
  const showMe = async () => {
    const edits = step.showMe.filter((e): e is Exclude<ShowMeEdit, { do: 'run' }> => e.do !== 'run');
    if (edits.length > 0) {
      // the edits are applied first: one refused edit refuses them all, with its reason on the status line
      let next: Topology = doc.getState().topology;
      for (const e of edits) {
        const r = applyEdit(next, e);
        if (!r.ok) {
          doc.getState().setNotice(`Show me: ${r.reason}`);
          return;
        }
        next = r.topology;
      }
      const result = next;
      doc.getState().apply({ label: `Show me: ${step.title}`, run: () => ({ topology: result }) });
    }
    for (const e of step.showMe) {
      if (e.do === 'load' && 'template' in e.source) lessonSessionStore.setState((s) => (s.session ? { session: { ...s.session, openedTemplate: (e.source as { template: string }).template } } : s));
      if (e.do === 'run' && runs) {
        const { label, durationSec, seed, faults, snapshotIntervalMs } = e.run;
        await runs.control.start({ scenario: { durationSec, seed, faults, snapshotIntervalMs }, speed: 'max', name: `${lesson.title} · ${label}` });
      }
    }
  };

  // the backend runs the lesson's reference path in a worker; the page stays usable meanwhile
  const handout = async () => {
    setHandoutBusy(true);
    try {
      const h = await api.call('lessons.handout', { id: lesson.id });
      downloadBlob(new Blob([h.html], { type: 'text/html' }), h.fileName);
      doc.getState().setNotice(h.verified
        ? `Handout saved as ${h.fileName}: all ${h.claims} claims verified on the reference run`
        : `Handout saved as ${h.fileName}: ${h.failedClaims} of ${h.claims} claims did not hold on the reference run (the handout says which)`);
    } catch (e) {
      doc.getState().setNotice(`Handout: ${(e as Error).message}`);
    } finally {
      setHandoutBusy(false);
    }
  };

  return (
    <aside className="lesson-player" aria-label="Lesson" data-testid="lesson-player" ref={playerRef}>
      <header className="lesson-head">
        <span className="lesson-course">{lesson.title}</span>
        <span className="lesson-count">Step {session.stepIndex + 1} of {lesson.steps.length}</span>
        <button type="button" className={`lesson-close lesson-present${presenting ? ' is-on' : ''}`} aria-pressed={presenting} title="Presentation mode: chrome hidden, large type, ← → step (Esc leaves)" onClick={() => setPresenting(!presenting)} data-testid="lesson-present">Present</button>
        <button type="button" className="lesson-close lesson-present" disabled={handoutBusy} title="A self-contained HTML handout: narration, the canvas after each step, charts and the verified numbers of the reference run" onClick={() => void handout()} data-testid="lesson-handout">{handoutBusy ? 'Making handout…' : 'Handout'}</button>
        <button type="button" className="lesson-close" aria-label="Close the lesson" onClick={() => lessonSessionStore.getState().end()}>×</button>
      </header>
      <h2 className="lesson-step-title">{step.title}</h2>
      <Narration text={step.narration} />
      <p className={`lesson-action${did ? ' is-done' : ''}`} data-testid="lesson-action">
        {did ? '✓ ' : ''}{ACTION_TEXT[step.action.kind] ?? step.action.kind}
      </p>
      {results.length > 0 && (
        <ul className="lesson-claims" aria-label="Claims">
          {results.map((r) => (
            <li key={r.id} className={`lesson-claim is-${r.status}`} data-testid={`claim-${r.id}`} data-status={r.status}>
              <span className="lesson-claim-mark" aria-hidden="true">{r.status === 'pass' ? '✓' : r.status === 'fail' ? '✗' : '…'}</span>
              <span className="lesson-claim-says">{r.says}</span>
              <span className="lesson-claim-figures">{r.explanation}</span>
            </li>
          ))}
        </ul>
      )}
      <footer className="lesson-nav">
        <button type="button" className="btn" disabled={session.stepIndex === 0} onClick={() => go(session.stepIndex - 1)}>Back</button>
        {step.showMe.length > 0 && <button type="button" className="btn" onClick={() => void showMe().catch(() => {})} data-testid="lesson-show-me">Show me</button>}
        <button type="button" className={`btn${stepDone ? ' btn-primary' : ''}`} disabled={last && (!stepDone || session.completed.has(step.id))} title={last ? 'Mark the last step done' : undefined} onClick={() => go(session.stepIndex + 1)}>{last ? 'Finish' : 'Next'}</button>
      </footer>
    </aside>
  );
}
