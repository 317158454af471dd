import { z } from 'zod';
import { method, stream } from './define';
import { AppInfo, ProjectId, ProjectSummary, Project, ProjectVersion, SaveResult, TopologyPayload } from './types';

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
  },
  streams: {
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
