import { createContext, useContext, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { createStore } from 'zustand/vanilla';
import type { Topology } from '../../../shared/model';
import type { Size } from '../../store/edits/geometry';
import type { FlowEdge } from '../flow-types';
import { cardBoxes } from '../card-boxes';
import type { LabelRequest, Placement, Rect } from '../label-placement';
import { placeLabels } from '../label-placement';

/** Edge label spots from the placement pass (label-placement.ts), and the edge under the pointer. */
export interface LabelSpots {
  spots: ReadonlyMap<string, Placement> | undefined;
  hovered: string | undefined;
}
export type LabelSpotsStore = StoreApi<LabelSpots>;

export const LabelSpotsContext = createContext<LabelSpotsStore | undefined>(undefined);

/** run badges hang this far under a card (runs.css .run-badge), handles stick out this far sideways */
const BADGE_BELOW = 14;
const HANDLE_OUT = 6;
const RANK: Record<string, number> = { publish: 1, subscribe: 1, route: 1, call: 2, 'dead-letter': 3 };

export function createLabelSpots(): LabelSpotsStore {
  return createStore<LabelSpots>()(() => ({ spots: undefined, hovered: undefined }));
}

/**
 * Re-places the labels when the graph, the card sizes or the selection change (after paint, so a
 * drag frame never waits for it). Off on big graphs: they draw labels only close up, where there is room.
 */
export function usePlaceLabels(store: LabelSpotsStore, topology: Topology, measured: ReadonlyMap<string, Size>, edges: readonly FlowEdge[], enabled: boolean): void {
  useEffect(() => {
    store.setState({ spots: enabled ? placeEdgeLabels(topology, measured, edges) : undefined });
  }, [store, topology, measured, edges, enabled]);
}

export function placeEdgeLabels(topology: Topology, measured: ReadonlyMap<string, Size>, edges: readonly FlowEdge[]): Map<string, Placement> {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const boxes = cardBoxes(topology, measured);
  const obstacles: Rect[] = [];
  for (const b of boxes.values()) obstacles.push({ x: b.x - HANDLE_OUT, y: b.y, width: b.width + 2 * HANDLE_OUT, height: b.height + BADGE_BELOW });
  const requests: LabelRequest[] = [];
  for (const e of edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t || !e.data?.label) continue;
    const sb = boxes.get(s.id);
    const tb = boxes.get(t.id);
    if (!sb || !tb) continue;
    requests.push({
      id: e.id,
      text: e.data.label,
      rank: e.selected ? 0 : RANK[e.data.kind] ?? 2,
      from: { x: sb.x + sb.width, y: sb.y + sb.height / 2 },
      to: { x: tb.x, y: tb.y + tb.height / 2 },
    });
  }
  return placeLabels(requests, obstacles);
}

/** 'free' (no pass ran: the curve's middle), 'hidden' (no room: hover shows it), or the spot. */
export function useLabelSpot(id: string): 'free' | 'hidden' | { x: number; y: number } {
  const store = useContext(LabelSpotsContext) ?? FALLBACK;
  const key = useStore(store, (s) => {
    if (!s.spots || !s.spots.has(id)) return 'free';
    const p = s.spots.get(id);
    return p ? `${p.x},${p.y}` : 'hidden';
  });
  if (key === 'free' || key === 'hidden') return key;
  const [x = 0, y = 0] = key.split(',').map(Number);
  return { x, y };
}

export function useEdgeHovered(id: string): boolean {
  const store = useContext(LabelSpotsContext) ?? FALLBACK;
  return useStore(store, (s) => s.hovered === id);
}

const FALLBACK = createLabelSpots();

/** One store per canvas. */
export function useLabelSpotsStore(): LabelSpotsStore {
  const [store] = useState(createLabelSpots);
  return store;
}
