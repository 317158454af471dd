import type { EventTypeDef, Topology } from '../../../shared/model';
import type { Edit } from './edit';
import { unchanged } from './edit';

/** Add or replace a project event type (by name; `previousName` renames it). */
export function putEventType(def: EventTypeDef, previousName?: string, coalesceKey?: string): Edit {
  return {
    label: previousName ? `Edit event type ${def.name}` : `Add event type ${def.name}`,
    coalesceKey,
    run(t: Topology) {
      const key = previousName ?? def.name;
      const i = t.eventTypes.findIndex((d) => d.name === key);
      if (i >= 0 && t.eventTypes[i] === def) return unchanged(t);
      const eventTypes = t.eventTypes.slice();
      if (i >= 0) eventTypes[i] = def;
      else eventTypes.push(def);
      return { topology: { ...t, eventTypes } };
    },
  };
}

export function removeEventType(name: string): Edit {
  return {
    label: `Remove event type ${name}`,
    run: (t: Topology) => (t.eventTypes.some((d) => d.name === name) ? { topology: { ...t, eventTypes: t.eventTypes.filter((d) => d.name !== name) } } : unchanged(t)),
  };
}
