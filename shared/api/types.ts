import { z } from 'zod';
import { Topology } from '../model/topology';

export const ProjectId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'project ids are 1-64 letters, digits, _ or -');

/** Topologies cross every boundary validated (and migrated) by the model's own schema. */
export const TopologyPayload = Topology;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  transport: z.enum(['ipc', 'websocket']),
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
});

export const ProjectSummary = z.object({
  id: ProjectId,
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  nodeCount: z.number().int(),
  edgeCount: z.number().int(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const Project = ProjectSummary.extend({
  topology: Topology,
  revision: z.number().int(),
});
export type Project = z.infer<typeof Project>;

export const ProjectVersion = z.object({
  versionId: z.number().int(),
  savedAt: z.string(),
  name: z.string(),
  nodeCount: z.number().int(),
  edgeCount: z.number().int(),
});

export const SaveResult = z.object({ revision: z.number().int(), updatedAt: z.string() });
