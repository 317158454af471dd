import type { OnResizeEnd } from '@xyflow/react';
import { useCallback } from 'react';
import { useDocumentStoreApi } from '../../store/react';

/**
 * Resizing a group arrives as node changes (Canvas applies them as one coalesced edit); the end of
 * the gesture closes that undo step.
 */
export function useGroupResize(_id: string): OnResizeEnd {
  const store = useDocumentStoreApi();
  return useCallback<OnResizeEnd>(() => store.getState().seal(), [store]);
}
