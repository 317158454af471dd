import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { yTick } from './ticks';
import { useTheme } from '../workspace/theme-store';

export interface ChartSeries {
  label: string;
  color: string;
  /** dashed line (e.g. the other run in a comparison) */
  dash?: boolean;
  /** no line: a bound of a band (drawn as the band's fill) */
  hidden?: boolean;
  /** a dot at every point (a sweep's cells) */
  points?: boolean;
}

export interface TimeSeriesChartProps {
  title: string;
  /** y series (x is simulated seconds) */
  series: readonly ChartSeries[];
  /** [x, y1, y2, …] — read when `version` changes, at most once per animation frame */
  data: () => (number | null)[][];
  version: number;
  height?: number;
  unit?: string;
  testId?: string;
  /** a vertical line at this x (simulated seconds): the time a replay shows */
  markerSec?: number;
  /** x tick text (default: simulated clock m:ss) */
  xTick?: (x: number) => string;
  /** fill between two series (1-based indices into `series`, upper first): a spread band */
  band?: { upper: number; lower: number; fill: string };
  /** x ticks exactly at these values (a sweep's parameter values), else uPlot's */
  xSplits?: readonly number[];
  /** a circled point with a label (a sweep's knee) */
  mark?: { x: number; y: number; label: string };
}

const REDRAW_MS = 250;
/** uPlot's default 12px ticks crowd a 110 px chart */
const AXIS_FONT = '10.5px system-ui, sans-serif';

