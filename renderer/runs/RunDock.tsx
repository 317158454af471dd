import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useEditor, useUi } from '../editor/editor-context';
import { useDocument } from '../store/react';
import { EventLog } from './panels/EventLog';
import { FaultPanel } from './panels/FaultPanel';
import { KpiCards } from './panels/KpiCards';
import { RunCharts } from './panels/RunCharts';
import { RunCompare } from './panels/RunCompare';
import { RunHistory } from './panels/RunHistory';
import { RunsProvider, useRuns, useRunsRequired } from './react';
import { useWhatifUi } from '../whatif/whatif-store';
import { WhatifPanel } from '../whatif/WhatifPanel';
import type { RunId } from './runs-api';
import { RunToolbar } from './RunToolbar';
import { useDockHeight, useDockOpen } from './dock-height';
import './runs.css';

type Tab = 'live' | 'faults' | 'events' | 'history' | 'compare' | 'whatif';

/**
 * Gives the open editor its runs store. Mount around the editor layout (inside the editor's
 * services and document providers): the canvas badges, the token layer and the dock share it.
 */
export function RunsScope({ children }: { children: ReactNode }) {
  const { api, projectId, doc } = useEditor();
  return <RunsProvider client={api} projectId={projectId} getTopology={() => doc.getState().topology}>{children}</RunsProvider>;
}

/** The run bar under the canvas: toolbar, then Live / Faults / Events / History / Compare. */
export function RunDock() {
  const topology = useDocument((s) => s.topology);
  const selection = useDocument((s) => s.selection.nodes);
  const mode = useRuns((s) => s.mode);
  const hasData = useRuns((s) => s.snapshot !== undefined || s.mode === 'replay');
  const [tab, setTab] = useState<Tab>('live');
  const [open, setOpen] = useDockOpen();
  const [compare, setCompare] = useState<[RunId, RunId]>();
  const resize = useDockHeight();
  const { control } = useRunsRequired();
  // the inspector's "Sweep this" opens the What-if tab
  const sweepSeq = useWhatifUi((s) => s.openSeq);
  const seenSweepSeq = useRef(sweepSeq);
  useEffect(() => {
    if (sweepSeq === seenSweepSeq.current) return;
    seenSweepSeq.current = sweepSeq;
    setTab('whatif');
    setOpen(true);
  }, [sweepSeq, setOpen]);
  // a lesson step asks for a tab (ui-store.ts dockRequest): open the dock on it
  const request = useUi((s) => s.dockRequest);
  const seenRequest = useRef(request?.seq);
  useEffect(() => {
    if (!request || request.seq === seenRequest.current) return;
    seenRequest.current = request.seq;
    setTab(request.panel);
    setOpen(true);
  }, [request, setOpen]);

  const nodes = useMemo(() => topology.nodes.filter((n) => n.kind !== 'group').map((n) => ({
    id: n.id, name: n.name, kind: n.kind,
    // what live scaling starts from
    ...(n.kind === 'service' ? { instances: n.settings.instances, concurrency: n.settings.concurrency } : n.kind === 'sink' ? { instances: 1, concurrency: n.settings.concurrency } : {}),
  })), [topology]);
  const producers = useMemo(() => nodes.filter((n) => n.kind === 'producer').map((n) => n.id), [nodes]);
  const types = useMemo(() => [...new Set(topology.edges.flatMap((e) => e.eventTypes))].sort(), [topology]);
  const selectedId = selection.size === 1 ? [...selection][0] : undefined;
  const selected = nodes.find((n) => n.id === selectedId);

  const tabs: { id: Tab; label: string }[] = [
    { id: 'live', label: mode === 'replay' ? 'State' : 'Live' },
    { id: 'faults', label: 'Faults' },
    { id: 'events', label: 'Events' },
    { id: 'history', label: 'History' },
    { id: 'whatif', label: 'What-if' },
    ...(compare ? [{ id: 'compare' as const, label: 'Compare' }] : []),
  ];
  return (
    <section className={`run-dock${open ? '' : ' is-collapsed'}`} aria-label="Runs" data-testid="run-dock" style={open ? { height: resize.height } : undefined}>
      {open && (
        <div className="run-dock__resize" role="separator" aria-orientation="horizontal" aria-label="Resize run panel" aria-valuenow={resize.height}
          tabIndex={0} onPointerDown={resize.onPointerDown} onKeyDown={resize.onKeyDown} data-testid="run-dock-resize" />
      )}
      <RunToolbar producerIds={producers} onCompare={(a, b) => { setCompare([a, b]); setTab('compare'); setOpen(true); }} />
      <div className="run-dock__tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={open && tab === t.id} className="run-dock__tab" onClick={() => { setTab(t.id); setOpen(true); }} data-testid={`run-tab-${t.id}`}>
            {t.label}
          </button>
        ))}
        <button type="button" className="btn btn-ghost run-dock__toggle" onClick={() => setOpen(!open)} aria-label={open ? 'Collapse run panel' : 'Expand run panel'}>{open ? '▾' : '▴'}</button>
      </div>
      {open && (
        <div className="run-dock__body" role="tabpanel">
          {tab === 'live' && (
            <div className="run-live">
              <KpiCards />
              {hasData && <RunCharts nodeId={selected?.id} nodeName={selected?.name} />}
            </div>
          )}
          {tab === 'faults' && <FaultPanel targets={nodes} selectedId={selectedId} />}
          {tab === 'events' && <EventLog nodes={nodes} types={types} />}
          {tab === 'history' && <RunHistory onCompare={(a, b) => { setCompare([a, b]); setTab('compare'); }} />}
          {tab === 'compare' && compare && <RunCompare a={compare[0]} b={compare[1]} />}
          {tab === 'whatif' && (
            <WhatifPanel
              onOpenRun={(id) => { void control.openRun(id); setTab('live'); }}
              onCompare={(a, b) => { setCompare([a, b]); setTab('compare'); }}
            />
          )}
        </div>
      )}
    </section>
  );
}
