import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { eventColor } from '../../canvas/event-colors';
import { FAR_MIN_NODES, FAR_ZOOM } from '../../canvas/initial-view';
import { count } from '../format';
import { useRuns, useRunsServices } from '../react';
import { FLOW_ZOOM, curveInRect, edgeBezier, edgeForEvent, flowBucket, flowWidthPx, indexEdges, pointAt } from './geometry';
import type { Bezier, EdgeEnds, Pt } from './geometry';

const TOKEN_MS = 900; // wall time a token takes along an edge
const MAX_TOKENS = 400;
/** flow view: the pulse's dash and gap (screen px) and its speed (screen px per second) */
const PULSE_DASH = 10;
const PULSE_GAP = 14;
const PULSE_SPEED = 60;
/** rate labels are drawn only where they are at least this tall on screen */
const MIN_LABEL_PX = 7;
/** one rate label per screen cell of this size (px) */
const LABEL_CELL_W = 56;
const LABEL_CELL_H = 22;
const FLOW_FALLBACK_COLOR = '#6366f1';
/** zoomed out, how long after the view last moved the bands are redrawn (ms) */
const SETTLE_MS = 140;
/** how far the drawn picture may be scaled while the view moves before it is cleared instead */
const MAX_STRETCH = 2;
/** …and how far the far graph's stand-in picture may be (a wheel gesture zooms ×3 to ×4) */
const MAX_FAR_STRETCH = 8;
/** far out on a big graph, the class the React Flow root gets while the view moves (canvas.css hides its cards and edges then) */
const FAR_MOVING = 'ef-far-moving';
/** a far card's border by its run state (as canvas.css colours the DOM card) */
const STATE_STROKE: Readonly<Record<string, string>> = {
  healthy: 'rgba(22, 163, 74, 0.85)', degraded: 'rgba(234, 179, 8, 0.95)', failing: 'rgba(249, 115, 22, 1)', down: 'rgba(220, 38, 38, 1)',
};
/** the class canvas/derive.ts gives an edge a lesson spotlight dims */
const SPOT_DIM = 'ef-spot-dim';

interface Token {
  edge: string;
  color: string;
  born: number;
}

/**
 * The live layer over the React Flow canvas: tokens moving along edges (sampled events,
 * coloured by event type), a rate label per edge, and the selected causal trace's edges lit.
 * Below FLOW_ZOOM the tokens aggregate: every edge with traffic is a band as wide as its rate
 * (log scale) in the colour of its latest event type, with a pulse running source → target, so
 * traffic stays visible zoomed out — on big graphs too, where React Flow does not hold the edges
 * (FarEdgeLayer draws them): `edges` is every edge of the topology, not React Flow's.
 * One <canvas> redrawn in a requestAnimationFrame loop that reads React Flow's and the runs
 * store's state directly: no React render per event or per frame, so panning and panels stay
 * responsive during a max-speed run. Bands are batched into one stroke per colour and width, and
 * only edges in view are drawn. Mount it as a child of <ReactFlow>.
 */