const clockTick = (sec: number): string => {
  const s = Math.max(0, Math.round(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}` : `${m}:${String(s % 60).padStart(2, '0')}`;
};


/**
 * A uPlot line chart that follows its container's width. Data updates go straight to uPlot
 * (setData) in an animation frame: React renders the chart once, not per snapshot.
 */
export function TimeSeriesChart({ title, series, data, version, height = 110, unit = '', testId, markerSec, xTick = clockTick, band, mark, xSplits }: TimeSeriesChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const dataRef = useRef(data);
  const markerRef = useRef(markerSec);
  useEffect(() => {
    dataRef.current = data;
  });
  // the marker moves without rebuilding the chart: store it, repaint
  useEffect(() => {
    markerRef.current = markerSec;
    plot.current?.redraw(false, false);
  }, [markerSec]);
  const xSplitsKey = (xSplits ?? []).join(',');
  const markRef = useRef(mark);
  useEffect(() => {
    markRef.current = mark;
    plot.current?.redraw(false, false);
  }, [mark]);
  const seriesKey = `${series.map((s) => `${s.label}:${s.color}:${s.dash ? 1 : 0}:${s.hidden ? 1 : 0}:${s.points ? 1 : 0}`).join('|')}|${band ? `${band.upper}-${band.lower}-${band.fill}` : ''}`;
  // uPlot paints axis text on a <canvas>, which does not understand var(--…): resolve the theme
  // colour here, and build the chart again when the theme switches light/dark
  const dark = useTheme((t) => t.resolved) === 'dark';

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axisText = getComputedStyle(el).getPropertyValue('--text-muted').trim() || (dark ? '#9aa3b2' : '#5e6977');
    const opts: uPlot.Options = {
      width: Math.max(120, el.clientWidth),
      height,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false } },
      axes: [
        { values: (_u, ticks) => ticks.map(xTick), ...(xSplitsKey !== '' ? { splits: () => xSplitsKey.split(',').map(Number) } : {}), stroke: axisText, font: AXIS_FONT, grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { stroke: 'rgba(128,128,128,0.2)' } },
        { values: (_u, ticks) => ticks.map((v) => yTick(v, unit)), stroke: axisText, font: AXIS_FONT, size: 60, grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { stroke: 'rgba(128,128,128,0.2)' } },
      ],
      series: [{}, ...series.map((s) => ({
        label: s.label, stroke: s.hidden ? 'transparent' : s.color, width: s.hidden ? 0 : 1.5, spanGaps: true,
        points: s.points ? { show: true, size: 6, fill: s.color } : { show: false }, ...(s.dash ? { dash: [5, 4] } : {}),
      }))],
      ...(band ? { bands: [{ series: [band.upper, band.lower] as [number, number], fill: band.fill }] } : {}),
      hooks: { draw: [(u) => drawMarker(u, markerRef.current, axisText), (u) => drawMark(u, markRef.current, axisText)] },
    };
    const u = new uPlot(opts, dataRef.current() as uPlot.AlignedData, el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(120, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // the series list is identified by seriesKey
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seriesKey, height, unit, dark, xTick, xSplitsKey]);

  // redraw at most every REDRAW_MS: a chart cannot be read faster, and four charts redrawn at
  // the snapshot rate (30/s) would take frames from the canvas during a max-speed run
  const lastDraw = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (timer.current !== undefined) return;
    const wait = Math.max(0, lastDraw.current + REDRAW_MS - performance.now());
    timer.current = setTimeout(() => {
      requestAnimationFrame(() => {
        timer.current = undefined;
        lastDraw.current = performance.now();
        plot.current?.setData(dataRef.current() as uPlot.AlignedData);
      });
    }, wait);
  }, [version]);
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <figure className="run-chart" data-testid={testId} data-version={version} data-marker={markerSec === undefined ? undefined : Math.round(markerSec)}>
      <figcaption>{title}</figcaption>
      <div ref={box} className="run-chart__plot" />
    </figure>
  );
}

function drawMarker(u: uPlot, sec: number | undefined, color: string): void {
  if (sec === undefined) return;
  const x = u.valToPos(sec, 'x', true);
  const { left, top, width, height } = u.bbox;
  if (!(x >= left && x <= left + width)) return;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = Math.max(1, devicePixelRatio);
  ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
  ctx.beginPath();
  ctx.moveTo(Math.round(x) + 0.5, top);
  ctx.lineTo(Math.round(x) + 0.5, top + height);
  ctx.stroke();
  ctx.restore();
}

function drawMark(u: uPlot, m: { x: number; y: number; label: string } | undefined, color: string): void {
  if (m === undefined) return;
  const x = u.valToPos(m.x, 'x', true);
  const y = u.valToPos(m.y, 'y', true);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return;
  const ctx = u.ctx;
  const r = devicePixelRatio;
  ctx.save();
  ctx.strokeStyle = '#dc2626';
  ctx.lineWidth = 2 * r;
  ctx.beginPath();
  ctx.arc(x, y, 7 * r, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.fillStyle = color;
  ctx.font = `${11 * r}px system-ui, sans-serif`;
  const right = x + 10 * r + ctx.measureText(m.label).width < u.bbox.left + u.bbox.width;
  ctx.textAlign = right ? 'left' : 'right';
  ctx.fillText(m.label, right ? x + 10 * r : x - 10 * r, Math.max(u.bbox.top + 12 * r, y - 10 * r));
  ctx.restore();
}

/**
 * Two series sets on different x grids merged onto the union of their x values (uPlot wants one
 * x array), with null where a side has no sample: how two runs are overlaid.
 */
export function alignSeries(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): (number | null)[][] {
  const xa = a[0] ?? [];
  const xb = b[0] ?? [];
  const xs = [...new Set([...xa, ...xb])].sort((p, q) => p - q);
  const pos = new Map(xs.map((x, i) => [x, i]));
  const out: (number | null)[][] = [xs];
  for (const [src, xsrc] of [[a, xa], [b, xb]] as const) {
    for (let k = 1; k < src.length; k++) {
      const col = new Array<number | null>(xs.length).fill(null);
      xsrc.forEach((x, i) => {
        col[pos.get(x) ?? 0] = src[k][i];
      });
      out.push(col);
    }
  }
  return out;
}
