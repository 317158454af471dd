import { useDocument } from '../../store/react';
import type { Edit } from '../../store/edits/edit';
import { renameTopology } from '../../store/edits/nodes';
import { useDocumentStoreApi } from '../../store/react';
import { EdgeInspector } from './EdgeInspector';
import { Section, TextField } from './fields';
import { NodeInspector } from './NodeInspector';

/** The project's description (exported as AsyncAPI info.description); a typing burst is one undo step. */
function describeTopology(description: string): Edit {
  return { label: 'Edit project description', coalesceKey: 'describe-topology', run: (t) => (t.description === description ? { topology: t } : { topology: { ...t, description } }) };
}

/** Right panel: the one selected node or edge, else a summary of the selection / project. */
export function Inspector() {
  const store = useDocumentStoreApi();
  const selection = useDocument((s) => s.selection);
  const topology = useDocument((s) => s.topology);
  const nodeId = selection.nodes.size === 1 && selection.edges.size === 0 ? [...selection.nodes][0] : undefined;
  const edgeId = selection.edges.size === 1 && selection.nodes.size === 0 ? [...selection.edges][0] : undefined;
  const node = nodeId ? topology.nodes.find((n) => n.id === nodeId) : undefined;
  const edge = edgeId ? topology.edges.find((e) => e.id === edgeId) : undefined;
  if (node) return <NodeInspector key={node.id} node={node} />;
  if (edge) return <EdgeInspector key={edge.id} edge={edge} />;
  const count = selection.nodes.size + selection.edges.size;
  return (
    <div className="ef-inspector__body" data-testid="project-inspector">
      {count > 1 ? (
        <p className="ef-muted ef-inspector__empty">{selection.nodes.size} nodes and {selection.edges.size} connections selected. Align, distribute or group them from the toolbar or the context menu.</p>
      ) : (
        <>
          <Section title="Project">
            <TextField label="Topology name" field="topology.name" value={topology.name} commit={(v) => {
              if (v.trim() === '') return 'A name is required';
              const r = store.getState().apply(renameTopology(v));
              return r.ok ? undefined : r.issues[0]?.message;
            }} onDone={() => store.getState().seal()} />
            <TextField label="Description" field="topology.description" value={topology.description} multiline placeholder="What this system does, for the team and the exports"
              commit={(v) => {
                const r = store.getState().apply(describeTopology(v));
                return r.ok ? undefined : r.issues[0]?.message;
              }} onDone={() => store.getState().seal()} />
            <dl className="ef-stats">
              <div><dt>Nodes</dt><dd>{topology.nodes.length}</dd></div>
              <div><dt>Connections</dt><dd>{topology.edges.length}</dd></div>
              <div><dt>Custom event types</dt><dd>{topology.eventTypes.length}</dd></div>
            </dl>
          </Section>
          <p className="ef-muted ef-inspector__empty">Select a node or a connection to edit it. Drag kinds from the palette, or press <kbd>/</kbd> to add one by name.</p>
        </>
      )}
    </div>
  );
}
