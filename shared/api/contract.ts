import { z } from 'zod';
import { method, stream } from './define';
import { RoundtripCheck, asyncapiMethods } from './asyncapi';
import { AppInfo, ProjectId, ProjectSummary, Project, ProjectVersion, SaveResult, TopologyPayload } from './types';
import {
  CompareResult, EventsPage, EventsQuery as EventsQueryInput, ExportResult, MetricSeries, RunAnnotation, RunControlResult, RunDetail, RunId, RunMeta,
  RunSampledEvents, RunSettings, RunSnapshotEvent, RunSpeed, RunStatusEvent, StateAt, TraceResult, runMethods,
} from './runs';
import { LessonDetail, LessonHandout, LessonList, LessonProgress, lessonMethods } from './lessons';
import { LiveApplyResult, LiveBrokerInfo, LivePlan, LiveSavedBroker, LiveStartResult, LiveStopResult, LiveTeardownResult, LiveTwinResult, LiveTwinRow, liveMethods } from './live';
import { PruneResult, StorageUsage, storageMethods } from './storage';
import { WhatifFindInput, WhatifParameter, WhatifPlan, WhatifProgress, WhatifSweep, WhatifSweepInput, WhatifSweepMeta, whatifMethods } from './whatif';

/**
 * THE contract between UI and backend (DESIGN.md §2). Adding a feature = one entry here,
 * one handler in main/backend, and the UI. Both transports and the client are generic over it.
 */
