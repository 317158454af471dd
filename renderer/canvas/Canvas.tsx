import type { Connection, Edge, EdgeChange, InternalNode, NodeChange, OnMove, OnNodeDrag } from '@xyflow/react';
import { Background, BackgroundVariant, MiniMap, ReactFlow, useReactFlow, useStore, useStoreApi } from '@xyflow/react';
import type { DragEvent, MouseEvent as ReactMouseEvent, RefObject } from 'react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { connectionVerdict } from '../../shared/model';
import { useEditor, useUi } from '../editor/editor-context';
import { connect } from '../store/edits/edges';
import type { Size } from '../store/edits/geometry';
import { setParent } from '../store/edits/groups';
import { addNode, moveNodes, replaceNode } from '../store/edits/nodes';
import { useDocument } from '../store/react';
import { RunOverlay } from '../runs/overlay/RunOverlay';
import { ConnectionHint } from './ConnectionHint';
import type { SizeEstimate } from './derive';
import { createFlowDeriver } from './derive';
import { EDGE_TYPES, EdgeMarkers } from './edges/EventEdge';
import { FarEdgeLayer, handlePoint } from './edges/FarEdgeLayer';
import { LabelSpotsContext, useLabelSpotsStore, usePlaceLabels } from './edges/label-spots';
import { distanceToCurve } from './label-placement';
import type { FlowEdge, FlowNode } from './flow-types';
import { FAR_MIN_NODES, FAR_ZOOM, estimatedCardSize, fitViewport } from './initial-view';
import { NODE_TYPES } from './nodes';
import { PALETTE_MIME, paletteItem } from './palette-items';
import { useTheme } from '../workspace/theme-store';
import { countRender } from './render-counter';
import type { PaletteItem } from './palette-items';
import './canvas.css';

const SNAP: [number, number] = [16, 16];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: true };
const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.1 };
const MIN_ZOOM = 0.05;
/** Above this many nodes the canvas draws only what is in view and opens on a computed viewport. */
const LARGE = 300;
const NO_EDGES: FlowEdge[] = [];
const MINIMAP_STYLE = { width: 168, height: 112 };
const minimapNodeClass = (n: FlowNode) => `ef-minimap__node ef-minimap__node--${n.type ?? ''}`;

