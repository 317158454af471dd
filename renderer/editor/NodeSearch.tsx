import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import type { FlowEdge, FlowNode } from '../canvas/flow-types';
import { KindIcon } from '../canvas/icons';
import { KIND_LABELS } from '../store/edits/node-factory';
import { useDocument } from '../store/react';
import { useEditor, useUi } from './editor-context';

/** Ctrl/Cmd+F: find a node by name, id, kind or event type and jump to it. */
export function NodeSearch() {
  const open = useUi((s) => s.search);
  return open ? <SearchBox /> : null;
}

function SearchBox() {
  const { doc, ui } = useEditor();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const nodes = useDocument((s) => s.topology.nodes);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const results = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const hay = (n: (typeof nodes)[number]) => {
      const types = n.kind === 'service' ? [...n.settings.consumes, ...n.settings.emitsOnSuccess, ...n.settings.emitsOnFailure] : n.kind === 'producer' ? n.settings.emits : [];
      return `${n.name} ${n.id} ${n.kind} ${types.join(' ')}`.toLowerCase();
    };
    return (needle ? nodes.filter((n) => hay(n).includes(needle)) : nodes).slice(0, 12);
  }, [nodes, q]);
  const jump = (id: string) => {
    doc.getState().select({ nodes: [id], edges: [] });
    const n = flow.getInternalNode(id);
    if (n) void flow.setCenter(n.internals.positionAbsolute.x + (n.measured.width ?? 200) / 2, n.internals.positionAbsolute.y + (n.measured.height ?? 80) / 2, { zoom: Math.max(1, flow.getZoom()), duration: 300 });
    ui.getState().set({ search: false });
  };
  return (
    <div className="ef-popover ef-search" role="dialog" aria-label="Find node" data-testid="node-search">
      <input
        autoFocus
        className="ef-input"
        placeholder="Find node by name, kind or event type"
        aria-label="Find node"
        value={q}
        onChange={(e) => { setQ(e.target.value); setActive(0); }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, results.length - 1)); }
          if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
          if (e.key === 'Enter') { const r = results[active]; if (r) jump(r.id); }
          if (e.key === 'Escape') ui.getState().set({ search: false });
        }}
        onBlur={() => setTimeout(() => ui.getState().set({ search: false }), 150)}
      />
      <ul className="ef-quickadd__list">
        {results.map((n, i) => (
          <li key={n.id}>
            <button type="button" className={`ef-quickadd__item ef-kind--${n.kind}${i === active ? ' is-active' : ''}`} onMouseDown={(e) => e.preventDefault()} onClick={() => jump(n.id)}>
              <KindIcon kind={n.kind} size={16} />
              <span className="ef-quickadd__label">{n.name}</span>
              <span className="ef-quickadd__hint">{KIND_LABELS[n.kind]} · {n.id}</span>
            </button>
          </li>
        ))}
        {results.length === 0 && <li className="ef-muted ef-quickadd__none">No node matches “{q}”</li>}
      </ul>
    </div>
  );
}