export function RunOverlay({ edges }: { edges: readonly EdgeEnds[] }) {
  const edgesRef = useRef(edges);
  useEffect(() => {
    edgesRef.current = edges;
  }, [edges]);
  const services = useRunsServices();
  const flow = useStoreApi();
  const ref = useRef<HTMLCanvasElement>(null);
  const shown = useRuns((s) => s.snapshot !== undefined || s.trace !== undefined);

  useEffect(() => {
    const canvas = ref.current;
    if (!services || !canvas || !shown) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const runs = services.store;
    let tokens: Token[] = [];
    let frame = 0;
    let indexed: { of: readonly EdgeEnds[]; index: ReturnType<typeof indexEdges> } | undefined;
    // the latest event type seen on each edge colours its band
    const edgeColor = new Map<string, string>();
    let shownMode = '';
    let shownBands = -1;
    let lastTransform = '';
    let lastDraw = 0;
    let lastMove = -Infinity;
    // rate label widths by text, for the current font size
    const labelWidths = new Map<string, number>();
    let labelFont = '';
    /** the view transform the flow picture was drawn at (undefined: no flow picture; null: cleared while the view moves) */
    let drawnAt: { tx: number; ty: number; zoom: number } | null | undefined;
    let size = { w: 0, h: 0, dpr: 1 };
    // far out on a big graph, while the view moves, the cards and edges are this canvas's picture
    const root = canvas.closest('.react-flow');
    let farMoving = false;
    const endFarMove = () => {
      if (!farMoving) return;
      farMoving = false;
      root?.classList.remove(FAR_MOVING);
      runs.slowApplies(false);
    };
    /**
     * Draws the cards and the edges beneath the bands already in the picture (drawn at `at`), then
     * hides React Flow's own: while the view moves the compositor moves one canvas instead of a
     * thousand card layers and an edge layer (bench/canvas-zoom-run.mjs). Called once per gesture.
     */
    const beginFarMove = (fs: ReturnType<typeof flow.getState>, rs: ReturnType<typeof runs.state.getState>, at: { tx: number; ty: number; zoom: number }) => {
      if (farMoving || root === null) return;
      const css = getComputedStyle(root);
      const surface = css.getPropertyValue('--surface').trim() || '#ffffff';
      const border = css.getPropertyValue('--border').trim() || '#cbd5e1';
      const edge = css.getPropertyValue('--edge').trim() || '#94a3b8';
      const text = css.getPropertyValue('--text').trim() || '#0f172a';
      ctx.save();
      ctx.setTransform(size.dpr * at.zoom, 0, 0, size.dpr * at.zoom, size.dpr * at.tx, size.dpr * at.ty);
      // behind what is drawn (the bands): cards first, then the edges under them
      ctx.globalCompositeOperation = 'destination-over';
      const view = { x0: -at.tx / at.zoom, y0: -at.ty / at.zoom, x1: (size.w - at.tx) / at.zoom, y1: (size.h - at.ty) / at.zoom };
      const named = 13 * at.zoom >= 4;
      if (named) {
        ctx.font = '600 13px system-ui, sans-serif';
        ctx.textBaseline = 'middle';
        ctx.fillStyle = text;
        for (const n of fs.nodeLookup.values()) {
          if (n.type === 'group') continue;
          const { x, y } = n.internals.positionAbsolute;
          const h = n.measured.height ?? 0;
          if (x > view.x1 || y > view.y1 || x + (n.measured.width ?? 0) < view.x0 || y + h < view.y0) continue;
          const name = (n.data as { node?: { name?: unknown } }).node?.name;
          ctx.fillText(typeof name === 'string' ? name : n.id, x + 48, y + h / 2, Math.max(0, (n.measured.width ?? 0) - 58));
        }
      }
      ctx.lineWidth = 1.5;
      for (const n of fs.nodeLookup.values()) {
        const { x, y } = n.internals.positionAbsolute;
        const w = n.measured.width ?? 0;
        const h = n.measured.height ?? 0;
        if (x > view.x1 || y > view.y1 || x + w < view.x0 || y + h < view.y0) continue;
        const state = rs.snapshot !== undefined ? rs.nodes.get(n.id)?.state : undefined;
        ctx.strokeStyle = (state !== undefined ? STATE_STROKE[state] : undefined) ?? border;
        ctx.strokeRect(x, y, w, h);
        if (n.type !== 'group') {
          ctx.fillStyle = surface;
          ctx.fillRect(x, y, w, h);
        }
      }
      ctx.strokeStyle = edge;
      ctx.lineWidth = 1.6;
      const lines = new Path2D();
      for (const e of edgesRef.current) {
        const b = curveFor(fs, e.id);
        if (!b || !curveInRect(b, view, 0)) continue;
        lines.moveTo(b.p0.x, b.p0.y);
        lines.bezierCurveTo(b.c1.x, b.c1.y, b.c2.x, b.c2.y, b.p3.x, b.p3.y);
      }
      ctx.stroke(lines);
      ctx.restore();
      farMoving = true;
      root.classList.add(FAR_MOVING);
      // the cards are hidden until the view rests: their figures need not re-render 20 times a second
      runs.slowApplies(true);
    };
    const resize = () => {
      const dpr = window.devicePixelRatio || 1;
      const w = canvas.clientWidth;
      const h = canvas.clientHeight;
      if (w === size.w && h === size.h && dpr === size.dpr) return;
      size = { w, h, dpr };
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    };
    const ro = new ResizeObserver(resize);
    ro.observe(canvas);
    resize();

    /** an edge's curve from React Flow's node geometry (the side middles, as tokens and bands use) */
    const curveFor = (fs: ReturnType<typeof flow.getState>, id: string): Bezier | undefined => {
      const e = indexed?.index.byId.get(id);
      if (!e) return undefined;
      const a = fs.nodeLookup.get(e.source);
      const t = fs.nodeLookup.get(e.target);
      if (!a || !t) return undefined;
      const from: Pt = { x: a.internals.positionAbsolute.x + (a.measured.width ?? a.width ?? 0), y: a.internals.positionAbsolute.y + (a.measured.height ?? a.height ?? 0) / 2 };
      const to: Pt = { x: t.internals.positionAbsolute.x, y: t.internals.positionAbsolute.y + (t.measured.height ?? t.height ?? 0) / 2 };
      return edgeBezier(from, to);
    };

    const draw = (now: number) => {
      frame = requestAnimationFrame(draw);
      const fs = flow.getState();
      const rs = runs.state.getState();
      const [tx, ty, zoom] = fs.transform;
      const all = edgesRef.current;
      if (indexed?.of !== all) indexed = { of: all, index: indexEdges(all) };
      const index = indexed.index;
      const flowMode = zoom < FLOW_ZOOM;
      const transformKey = `${tx}|${ty}|${zoom}`;
      if (transformKey !== lastTransform) lastMove = now;
      lastTransform = transformKey;
      // zoomed out, while the view moves (and shortly after) the bands are not redrawn: the
      // picture drawn at rest is moved and scaled with a CSS transform (no raster per frame;
      // stroking hundreds of thick curves each frame of a pan was what made zoomed-out slow in
      // software rendering). At rest it is redrawn, with its pulse, at ≤ 30 fps.
      if (flowMode && now - lastMove < SETTLE_MS && drawnAt !== undefined) {
        for (const ev of runs.drainEvents()) {
          const edge = edgeForEvent(ev, index);
          if (edge) edgeColor.set(edge.id, eventColor(ev.type));
        }
        if (drawnAt === null) return; // cleared until the view rests
        const k = zoom / drawnAt.zoom;
        // the stand-in picture of a far graph is kept further (the cards would otherwise come back mid-gesture)
        const stretch = farMoving ? MAX_FAR_STRETCH : MAX_STRETCH;
        if (k > stretch || k < 1 / stretch) {
          // a picture scaled far up is a huge layer for the compositor: cleared instead (and React
          // Flow's cards shown again)
          ctx.setTransform(1, 0, 0, 1, 0, 0);
          ctx.clearRect(0, 0, canvas.width, canvas.height);
          canvas.style.transform = '';
          drawnAt = null;
          endFarMove();
          return;
        }
        if (zoom < FAR_ZOOM && fs.nodeLookup.size > FAR_MIN_NODES) beginFarMove(fs, rs, drawnAt);
        const css = `matrix(${k}, 0, 0, ${k}, ${tx - k * drawnAt.tx}, ${ty - k * drawnAt.ty})`;
        if (canvas.style.transform !== css) canvas.style.transform = css;
        return;
      }
      // at rest: React Flow's cards and edges again, the picture back to the bands alone
      if (farMoving) {
        endFarMove();
        lastDraw = 0;
      }
      if (flowMode && now - lastDraw < 32) return;
      lastDraw = now;
      drawnAt = flowMode ? { tx, ty, zoom } : undefined;
      if (canvas.style.transform !== '') canvas.style.transform = '';
      const curves = new Map<string, Bezier>();
      const curveOf = (id: string): Bezier | undefined => {
        const cached = curves.get(id);
        if (cached) return cached;
        const b = curveFor(fs, id);
        if (b) curves.set(id, b);
        return b;
      };

      // new sampled events become tokens (bounded: the oldest go first)
      for (const ev of runs.drainEvents()) {
        const edge = edgeForEvent(ev, index);
        if (!edge) continue;
        const color = eventColor(ev.type);
        edgeColor.set(edge.id, color);
        if (!flowMode) tokens.push({ edge: edge.id, color, born: now });
      }
      tokens = flowMode ? [] : tokens.filter((t) => now - t.born < TOKEN_MS);
      if (tokens.length > MAX_TOKENS) tokens = tokens.slice(tokens.length - MAX_TOKENS);
      // the part of the flow plane in view, for culling
      const view = { x0: -tx / zoom, y0: -ty / zoom, x1: (size.w - tx) / zoom, y1: (size.h - ty) / zoom };

      ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
      ctx.clearRect(0, 0, size.w, size.h);
      ctx.setTransform(size.dpr * zoom, 0, 0, size.dpr * zoom, size.dpr * tx, size.dpr * ty);

      // the selected trace: its hops lit
      if (rs.trace) {
        ctx.lineWidth = 5;
        ctx.strokeStyle = 'rgba(250, 204, 21, 0.55)';
        for (const ev of rs.trace.events) {
          const edge = edgeForEvent({ ...ev, status: ev.status === 'emitted' ? 'published' : ev.status }, index);
          const b = edge && curveOf(edge.id);
          if (!b) continue;
          ctx.beginPath();
          ctx.moveTo(b.p0.x, b.p0.y);
          ctx.bezierCurveTo(b.c1.x, b.c1.y, b.c2.x, b.c2.y, b.p3.x, b.p3.y);
          ctx.stroke();
        }
      }

      // zoomed out: one band per busy edge, batched by colour and width, a pulse along it
      let bands = 0;
      if (flowMode && rs.edges.size > 0) {
        const batches = new Map<string, { color: string; px: number; path: Path2D }>();
        for (const [id, m] of rs.edges) {
          const px = flowBucket(flowWidthPx(m.ratePerSec));
          if (px === 0) continue;
          const edge = index.byId.get(id) ?? index.byPair.get(`${m.source}\u0000${m.target}`);
          const b = edge && curveOf(edge.id);
          if (!edge || !b || !curveInRect(b, view, 12 / zoom)) continue;
          const color = edgeColor.get(edge.id) ?? FLOW_FALLBACK_COLOR;
          const key = `${color}|${px}`;
          let batch = batches.get(key);
          if (!batch) batches.set(key, (batch = { color, px, path: new Path2D() }));
          batch.path.moveTo(b.p0.x, b.p0.y);
          batch.path.bezierCurveTo(b.c1.x, b.c1.y, b.c2.x, b.c2.y, b.p3.x, b.p3.y);
          bands++;
        }
        ctx.lineCap = 'round';
        const offset = -((now / 1000) * PULSE_SPEED) / zoom;
        for (const b of batches.values()) {
          ctx.strokeStyle = b.color;
          ctx.lineWidth = b.px / zoom;
          ctx.globalAlpha = 0.35;
          ctx.setLineDash([]);
          ctx.stroke(b.path);
          ctx.globalAlpha = 0.95;
          ctx.setLineDash([PULSE_DASH / zoom, PULSE_GAP / zoom]);
          ctx.lineDashOffset = offset;
          ctx.stroke(b.path);
        }
        ctx.globalAlpha = 1;
        ctx.setLineDash([]);
      }
      // what the layer shows, for tests and tools (written only when it changes)
      const mode = rs.edges.size === 0 && tokens.length === 0 ? 'idle' : flowMode ? 'flow' : 'tokens';
      if (mode !== shownMode || bands !== shownBands) {
        shownMode = mode;
        shownBands = bands;
        canvas.dataset.mode = mode;
        canvas.dataset.bands = String(bands);
      }

      // a lesson spotlight dims an edge: its tokens and rate fade with it
      const faded = (id: string | undefined): boolean => id !== undefined && index.byId.get(id)?.className === SPOT_DIM;

      // tokens
      const r = Math.max(3, 4.5 / Math.sqrt(zoom));
      for (const t of tokens) {
        const b = curveOf(t.edge);
        if (!b) continue;
        const p = pointAt(b, (now - t.born) / TOKEN_MS);
        ctx.globalAlpha = faded(t.edge) ? 0.2 : 1;
        ctx.beginPath();
        ctx.fillStyle = t.color;
        ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
        ctx.fill();
      }

      // per-edge rates, where they can be read
      const fontSize = Math.max(9, 11 / Math.sqrt(zoom));
      if (rs.edges.size > 0 && fontSize * zoom >= MIN_LABEL_PX) {
        ctx.font = `600 ${fontSize}px system-ui, sans-serif`;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        // a label per screen cell at most (where hundreds of edges cross, the first wins): a
        // label is drawn only where it can be read, and the frame's cost stays bounded
        const taken = new Set<number>();
        const font = `${fontSize}`;
        if (font !== labelFont || labelWidths.size > 4096) {
          labelFont = font;
          labelWidths.clear();
        }
        for (const [id, m] of rs.edges) {
          const pairId = index.byPair.get(`${m.source}\u0000${m.target}`)?.id;
          const b = curveOf(id) ?? curveOf(pairId ?? '');
          if (!b) continue;
          ctx.globalAlpha = faded(index.byId.has(id) ? id : pairId) ? 0.25 : 1;
          const p = pointAt(b, 0.5);
          const sx = p.x * zoom + tx;
          const sy = (p.y + 15.5) * zoom + ty;
          if (sx < -40 || sy < -20 || sx > size.w + 40 || sy > size.h + 20) continue;
          const cell = Math.floor(sx / LABEL_CELL_W) * 4096 + Math.floor(sy / LABEL_CELL_H);
          if (taken.has(cell)) continue;
          taken.add(cell);
          const label = `${count(Math.round(m.ratePerSec * 10) / 10)}/s`;
          let w = labelWidths.get(label);
          if (w === undefined) labelWidths.set(label, (w = ctx.measureText(label).width + 8));
          ctx.fillStyle = 'rgba(15, 23, 42, 0.78)';
          ctx.fillRect(p.x - w / 2, p.y + 8, w, 15);
          ctx.fillStyle = '#f8fafc';
          ctx.fillText(label, p.x, p.y + 15.5);
        }
      }
      ctx.globalAlpha = 1;
    };
    frame = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      endFarMove();
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      canvas.style.transform = '';
      canvas.dataset.mode = 'idle';
      canvas.dataset.bands = '0';
    };
  }, [services, flow, shown]);

  if (!services) return null;
  return <canvas ref={ref} className="run-overlay" aria-hidden="true" data-testid="run-overlay" />;
}
