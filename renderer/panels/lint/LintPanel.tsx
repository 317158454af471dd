import { useReactFlow } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { LintProblem } from '../../../shared/model/lint';
import { lintTopology } from '../../../shared/model/lint';
import type { FlowEdge, FlowNode } from '../../canvas/flow-types';
import { CanvasIcon } from '../../canvas/icons';
import { useDocument, useDocumentStoreApi } from '../../store/react';
import { layoutStore, useLayout } from '../../workspace/layout-store';

/**
 * Live lint: problems computed from the model as you edit (debounced, so typing and dragging stay
 * smooth). Clicking a problem selects its node/edge and centres the canvas on it.
 */
export function LintPanel() {
  const topology = useDocument((s) => s.topology);
  // lint after the edit has painted (and once per burst on big graphs), never inside a drag frame
  const [problems, setProblems] = useState<LintProblem[]>([]);
  useEffect(() => {
    const t = setTimeout(() => setProblems(lintTopology(topology)), topology.nodes.length > 300 ? 400 : 60);
    return () => clearTimeout(t);
  }, [topology]);
  const store = useDocumentStoreApi();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  // folded by default on laptops and projectors (layout-store.ts): the count line opens it
  const collapsed = !useLayout((s) => s.problemsOpen);
  const setCollapsed = (c: boolean) => layoutStore.getState().set({ problemsOpen: !c });
  const counts = { error: 0, warning: 0, info: 0 };
  for (const p of problems) counts[p.severity]++;

  const focus = (p: LintProblem) => {
    const t = store.getState().topology;
    const nodeId = p.nodeId ?? (p.edgeId ? t.edges.find((e) => e.id === p.edgeId)?.source : undefined);
    store.getState().select({ nodes: p.edgeId ? [] : p.nodeId ? [p.nodeId] : [], edges: p.edgeId ? [p.edgeId] : [] });
    const internal = nodeId ? flow.getInternalNode(nodeId) : undefined;
    if (internal) {
      const w = internal.measured.width ?? 200;
      const h = internal.measured.height ?? 80;
      void flow.setCenter(internal.internals.positionAbsolute.x + w / 2, internal.internals.positionAbsolute.y + h / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 300 });
    }
  };

  return (
    <section className={`ef-lint${collapsed ? ' is-collapsed' : ''}`} aria-label="Problems" data-testid="lint-panel">
      <header className="ef-lint__head">
        <button type="button" className="ef-lint__toggle" onClick={() => setCollapsed(!collapsed)} aria-expanded={!collapsed} data-testid="problems-toggle">
          <span className="ef-lint__title">Problems</span>
          <span className="ef-badge ef-badge--error" title="errors"><CanvasIcon name="error" size={12} /> {counts.error}</span>
          <span className="ef-badge ef-badge--warning" title="warnings"><CanvasIcon name="warning" size={12} /> {counts.warning}</span>
          <span className="ef-badge ef-badge--info" title="advice"><CanvasIcon name="info" size={12} /> {counts.info}</span>
        </button>
      </header>
      {!collapsed && (
        <ul className="ef-lint__list">
          {problems.length === 0 && <li className="ef-lint__ok"><CanvasIcon name="check" size={14} /> No problems: every event has a producer and a consumer.</li>}
          {problems.map((p, i) => (
            <li key={`${p.code}:${p.nodeId ?? ''}:${p.edgeId ?? ''}:${i}`}>
              <button type="button" className={`ef-problem ef-problem--${p.severity}`} onClick={() => focus(p)} data-code={p.code}>
                <CanvasIcon name={p.severity} size={14} />
                <span className="ef-problem__msg">{p.message}</span>
                <span className="ef-problem__code">{p.code}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
