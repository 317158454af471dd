/**
 * Opening the panel a lesson step names (its `focus.panel`) when the step is shown: the run dock's
 * tabs through the editor's ui store (the dock listens), Problems and the side panel through the
 * workspace layout, as a click on them would.
 */
import type { LessonPanel } from '../../shared/lessons/schema';
import type { PanelRequest, UiStore } from '../store/ui-store';
import { layoutStore } from '../workspace/layout-store';

const DOCK_TAB: Partial<Record<LessonPanel, PanelRequest['panel']>> = {
  run: 'live', kpis: 'live', charts: 'live', events: 'events', faults: 'faults', history: 'history', whatif: 'whatif',
};

export function openLessonPanel(panel: LessonPanel, ui: UiStore): void {
  const tab = DOCK_TAB[panel];
  if (tab) {
    ui.getState().set({ dockRequest: { panel: tab, seq: (ui.getState().dockRequest?.seq ?? 0) + 1 } });
    return;
  }
  if (panel === 'problems' || panel === 'lint') {
    if (!layoutStore.getState().problemsOpen) layoutStore.getState().set({ problemsOpen: true });
    return;
  }
  // inspector / event-types: the side panel, on that tab
  if (!layoutStore.getState().inspectorOpen) layoutStore.getState().set({ inspectorOpen: true });
  ui.getState().set({ sideTab: panel === 'event-types' ? 'events' : 'inspector' });
}
