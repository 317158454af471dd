import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useState } from 'react';
import type { CSSProperties } from 'react';
import type { Project } from '../../shared/api/types';
import { useApi } from '../api/react';
import { Canvas } from '../canvas/Canvas';
import type { FlowEdge, FlowNode } from '../canvas/flow-types';
import type { CommandContext } from '../commands/command';
import { useEditorKeyboard } from '../commands/keyboard';
import { EventTypesPanel } from '../panels/events/EventTypesPanel';
import { Inspector } from '../panels/inspector/Inspector';
import { LintPanel } from '../panels/lint/LintPanel';
import { RunDock, RunsScope } from '../runs/RunDock';
import { createDocumentStore } from '../store/document-store';
import { DocumentStoreProvider } from '../store/react';
import { createUiStore } from '../store/ui-store';
import { createSaver } from './autosave';
import { Banner } from './Banner';
import { ContextMenu } from './ContextMenu';
import type { EditorServices } from './editor-context';
import { EditorServicesProvider, useEditor, useUi } from './editor-context';
import { ImportDropZone } from '../export/ImportDropZone';
import { NodeSearch } from './NodeSearch';
import { Palette } from './Palette';
import { QuickAdd } from './QuickAdd';
import { Toolbar } from './Toolbar';
import { LessonPlayer } from '../lessons/LessonPlayer';
import { InspectorResizeHandle } from '../workspace/InspectorResizeHandle';
import { FocusExit } from '../workspace/FocusExit';
import { layoutStore, useLayout } from '../workspace/layout-store';
import './editor.css';

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; project: Project };

/** The canvas designer for one project: loads it, edits it, autosaves it. */
export function ProjectEditor({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const api = useApi();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    api.call('projects.open', { id: projectId }).then(
      (project) => live && setLoad({ status: 'ready', project }),
      (e: unknown) => live && setLoad({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => { live = false; };
  }, [api, projectId]);
  if (load.status === 'loading') return <div className="ef-editor-loading" role="status">Opening project…</div>;
  if (load.status === 'error') {
    return (
      <div className="ef-editor-loading" role="alert">
        <div className="ef-problem-card">
          <h1>This project cannot be opened</h1>
          <p>{load.message}</p>
          <button type="button" className="ef-btn" onClick={onClose}>Back to projects</button>
        </div>
      </div>
    );
  }
  return <EditorRoot project={load.project} onClose={onClose} />;
}

function EditorRoot({ project, onClose }: { project: Project; onClose: () => void }) {
  const api = useApi();
  const [services] = useState<EditorServices & { dispose: () => void }>(() => {
    const doc = createDocumentStore(project.topology);
    const ui = createUiStore();
    const saver = createSaver(project.id, api, doc, ui);
    ui.getState().set({ savedAt: Date.parse(project.updatedAt) || undefined });
    return { projectId: project.id, api, doc, ui, save: saver.save, close: onClose, dispose: saver.dispose };
  });
  useEffect(() => () => services.dispose(), [services]);
  return (
    <EditorServicesProvider value={services}>
      <DocumentStoreProvider value={services.doc}>
        <ReactFlowProvider>
          <RunsScope><EditorLayout /></RunsScope>
        </ReactFlowProvider>
      </DocumentStoreProvider>
    </EditorServicesProvider>
  );
}

function EditorLayout() {
  const editor = useEditor();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const tab = useUi((s) => s.sideTab);
  const getCtx = useCallback((): CommandContext => ({ editor, flow }), [editor, flow]);
  useEditorKeyboard(getCtx);
  const focus = useLayout((s) => s.focus);
  const rail = useLayout((s) => s.paletteRail);
  const inspectorOpen = useLayout((s) => s.inspectorOpen);
  const inspectorWidth = useLayout((s) => s.inspectorWidth);
  // the grid's columns as variables: the inspector's resize handle moves --inspector-w directly while dragging
  const columns = { '--palette-w': rail ? '52px' : '168px', '--inspector-w': `${inspectorOpen ? inspectorWidth : 30}px` } as CSSProperties;
  return (
    <div className={`ef-editor${focus ? ' is-focus' : ''}`} data-testid="project-editor">
      <Toolbar />
      <div className="ef-editor__main" style={columns}>
        <Palette />
        <div className="ef-editor__centre">
          <div className="ef-editor__canvas">
            <Canvas />
            <Banner />
            <NodeSearch />
            <LessonPlayer projectId={editor.projectId} />
            {focus && <FocusExit />}
          </div>
          <LintPanel />
          <RunDock />
        </div>
        {inspectorOpen ? (
          <aside className="ef-side" aria-label="Inspector" data-testid="inspector-panel">
            <InspectorResizeHandle />
            <div className="ef-side__tabs" role="tablist">
              <button type="button" role="tab" aria-selected={tab === 'inspector'} className="ef-side__tab" onClick={() => editor.ui.getState().set({ sideTab: 'inspector' })}>Inspector</button>
              <button type="button" role="tab" aria-selected={tab === 'events'} className="ef-side__tab" onClick={() => editor.ui.getState().set({ sideTab: 'events' })}>Event types</button>
              <button type="button" className="ef-icon-btn ef-side__fold" onClick={() => layoutStore.getState().set({ inspectorOpen: false })} aria-label="Fold inspector" title="Fold inspector">»</button>
            </div>
            <div className="ef-side__panel">{tab === 'inspector' ? <Inspector /> : <EventTypesPanel />}</div>
          </aside>
        ) : (
          <aside className="ef-side ef-side--folded" aria-label="Inspector (folded)">
            <button type="button" className="ef-side__unfold" onClick={() => layoutStore.getState().set({ inspectorOpen: true })} aria-label="Show inspector" title="Show inspector" data-testid="inspector-unfold">
              <span>Inspector</span>
            </button>
          </aside>
        )}
      </div>
      <QuickAdd />
      <ImportDropZone />
      <ContextMenu />
    </div>
  );
}
