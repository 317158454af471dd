import type { MethodName, MethodOutput, MethodParsedInput, StreamEvent, StreamName, StreamParsedParams } from '../../../shared/api/contract';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/model/topology';
import type { Store } from '../store';
import type { Disposable, StreamHub } from './stream-hub';

/** Who is calling: lets app.info say which transport the UI is on. */
export interface CallContext {
  transport: 'ipc' | 'websocket';
}

/** One handler per contract method; the compiler refuses a missing or mistyped one. */
export type MethodHandlers = { [M in MethodName]: (input: MethodParsedInput<M>, ctx: CallContext) => Promise<MethodOutput<M>> };
/** One implementation per contract stream: start pushing events, return how to stop. */
export type StreamHandlers = { [S in StreamName]: (params: StreamParsedParams<S>, emit: (event: StreamEvent<S>) => void, ctx: CallContext) => Disposable };

/** Backend-internal events that streams fan out (one channel per stream for now). */
export interface BackendEvents {
  'projects.changed': StreamEvent<'projects.changed'>;
}

export interface HandlerDeps {
  store: Store;
  hub: StreamHub<BackendEvents>;
  appName: string;
  appVersion: string;
}

/**
 * The backend's implementation of shared/api. To add a method: declare it in
 * shared/api/contract.ts, then add its handler to a group like this one (a new domain gets its
 * own file, e.g. runs/handlers.ts, spread into createBackend) — tsc points at a missing one.
 */
type ProjectMethod = Extract<MethodName, 'app.info' | `projects.${string}`>;
type ProjectStream = Extract<StreamName, `projects.${string}`>;

export function projectHandlers({ store, hub, appName, appVersion }: HandlerDeps): Pick<MethodHandlers, ProjectMethod> {
  const changed = (id: string, change: StreamEvent<'projects.changed'>['change']) => hub.publish('projects.changed', { id, change });
  return {
    'app.info': async (_input, ctx) => ({
      name: appName,
      version: appVersion,
      transport: ctx.transport,
      dataDir: store.dataDir,
      databaseFile: store.databaseFile,
      schemaVersion: CURRENT_SCHEMA_VERSION,
    }),
    'projects.list': async () => store.projects.list(),
    'projects.create': async ({ name, topology }) => {
      const p = store.projects.create(name, topology);
      changed(p.id, 'created');
      return p;
    },
    'projects.open': async ({ id }) => store.projects.open(id),
    'projects.rename': async ({ id, name }) => {
      const s = store.projects.rename(id, name);
      changed(id, 'renamed');
      return s;
    },
    'projects.delete': async ({ id }) => {
      const deleted = store.projects.delete(id);
      if (deleted) changed(id, 'deleted');
      return { deleted };
    },
    'projects.save': async ({ id, topology, kind }) => {
      const r = store.projects.save(id, topology, kind);
      changed(id, 'saved');
      return r;
    },
    'projects.versions': async ({ id }) => store.projects.versions(id),
    'projects.restoreVersion': async ({ id, versionId }) => {
      const p = store.projects.restoreVersion(id, versionId);
      changed(id, 'saved');
      return p;
    },
  };
}

export function projectStreams({ hub }: Pick<HandlerDeps, 'hub'>): Pick<StreamHandlers, ProjectStream> {
  return {
    'projects.changed': (_params, emit) => hub.on('projects.changed', emit),
  };
}
