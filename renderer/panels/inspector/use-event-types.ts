import { useMemo } from 'react';
import { COMMERCE_EVENT_NAMES } from '../../../shared/commerce/catalog';
import { useDocument } from '../../store/react';

/** Built-in catalog names plus the project's own event types, for token pickers. */
export function useEventTypeNames(): string[] {
  const custom = useDocument((s) => s.topology.eventTypes);
  return useMemo(() => [...new Set([...COMMERCE_EVENT_NAMES, ...custom.map((d) => d.name)])], [custom]);
}
