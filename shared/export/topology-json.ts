/** The native file: `.eventflow.json`, pretty-printed, with `$schema` pointing at the published JSON Schema. */
import { z } from 'zod';
import type { Topology } from '../model/topology';
import { TOPOLOGY_SCHEMA_URL, Topology as TopologySchema } from '../model/topology';

export const TOPOLOGY_FILE_EXTENSION = '.eventflow.json';

export function topologyJson(t: Topology): string {
  const { $schema: _old, ...rest } = t;
  return JSON.stringify({ $schema: TOPOLOGY_SCHEMA_URL, ...rest }, null, 2) + '\n';
}

/** JSON Schema of the file format (draft 2020-12), generated from the zod schema; cross-reference rules are not expressible there and stay in parseTopology. */
export function topologyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(TopologySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: TOPOLOGY_SCHEMA_URL, title: 'EventFlow Studio topology' };
}