/** The React Flow canvas over the document store: every change becomes an edit. */
export function Canvas() {
  const { doc, ui } = useEditor();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const topology = useDocument((s) => s.topology);
  const selection = useDocument((s) => s.selection);
  const measured = useDocument((s) => s.measured);
  const snapToGrid = useUi((s) => s.snapToGrid);
  const minimap = useUi((s) => s.minimap);
  // a lesson step's focus: its nodes and edges lit, the rest dimmed (derive.ts, canvas.css)
  const spotlight = useUi((s) => s.spotlight);
  const [deriver] = useState(createFlowDeriver);
  const large = topology.nodes.length > LARGE;
  const theme = useTheme((s) => s.resolved);
  // Big graphs open on a viewport computed here from positions and estimated card sizes, so React
  // Flow mounts only the cards in view, already at that zoom (initial-view.ts). That needs the
  // pane's size first: measured before <ReactFlow> mounts (a layout effect, so before any paint).
  const paneRef = useRef<HTMLDivElement>(null);
  const rf = useStoreApi<FlowNode, FlowEdge>();
  const [opening] = useState(() => ({ large, fit: topology.nodes.length > 0 }));
  const [initialView, setInitialView] = useState<{ viewport: { x: number; y: number; zoom: number }; estimate: SizeEstimate } | undefined>();
  useLayoutEffect(() => {
    const el = paneRef.current;
    if (!opening.large || initialView || !el) return;
    const s = doc.getState();
    const far = estimatedCardSize(false, true);
    const viewport = fitViewport(s.topology, (n) => s.measured.get(n.id) ?? (n.kind === 'group' ? n.settings : far), { width: el.clientWidth, height: el.clientHeight }, { minZoom: MIN_ZOOM, ...FIT_OPTIONS });
    // React Flow applies defaultViewport in an effect, after its first render: seed its store now so
    // that first render already culls and draws the cards at this zoom (not at zoom 1 for a frame)
    rf.setState({ transform: [viewport.x, viewport.y, viewport.zoom] });
    setInitialView({ viewport, estimate: viewport.zoom < FAR_ZOOM ? 'far' : 'full' });
  }, [doc, rf, opening, initialView]);
  const estimate = initialView?.estimate ?? 'none';
  const nodes = useMemo(() => deriver.nodes(topology, selection.nodes, measured, estimate, spotlight), [deriver, topology, selection.nodes, measured, estimate, spotlight]);
  const edges = useMemo(() => deriver.edges(topology, selection.edges, spotlight), [deriver, topology, selection.edges, spotlight]);
  // far out on a big graph (the zoom where cards turn light), unselected edges are drawn by one
  // cheap layer instead of React Flow
  const farOut = useStore((s) => s.transform[2] < FAR_ZOOM) && topology.nodes.length > FAR_MIN_NODES;
  const [flowEdges, farEdges] = useMemo(() => (farOut ? [edges.filter((e) => e.selected), edges.filter((e) => !e.selected)] : [edges, NO_EDGES]), [edges, farOut]);
  const labelSpots = useLabelSpotsStore();
  usePlaceLabels(labelSpots, topology, measured, edges, topology.nodes.length <= FAR_MIN_NODES);
  useRefitOnResize(paneRef);
  countRender('(canvas)');

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    countRender(`(changes:${changes[0]?.type ?? ''})`);
    const state = doc.getState();
    const positions = new Map<string, { x: number; y: number }>();
    let dragEnded = false;
    let resize: { id: string; width: number; height: number; done: boolean } | undefined;
    let sizes: Map<string, Size> | undefined;
    let nodesSel: Set<string> | undefined;
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        positions.set(c.id, c.position);
        if (c.dragging === false) dragEnded = true;
      } else if (c.type === 'dimensions' && c.dimensions) {
        const node = state.topology.nodes.find((n) => n.id === c.id);
        if (node?.kind === 'group') {
          if (c.resizing !== undefined) resize = { id: c.id, ...c.dimensions, done: c.resizing === false };
          continue;
        }
        const prev = (sizes ?? state.measured).get(c.id);
        if (!prev || prev.width !== c.dimensions.width || prev.height !== c.dimensions.height) {
          sizes ??= new Map(state.measured);
          sizes.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
        }
      } else if (c.type === 'select') {
        nodesSel ??= new Set(state.selection.nodes);
        if (c.selected) nodesSel.add(c.id);
        else nodesSel.delete(c.id);
      }
    }
    if (sizes) state.setMeasured(sizes);
    if (resize) {
      const node = state.topology.nodes.find((n) => n.id === resize.id);
      if (node?.kind === 'group') {
        const pos = positions.get(resize.id) ?? node.position;
        positions.delete(resize.id);
        state.apply(replaceNode({
          ...node,
          position: { x: Math.round(pos.x), y: Math.round(pos.y) },
          settings: { ...node.settings, width: Math.max(80, Math.round(resize.width)), height: Math.max(60, Math.round(resize.height)) },
        }, `Resize ${node.name}`, `resize:${node.id}`));
        if (resize.done) state.seal();
      }
    }
    if (positions.size > 0) {
      state.apply(moveNodes(positions, positions.size === 1 ? 'Move node' : `Move ${positions.size} nodes`, `drag:${[...positions.keys()].sort().join(',')}`));
      if (dragEnded) state.seal();
    }
    if (nodesSel) doc.getState().select({ nodes: [...nodesSel], edges: [...doc.getState().selection.edges] });
  }, [doc]);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    let edgesSel: Set<string> | undefined;
    const state = doc.getState();
    for (const c of changes) {
      if (c.type !== 'select') continue;
      edgesSel ??= new Set(state.selection.edges);
      if (c.selected) edgesSel.add(c.id);
      else edgesSel.delete(c.id);
    }
    if (edgesSel) state.select({ nodes: [...state.selection.nodes], edges: [...edgesSel] });
  }, [doc]);

  const isValidConnection = useCallback((c: Connection | Edge) => {
    const t = doc.getState().topology;
    const s = t.nodes.find((n) => n.id === c.source);
    const d = t.nodes.find((n) => n.id === c.target);
    if (!s || !d) return false;
    if (t.edges.some((e) => e.source === s.id && e.target === d.id)) return false;
    return connectionVerdict(s.kind, d.kind, s.id === d.id).ok;
  }, [doc]);

  const onConnect = useCallback((c: Connection) => {
    doc.getState().apply(connect(c.source, c.target));
  }, [doc]);

  const addFromPalette = useCallback((item: PaletteItem, at: { x: number; y: number }) => {
    const state = doc.getState();
    const r = state.apply(addNode(item.kind, { x: at.x - 110, y: at.y - 40 }, { op: item.op, name: item.name, settings: item.settings }));
    if (!r.ok || item.kind === 'group') return;
    // dropped inside a group: it becomes the group's child
    const added = [...doc.getState().selection.nodes][0];
    const group = doc.getState().topology.nodes.find((n) => n.kind === 'group' && !n.parentId && at.x >= n.position.x && at.y >= n.position.y
      && n.kind === 'group' && at.x <= n.position.x + n.settings.width && at.y <= n.position.y + n.settings.height);
    if (added && group) doc.getState().apply(setParent(added, group.id));
  }, [doc]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((e: DragEvent) => {
    const item = paletteItem(e.dataTransfer.getData(PALETTE_MIME));
    if (!item) return;
    e.preventDefault();
    addFromPalette(item, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    ui.getState().set({ dragging: undefined });
  }, [addFromPalette, flow, ui]);

  const onNodeDragStop = useCallback<OnNodeDrag<FlowNode>>((_e, node, dragged) => {
    if (dragged.length !== 1 || node.type === 'group') return;
    const groups = flow.getIntersectingNodes(node, true).filter((n) => n.type === 'group');
    const current = node.parentId;
    const target = groups.find((g) => g.id === current) ?? groups[0];
    if ((target?.id ?? undefined) !== current) {
      doc.getState().apply(setParent(node.id, target?.id));
      doc.getState().seal();
    }
  }, [doc, flow]);

  const openContextMenu = useCallback((e: ReactMouseEvent | MouseEvent, target: NonNullable<ReturnType<typeof ui.getState>['contextMenu']>['target']) => {
    e.preventDefault();
    ui.getState().set({ contextMenu: { target, screen: { x: e.clientX, y: e.clientY }, flow: flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }) }, quickAdd: undefined });
    const sel = doc.getState().selection;
    if (target.type === 'node' && !sel.nodes.has(target.id)) doc.getState().select({ nodes: [target.id], edges: [] });
    if (target.type === 'edge' && !sel.edges.has(target.id)) doc.getState().select({ nodes: [], edges: [target.id] });
  }, [doc, flow, ui]);

  const onNodeContextMenu = useCallback((e: ReactMouseEvent, n: FlowNode) => openContextMenu(e, { type: 'node', id: n.id }), [openContextMenu]);
  const onEdgeContextMenu = useCallback((e: ReactMouseEvent, ed: FlowEdge) => openContextMenu(e, { type: 'edge', id: ed.id }), [openContextMenu]);
  const onPaneContextMenu = useCallback((e: ReactMouseEvent | MouseEvent) => openContextMenu(e, { type: 'pane' }), [openContextMenu]);
  const onPaneClick = useCallback((e: ReactMouseEvent) => {
    ui.getState().set({ contextMenu: undefined });
    // far out on a big graph the edges are one picture (FarEdgeLayer): pick the one under the pointer here
    if (!farOut) return;
    const id = edgeNear(rf.getState(), farEdges, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    if (id) doc.getState().select({ nodes: [], edges: [id] });
  }, [ui, farOut, farEdges, rf, flow, doc]);
  const onMoveStart = useCallback<OnMove>((e) => {
    // a pan or zoom by the user (programmatic fits come without an event): stop refitting on resize
    if (e) ui.getState().set({ followsFit: false });
  }, [ui]);
  const onEdgeMouseEnter = useCallback((_e: ReactMouseEvent, ed: FlowEdge) => labelSpots.setState({ hovered: ed.id }), [labelSpots]);
  const onEdgeMouseLeave = useCallback(() => labelSpots.setState({ hovered: undefined }), [labelSpots]);

  const onDoubleClick = useCallback((e: ReactMouseEvent) => {
    if (!(e.target instanceof Element) || !e.target.classList.contains('react-flow__pane')) return;
    ui.getState().set({ quickAdd: { flow: flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }), screen: { x: e.clientX, y: e.clientY } }, contextMenu: undefined });
  }, [flow, ui]);

  return (
    <LabelSpotsContext.Provider value={labelSpots}>
    <div className={`ef-canvas${large ? ' is-large' : ''}${spotlight ? ' has-spotlight' : ''}`} onDoubleClick={onDoubleClick} data-testid="editor-canvas" ref={paneRef}>
      <EdgeMarkers />
      {(!opening.large || initialView) && <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={flowEdges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onNodeDragStop={onNodeDragStop}
        onNodeContextMenu={onNodeContextMenu}
        onEdgeContextMenu={onEdgeContextMenu}
        onPaneContextMenu={onPaneContextMenu}
        onPaneClick={onPaneClick}
        onMoveStart={onMoveStart}
        onEdgeMouseEnter={onEdgeMouseEnter}
        onEdgeMouseLeave={onEdgeMouseLeave}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        zoomOnDoubleClick={false}
        snapToGrid={snapToGrid}
        snapGrid={SNAP}
        connectionRadius={28}
        minZoom={MIN_ZOOM}
        maxZoom={2.5}
        // fit the view once on open when there is something to see (an empty canvas must not zoom to its first node)
        fitView={opening.fit && !opening.large}
        defaultViewport={initialView?.viewport}
        fitViewOptions={FIT_OPTIONS}
        onlyRenderVisibleElements={large}
        elevateEdgesOnSelect
        elevateNodesOnSelect={false}
        proOptions={PRO_OPTIONS}
        colorMode={theme}
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} className="ef-canvas__bg" />
        {minimap && !large && <MiniMap pannable zoomable style={MINIMAP_STYLE} className="ef-minimap" nodeClassName={minimapNodeClass} />}
        {farEdges.length > 0 && <FarEdgeLayer edges={farEdges} />}
        <ConnectionHint />
        <RunOverlay edges={edges} />
      </ReactFlow>}
    </div>
    </LabelSpotsContext.Provider>
  );
}

