import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { eventColor } from '../../canvas/event-colors';
import { count } from '../format';
import { useRuns, useRunsServices } from '../react';
import { edgeBezier, edgeForEvent, indexEdges, pointAt } from './geometry';
import type { Bezier, EdgeEnds, Pt } from './geometry';

const TOKEN_MS = 900; // wall time a token takes along an edge
const MAX_TOKENS = 400;

interface Token {
  edge: string;
  color: string;
  born: number;
}

/**
 * The live layer over the React Flow canvas: tokens moving along edges (sampled events,
 * coloured by event type), a rate label per edge, and the selected causal trace's edges lit.
 * One <canvas> redrawn in a requestAnimationFrame loop that reads React Flow's and the runs
 * store's state directly: no React render per event or per frame, so panning and panels stay
 * responsive during a max-speed run. Mount it as a child of <ReactFlow>.
 */
export function RunOverlay() {
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
    let size = { w: 0, h: 0, dpr: 1 };
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

    const draw = (now: number) => {
      frame = requestAnimationFrame(draw);
      const fs = flow.getState();
      const rs = runs.state.getState();
      const [tx, ty, zoom] = fs.transform;
      const edges: EdgeEnds[] = fs.edges;
      const index = indexEdges(edges);
      const curves = new Map<string, Bezier>();
      const curveOf = (id: string): Bezier | undefined => {
        const cached = curves.get(id);
        if (cached) return cached;
        const e = index.byId.get(id);
        if (!e) return undefined;
        const s = fs.nodeLookup.get(e.source);
        const t = fs.nodeLookup.get(e.target);
        if (!s || !t) return undefined;
        const sw = s.measured.width ?? s.width ?? 0;
        const sh = s.measured.height ?? s.height ?? 0;
        const th = t.measured.height ?? t.height ?? 0;
        const from: Pt = { x: s.internals.positionAbsolute.x + sw, y: s.internals.positionAbsolute.y + sh / 2 };
        const to: Pt = { x: t.internals.positionAbsolute.x, y: t.internals.positionAbsolute.y + th / 2 };
        const b = edgeBezier(from, to);
        curves.set(id, b);
        return b;
      };

      // new sampled events become tokens (bounded: the oldest go first)
      for (const ev of runs.drainEvents()) {
        const edge = edgeForEvent(ev, index);
        if (edge) tokens.push({ edge: edge.id, color: eventColor(ev.type), born: now });
      }
      tokens = tokens.filter((t) => now - t.born < TOKEN_MS);
      if (tokens.length > MAX_TOKENS) tokens = tokens.slice(tokens.length - MAX_TOKENS);

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

      // tokens
      const r = Math.max(3, 4.5 / Math.sqrt(zoom));
      for (const t of tokens) {
        const b = curveOf(t.edge);
        if (!b) continue;
        const p = pointAt(b, (now - t.born) / TOKEN_MS);
        ctx.beginPath();
        ctx.fillStyle = t.color;
        ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
        ctx.fill();
      }

      // per-edge rates
      if (rs.edges.size > 0) {
        ctx.font = `600 ${Math.max(9, 11 / Math.sqrt(zoom))}px system-ui, sans-serif`;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        for (const [id, m] of rs.edges) {
          const b = curveOf(id) ?? curveOf(index.byPair.get(`${m.source}\u0000${m.target}`)?.id ?? '');
          if (!b) continue;
          const p = pointAt(b, 0.5);
          const label = `${count(Math.round(m.ratePerSec * 10) / 10)}/s`;
          const w = ctx.measureText(label).width + 8;
          ctx.fillStyle = 'rgba(15, 23, 42, 0.78)';
          ctx.fillRect(p.x - w / 2, p.y + 8, w, 15);
          ctx.fillStyle = '#f8fafc';
          ctx.fillText(label, p.x, p.y + 15.5);
        }
      }
    };
    frame = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      ctx.clearRect(0, 0, canvas.width, canvas.height);
    };
  }, [services, flow, shown]);

  if (!services) return null;
  return <canvas ref={ref} className="run-overlay" aria-hidden="true" data-testid="run-overlay" />;
}
