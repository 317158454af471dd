import type { z } from 'zod';
import { apiContract, isMethodName, isStreamName } from '../../../shared/api/contract';
import type { StreamName } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/define';
import { issuesFromZod } from '../../../shared/model/validate';
import { asyncapiHandlers } from '../asyncapi/asyncapi-handlers';
import { lessonHandlers } from '../lessons/lesson-handlers';
import { liveHandlers } from '../live/live-handlers';
import { LiveRunner } from '../live/live-runner';
import { MemoryBrokerUrlKeeper } from '../live/broker-url-keeper';
import type { BrokerUrlKeeper } from '../live/broker-url-keeper';
import type { LessonHandlerOptions } from '../lessons/lesson-handlers';
import { runHandlers, runStreams } from '../runs/handlers';
import { storageHandlers } from '../runs/storage-handlers';
import { RunManager } from '../runs/run-manager';
import type { RunManagerOptions } from '../runs/run-manager';
import type { Store } from '../store';
import { SweepManager } from '../whatif/sweep-manager';
import type { SweepManagerOptions } from '../whatif/sweep-manager';
import { whatifHandlers, whatifStreams } from '../whatif/whatif-handlers';
import type { BackendEvents, CallContext, MethodHandlers, StreamHandlers } from './handlers';
import { projectHandlers, projectStreams } from './handlers';
import type { Disposable } from './stream-hub';
import { StreamHub } from './stream-hub';

export interface BackendOptions {
  /** the transport this backend instance serves by default (app.info reports it) */
  transport: CallContext['transport'];
  appName?: string;
  appVersion?: string;
  /** run worker file, native binding for workers (main/backend/runs) */
  runs?: RunManagerOptions;
  /** where lesson files are read from (the shipped course by default) */
  lessons?: LessonHandlerOptions;
  /** sweep worker file (main/backend/whatif) */
  whatif?: SweepManagerOptions;
  /** where the Live dialog's broker URL is remembered (default: this process's memory; desktop: the OS keychain) */
  brokerUrls?: BrokerUrlKeeper;
}

/**
 * The generic dispatcher both transports call: validates method/stream names and inputs
 * against shared/api, runs the handler, validates what it returns. Transports only move
 * JSON; they never know a method by name.
 */
export interface Backend {
  dispatch(method: string, rawInput: unknown, ctx?: CallContext): Promise<unknown>;
  /** starts a stream; events go to emit until the returned function is called */
  subscribe(stream: string, rawParams: unknown, emit: (event: unknown) => void, ctx?: CallContext): () => void;
  readonly store: Store;
  readonly hub: StreamHub<BackendEvents>;
  /** live runs (workers); `await runs.dispose()` before closing the store stops them cleanly */
  readonly runs: RunManager;
  /** what-if sweeps (worker pools); `await sweeps.dispose()` cancels them */
  readonly sweeps: SweepManager;
  /** live runs on a real broker (main/backend/live); `await liveRuns.dispose()` stops them */
  readonly liveRuns: LiveRunner;
}

function invalid(what: string, error: z.ZodError): ApiError {
  const issues = issuesFromZod(error);
  return new ApiError('invalid-input', `invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

export function createBackend(store: Store, opts: BackendOptions): Backend {
  const hub = new StreamHub<BackendEvents>();
  const deps = { store, hub, appName: opts.appName ?? 'EventFlow Studio', appVersion: opts.appVersion ?? '0.0.0' };
  // Every contract method and stream must appear here: these annotations are the check.
  const runs = new RunManager(store, opts.runs);
  const sweeps = new SweepManager(store, { ...(opts.runs?.nativeBinding ? { nativeBinding: opts.runs.nativeBinding } : {}), ...(opts.runs?.isAlive ? { isAlive: opts.runs.isAlive } : {}), ...opts.whatif });
  const liveRuns = new LiveRunner(store, runs);
  const methods: MethodHandlers = { ...projectHandlers(deps), ...runHandlers({ store, runs, live: liveRuns }), ...storageHandlers(runs), ...lessonHandlers(runs.repo.db, opts.lessons), ...liveHandlers(liveRuns, runs, opts.brokerUrls ?? new MemoryBrokerUrlKeeper()), ...whatifHandlers(sweeps), ...asyncapiHandlers() };
  const streams: StreamHandlers = { ...projectStreams(deps), ...runStreams({ runs, live: liveRuns }), ...whatifStreams(sweeps) };
  const defaultCtx: CallContext = { transport: opts.transport };

  async function dispatch(method: string, rawInput: unknown, ctx: CallContext = defaultCtx): Promise<unknown> {
    if (typeof method !== 'string' || !isMethodName(method)) throw new ApiError('unknown-method', `unknown method "${String(method)}"`);
    const spec = apiContract.methods[method];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw invalid(`input for ${method}`, parsed.error);
    let result: unknown;
    try {
      const handler = methods[method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      result = await handler(parsed.data, ctx);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new ApiError('internal', `${method} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const out = spec.output.safeParse(result);
    if (!out.success) throw new ApiError('internal', `${method} produced an invalid result: ${issuesFromZod(out.error).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    return out.data;
  }

  function subscribe(stream: string, rawParams: unknown, emit: (event: unknown) => void, ctx: CallContext = defaultCtx): () => void {
    if (typeof stream !== 'string' || !isStreamName(stream)) throw new ApiError('unknown-method', `unknown stream "${String(stream)}"`);
    const spec = apiContract.streams[stream];
    const parsed = spec.params.safeParse(rawParams ?? {});
    if (!parsed.success) throw invalid(`params for ${stream}`, parsed.error);
    const start = streams[stream as StreamName] as (params: unknown, emit: (event: unknown) => void, ctx: CallContext) => Disposable;
    const sub = start(
      parsed.data,
      (event) => {
        // A wrong event is a backend bug: report it instead of sending garbage to the UI.
        const ok = spec.event.safeParse(event);
        if (ok.success) emit(ok.data);
        else console.error(`eventflow: ${stream} produced an invalid event`, issuesFromZod(ok.error));
      },
      ctx,
    );
    return () => sub.dispose();
  }

  return { dispatch, subscribe, store, hub, runs, sweeps, liveRuns };
}