/**
 * Refits the view when the pane changes size (window resized, a panel opened, closed or dragged)
 * as long as the user has not panned or zoomed since the last fit — like a slide that stays
 * framed. One fit per frame at most, so dragging a panel edge does not queue fits.
 */
function useRefitOnResize(paneRef: RefObject<HTMLDivElement | null>): void {
  const { ui } = useEditor();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  useEffect(() => {
    const el = paneRef.current;
    if (!el) return;
    let last = { width: el.clientWidth, height: el.clientHeight };
    let frame = 0;
    const observer = new ResizeObserver(() => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const now = { width: el.clientWidth, height: el.clientHeight };
        if (now.width === last.width && now.height === last.height) return;
        last = now;
        if (ui.getState().followsFit && now.width > 0 && now.height > 0) void flow.fitView(FIT_OPTIONS);
      });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [paneRef, ui, flow]);
}

/** The selectable edge within ~8 screen px of a flow point, nearest first. */
function edgeNear(s: { nodeLookup: ReadonlyMap<string, InternalNode<FlowNode>>; transform: [number, number, number] }, edges: readonly FlowEdge[], p: { x: number; y: number }): string | undefined {
  const tolerance = 8 / s.transform[2];
  let best: string | undefined;
  let bestD = tolerance;
  for (const e of edges) {
    if (e.selectable === false) continue;
    const a = s.nodeLookup.get(e.source);
    const b = s.nodeLookup.get(e.target);
    if (!a || !b) continue;
    const [sx, sy] = handlePoint(a, 'source');
    const [tx, ty] = handlePoint(b, 'target');
    const d = distanceToCurve(p, { x: sx, y: sy }, { x: tx, y: ty });
    if (d < bestD) {
      bestD = d;
      best = e.id;
    }
  }
  return best;
}
