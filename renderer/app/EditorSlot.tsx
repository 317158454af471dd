import { Background, Controls, MiniMap, Position, ReactFlow } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import type { Project } from '../../shared/api/types';
import { useApi } from '../api/react';
import { errorMessage } from './errors';

/**
 * Where the editor goes. For now a read-only canvas of the opened project.
 *
 * Note to helper B (canvas): replace this body with
 *   `return <ProjectEditor projectId={projectId} onClose={onClose} />;`
 * importing ProjectEditor from '../editor/ProjectEditor'. The App already gives the slot the
 * whole area between top bar and status bar (`.editor-slot` is absolutely positioned to fill it),
 * and `onClose` returns to the project list.
 */
export function EditorSlot({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const api = useApi();
  const [project, setProject] = useState<Project>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    api.call('projects.open', { id: projectId }).then(
      (p) => live && setProject(p),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [api, projectId]);

  const { nodes, edges } = useMemo(() => {
    const t = project?.topology;
    if (!t) return { nodes: [] as Node[], edges: [] as Edge[] };
    // React Flow wants parents before their children.
    const ordered = [...t.nodes].sort((a, b) => Number(b.kind === 'group') - Number(a.kind === 'group'));
    return {
      nodes: ordered.map((n): Node => ({ id: n.id, position: n.position, data: { label: n.name }, sourcePosition: Position.Right, targetPosition: Position.Left, ...(n.parentId ? { parentId: n.parentId } : {}), ...(n.kind === 'group' ? { type: 'group', style: { width: 360, height: 220 } } : {}) })),
      edges: t.edges.map((e): Edge => ({ id: e.id, source: e.source, target: e.target, animated: e.kind === 'subscribe' })),
    };
  }, [project]);

  if (error) {
    return (
      <div className="editor-loading" role="alert">
        <div className="problem-card">
          <h1>This project cannot be opened</h1>
          <p className="banner-text">{error}</p>
          <div>
            <button type="button" className="btn" onClick={onClose}>
              Back to projects
            </button>
          </div>
        </div>
      </div>
    );
  }
  if (!project) return <div className="editor-loading">Opening…</div>;

  return (
    <div className="editor-slot" data-testid="editor-canvas">
      <ReactFlow defaultNodes={nodes} defaultEdges={edges} colorMode="system" fitView proOptions={{ hideAttribution: true }} nodesConnectable={false}>
        <Background gap={18} size={1.2} color="var(--canvas-dots)" />
        <Controls />
        <MiniMap pannable zoomable nodeColor="var(--accent-soft)" nodeStrokeColor="var(--accent)" nodeStrokeWidth={2} />
      </ReactFlow>
    </div>
  );
}
