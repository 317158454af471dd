/**
 * The What-if panel's parameters, shared with the inspector's "Sweep this" buttons: a button adds
 * its field (node id + setting path) as an axis and asks the run dock to show the panel.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export const MAX_PANEL_AXES = 2;

export interface WhatifUiState {
  /** the parameter fields as typed (path=values), at most two */
  axes: string[];
  /** bumped by "Sweep this": the dock opens the What-if tab when it changes */
  openSeq: number;
  /** the last axis added by "Sweep this" (the panel says so) */
  added: string | undefined;
  setAxis(i: number, text: string): void;
  sweepThis(path: string, value: number): void;
}

const pathOf = (text: string): string => text.split('=')[0]!.trim();

/** A first range around the current value, a few cells wide: whole numbers from ½× to 2× (4 points when that is many), else ½× to 2× in 4 points. */
export function suggestedValues(value: number): string {
  if (Number.isInteger(value) && value >= 1) {
    const lo = Math.max(1, Math.floor(value / 2));
    const hi = Math.max(value + 2, value * 2);
    return hi - lo + 1 <= 8 ? `${lo}..${hi}` : `${lo}..${hi}:lin4`;
  }
  if (value === 0) return '0..1:lin4';
  const a = Number((Math.min(value / 2, value * 2)).toPrecision(3));
  const b = Number((Math.max(value / 2, value * 2)).toPrecision(3));
  return `${a}..${b}:lin4`;
}

export const whatifUi = createStore<WhatifUiState>()((set, get) => ({
  axes: ['payment.instances=1..8', ''],
  openSeq: 0,
  added: undefined,
  setAxis: (i, text) => {
    const axes = [...get().axes];
    axes[i] = text;
    set({ axes });
  },
  sweepThis: (path, value) => {
    const text = `${path}=${suggestedValues(value)}`;
    const { axes, openSeq, added } = get();
    const filled = axes.map((a) => a.trim()).filter((a) => a !== '');
    // a field already swept is replaced in place; else it takes the first free slot; with both
    // taken it replaces the one not added last (the user is building a pair)
    let next: string[];
    const same = filled.findIndex((a) => pathOf(a) === path);
    if (same >= 0) next = filled.map((a, i) => (i === same ? text : a));
    else if (added === undefined) next = [text];
    else if (filled.length < MAX_PANEL_AXES) next = [...filled, text];
    else next = [filled.find((a) => pathOf(a) === pathOf(added ?? '')) ?? filled[1]!, text];
    while (next.length < MAX_PANEL_AXES) next.push('');
    set({ axes: next, openSeq: openSeq + 1, added: text });
  },
}));

export function useWhatifUi<T>(selector: (s: WhatifUiState) => T): T {
  return useStore(whatifUi, selector);
}