export const apiContract = {
  methods: {
    'app.info': method(z.object({}), AppInfo, 'Version, data folder and database file in use.'),
    'projects.list': method(z.object({}), z.array(ProjectSummary), 'All projects, most recently updated first.'),
    'projects.create': method(z.object({ name: z.string().trim().min(1).max(200), topology: TopologyPayload.optional() }), Project, 'Create a project (empty, or from a topology).'),
    'projects.open': method(z.object({ id: ProjectId }), Project, 'Load a project with its current topology.'),
    'projects.rename': method(z.object({ id: ProjectId, name: z.string().trim().min(1).max(200) }), ProjectSummary, 'Rename a project.'),
    'projects.delete': method(z.object({ id: ProjectId }), z.object({ deleted: z.boolean() }), 'Delete a project, its versions and runs.'),
    'projects.save': method(
      z.object({ id: ProjectId, topology: TopologyPayload, kind: z.enum(['autosave', 'explicit']).default('explicit') }),
      SaveResult,
      'Save the topology; an explicit save keeps the previous one in the version history.',
    ),
    'projects.versions': method(z.object({ id: ProjectId }), z.array(ProjectVersion), 'Earlier saved versions, newest first.'),
    'projects.restoreVersion': method(z.object({ id: ProjectId, versionId: z.number().int().positive() }), Project, 'Make an earlier version current (the current one is kept as a version).'),
    // Runs (issue 5; types in ./runs.ts, handlers in main/backend/runs/handlers.ts)
    'runs.start': method(runMethods.start, z.object({ runId: RunId }), 'Start a run of the project (refused with the lint errors listed); it runs in a worker.'),
    'runs.pause': method(runMethods.byRun, RunControlResult, 'Pause a running run.'),
    'runs.resume': method(runMethods.byRun, RunControlResult, 'Resume a paused run.'),
    'runs.step': method(runMethods.step, RunControlResult, 'While paused: advance simMs of simulated time (default one snapshot interval).'),
    'runs.stop': method(runMethods.byRun, RunControlResult, 'Stop a run; what it wrote is kept, status stopped.'),
    'runs.setSpeed': method(runMethods.setSpeed, z.object({ runId: RunId, speed: RunSpeed }), "Change a live run's speed: 'max' or 0.1 .. 1000."),
    'runs.injectFault': method(runMethods.injectFault, z.object({ faultId: z.number().int(), simMs: z.number() }), 'Inject a fault into a live run (without endSec it lasts until runs.endFault).'),
    'runs.endFault': method(runMethods.endFault, z.object({ ended: z.boolean(), simMs: z.number() }), 'End an open-ended live fault (bring the node back).'),
    'runs.list': method(runMethods.list, z.array(RunMeta), 'Stored runs (of a project), sortable by date or a KPI.'),
    'runs.get': method(runMethods.byRun, RunDetail, 'One run: meta, scenario, topology snapshot, summary, faults, annotations.'),
    'runs.rename': method(runMethods.rename, RunMeta, 'Rename a run.'),
    'runs.annotate': method(runMethods.annotate, RunAnnotation, 'Add a note to a run (optionally at a simulated time).'),
    'runs.delete': method(runMethods.byRun, z.object({ deleted: z.boolean() }), 'Delete a run and its events/metrics; space is reclaimed in the background.'),
    'runs.events': method(EventsQueryInput, EventsPage, 'Page through the stored event log (keyset by seq) with filters.'),
    'runs.trace': method(runMethods.trace, TraceResult, 'Every stored event of one causal trace (correlationId), with payloads.'),
    'runs.metrics': method(runMethods.metrics, MetricSeries, 'Metric time series of a node (or the whole system), columnar.'),
    'runs.stateAt': method(runMethods.stateAt, StateAt, 'State (queue depths, rates, node states, active faults) at a simulated time.'),
    'runs.compare': method(runMethods.compare, CompareResult, 'KPI diff and topology diff of two runs.'),
    'runs.export': method(runMethods.export, ExportResult, 'A run as a self-contained HTML report, metrics CSV or JSON.'),
    'runs.settings': method(runMethods.settings, RunSettings, "A project's event retention settings."),
    'runs.setSettings': method(runMethods.setSettings, RunSettings, "Change a project's event retention settings (applies to new runs)."),
    // The data folder's size budget (issue 11; types in ./storage.ts, handlers in main/backend/runs/storage-handlers.ts)
    'storage.usage': method(z.object({}), StorageUsage, 'What takes the space: the database file, its free pages, every run\'s event log and series, the budget.'),
    'storage.setBudget': method(storageMethods.setBudget, StorageUsage, 'Set the size budget for stored event logs (oldest finished runs\' events are pruned to fit).'),
    'storage.prune': method(storageMethods.prune, PruneResult, 'Delete finished runs (or only their event logs): beyond the newest N, older than D days, or the ones listed.'),
    // Lessons (issue 15; types in ./lessons.ts, handlers in main/backend/lessons/lesson-handlers.ts)
    'lessons.list': method(lessonMethods.list, LessonList, 'The course: every lesson file with the learner\'s progress, and the files that are not valid lessons (file, path, reason).'),
    'lessons.get': method(lessonMethods.get, LessonDetail, 'One lesson: its steps, its starting topology and the learner\'s progress.'),
    'lessons.progress': method(lessonMethods.progress, LessonProgress, 'The learner\'s progress in one lesson (step, completed steps).'),
    'lessons.saveProgress': method(lessonMethods.saveProgress, LessonProgress, 'Record the step the learner is on and the steps completed.'),
    'lessons.handout': method(lessonMethods.handout, LessonHandout, 'A lesson as a self-contained HTML handout: its "show me" path run headless (in a worker thread), narration, canvas pictures, charts and the verified numbers.'),
    // What-if sweeps (issue 14; types in ./whatif.ts, handlers in main/backend/whatif/whatif-handlers.ts)
    'whatif.plan': method(WhatifSweepInput, WhatifPlan, 'Check a sweep without running it: the grid, or why it is refused (unknown path, a value the model refuses, too many cells); the metric names.'),
    'whatif.start': method(WhatifSweepInput, z.object({ sweepId: z.string() }), 'Start a sweep on the worker pool (refused with the reasons before anything runs).'),
    'whatif.find': method(WhatifFindInput, z.object({ sweepId: z.string() }), 'Start a goal seek ("smallest <param> such that <metric> <op> <value> [and …]"): bisection over an axis, its cells evaluated on the worker pool and saved like a sweep\'s, with the answer and its evidence (refused with the reasons before anything runs).'),
    'whatif.cancel': method(whatifMethods.bySweep, z.object({ cancelled: z.boolean() }), 'Cancel a running sweep (its completed cells stay readable).'),
    'whatif.get': method(whatifMethods.bySweep, WhatifSweep, 'A sweep (running or saved): status, axes, seeds, its definition and every completed cell (mean ± spread of each metric, its runs).'),
    'whatif.list': method(whatifMethods.list, z.array(WhatifSweepMeta), 'Saved sweeps and goal seeks, newest first (of a project, those saved without one (projectId null), or all).'),
    'whatif.delete': method(whatifMethods.bySweep, z.object({ deleted: z.boolean() }), 'Delete a saved sweep with its cell runs (a running one is cancelled first).'),
    'whatif.parameters': method(whatifMethods.parameters, z.array(WhatifParameter), 'Every numeric setting of a topology as a sweep parameter path, with its current value.'),
    // Live runs on a real broker (issue 17; types in ./live.ts, handlers in main/backend/live/live-handlers.ts)
    'live.plan': method(liveMethods.plan, LivePlan, 'The broker plan of a topology: exchanges, queues, bindings, consumers, and what the broker cannot express.'),
    'live.check': method(liveMethods.check, LiveBrokerInfo, 'Connect to a broker (URL with credentials, kept nowhere) and say what it is, or why it cannot be reached.'),
    'live.apply': method(liveMethods.onBroker, LiveApplyResult, 'Declare the plan on the broker (idempotent): what was created and what already existed.'),
    'live.teardown': method(liveMethods.onBroker, LiveTeardownResult, 'Delete exactly the objects the plan names from the broker.'),
    'live.savedBroker': method(z.object({}), LiveSavedBroker, 'The broker URL remembered for the Live dialog (desktop: the OS keychain; web host: this process\'s memory), or null.'),
    'live.rememberBroker': method(liveMethods.rememberBroker, LiveSavedBroker, 'Remember the broker URL for the next Live dialog (null forgets it); never in the topology nor the database.'),
    'live.start': method(liveMethods.start, LiveStartResult, 'Apply the plan and run the traffic live on the broker; stored as a run marked live, streamed like any run (runs.status, runs.snapshot).'),
    'live.twin': method(liveMethods.byRun, LiveTwinResult, 'Run the same topology and scenario (its faults included) in the simulator as a stored run, and compare it with the live run: p50/p99 per service, peak backlog per broker, findings.'),
    'live.twinRows': method(liveMethods.twinRows, z.array(LiveTwinRow), 'The twin comparison of a stored live run with a stored simulated run.'),
    'live.stop': method(liveMethods.byRun, LiveStopResult, 'Stop a live run\'s traffic; its queues drain, then it ends stopped with what it recorded.'),
    // AsyncAPI round trip (issue 13; types in ./asyncapi.ts, handler in main/backend/asyncapi/asyncapi-handlers.ts)
    'asyncapi.roundtrip': method(asyncapiMethods.roundtrip, RoundtripCheck, 'Import an AsyncAPI document, export it again and compare: "everything kept", or every difference with its JSON pointer (as `eventflow roundtrip`).'),
  },
  streams: {
    'runs.snapshot': stream(z.object({ runId: RunId }), RunSnapshotEvent, 'Metrics of a live run, at most ~30 per second (the latest one first).'),
    'runs.events.sampled': stream(z.object({ runId: RunId }), RunSampledEvents, 'A bounded sample of live events (≤ 300/s) for token animation.'),
    'runs.status': stream(z.object({ projectId: ProjectId.optional() }), RunStatusEvent, 'Run lifecycle changes (of a project, or all).'),
    'whatif.progress': stream(whatifMethods.bySweep, WhatifProgress, 'Progress of a sweep (done, total, ETA) with each cell as its last seed finishes.'),
    'projects.changed': stream(z.object({}), z.object({ id: ProjectId, change: z.enum(['created', 'renamed', 'saved', 'deleted']) }), 'Pushed when any client changes a project.'),
  },
} as const;

export type ApiContract = typeof apiContract;
export type MethodName = keyof ApiContract['methods'];
export type StreamName = keyof ApiContract['streams'];
export type MethodInput<M extends MethodName> = z.input<ApiContract['methods'][M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<ApiContract['methods'][M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<ApiContract['methods'][M]['output']>;
export type StreamParams<S extends StreamName> = z.input<ApiContract['streams'][S]['params']>;
export type StreamParsedParams<S extends StreamName> = z.output<ApiContract['streams'][S]['params']>;
export type StreamEvent<S extends StreamName> = z.output<ApiContract['streams'][S]['event']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(apiContract.methods, name);
}
export function isStreamName(name: string): name is StreamName {
  return Object.prototype.hasOwnProperty.call(apiContract.streams, name);
}
