import type { TopologyInput } from '../topology';
import { CURRENT_SCHEMA_VERSION, TOPOLOGY_SCHEMA_URL } from '../topology';

export function emptyTemplate(name = 'Untitled'): TopologyInput {
  return { $schema: TOPOLOGY_SCHEMA_URL, schemaVersion: CURRENT_SCHEMA_VERSION, name, description: '', eventTypes: [], nodes: [], edges: [] };
}
