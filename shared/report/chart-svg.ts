/** A small inline SVG line chart for self-contained reports (no scripts, no external files). */

export interface ChartLine {
  name: string;
  /** a non-finite value (NaN) is a gap in the line: no data for that point */
  values: readonly number[];
  color: string;
}

export interface ChartOptions {
  title: string;
  /** simulated ms of each point */
  x: readonly number[];
  lines: readonly ChartLine[];
  /** shaded windows (e.g. faults), simulated ms */
  bands?: readonly { fromMs: number; toMs: number; label: string }[];
  width?: number;
  height?: number;
  /** 'ms': values are durations, the y axis reads 850 ms / 4.2 s / 21.6 min */
  unit?: 'ms';
  /** said in the plot when there is no line to draw (default "no data") */
  empty?: string;
  /** text, axis and band colours for a light or a dark page (default light) */
  theme?: 'light' | 'dark';
}

/** Chart ink per page theme: title, legend, quiet text, axes, fault bands. */
export const CHART_THEME = {
  light: { title: '#111111', legend: '#333333', quiet: '#555555', empty: '#666666', axis: '#999999', band: '#fecaca' },
  dark: { title: '#e4e7ec', legend: '#c9ced8', quiet: '#9aa3b2', empty: '#9aa3b2', axis: '#5b6372', band: '#7f1d1d' },
} as const;

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const fmt = (v: number): string => (Math.abs(v) >= 1000 ? `${Math.round(v / 100) / 10}k` : String(Math.round(v * 100) / 100));

/** A duration in the unit a reader expects: 86 ms, 4.2 s, 21.6 min, 3.1 h (not 1,293,844 ms). */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const a = Math.abs(ms);
  if (a < 1000) return `${Math.round(ms)} ms`;
  if (a < 60_000) return `${Math.round(ms / 100) / 10} s`;
  if (a < 3_600_000) return `${Math.round(ms / 6_000) / 10} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}

/** Simulated time as h:mm:ss (the app's run clock). */
export function simClock(ms: number): string {
  const t = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}

/** rough width of a label at font-size 11 (no text metrics in a pure string builder) */
const labelWidth = (s: string): number => s.length * 6.4;

/** Downsample to at most `max` points (min/max preserving would be nicer; stride keeps it simple). */
function stride(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = n / max;
  const out: number[] = [];
  for (let i = 0; i < max; i++) out.push(Math.floor(i * step));
  out.push(n - 1);
  return out;
}

export function lineChartSvg(o: ChartOptions): string {
  const W = o.width ?? 640;
  const H = o.height ?? 220;
  const L = 56;
  const R = 12;
  const B = 28;
  const xs = o.x;
  // legend: swatch + name, left to right under the title, wrapping; the plot starts below it
  const legend: { x: number; y: number; line: ChartLine }[] = [];
  let lx = L;
  let ly = 34;
  for (const line of o.lines) {
    const w = 14 + labelWidth(line.name) + 14;
    if (lx > L && lx + w > W - R) {
      lx = L;
      ly += 15;
    }
    legend.push({ x: lx, y: ly, line });
    lx += w;
  }
  const T = o.lines.length > 0 ? ly + 12 : 28;
  const yText = (v: number): string => (o.unit === 'ms' ? duration(v) : fmt(v));
  const ink = CHART_THEME[o.theme ?? 'light'];
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(o.title)}">`];
  parts.push(`<text x="${L}" y="16" font-size="13" font-weight="600" fill="${ink.title}">${escapeXml(o.title)}</text>`);
  for (const g of legend) {
    parts.push(`<rect x="${g.x}" y="${g.y - 5}" width="10" height="3" rx="1" fill="${escapeXml(g.line.color)}"/><text x="${g.x + 14}" y="${g.y}" font-size="11" fill="${ink.legend}">${escapeXml(g.line.name)}</text>`);
  }
  if (xs.length === 0 || o.lines.length === 0) {
    parts.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" font-size="12" fill="${ink.empty}">${escapeXml(xs.length === 0 ? 'no data' : (o.empty ?? 'no data'))}</text></svg>`);
    return parts.join('');
  }
  const x0 = xs[0]!;
  const x1 = Math.max(xs[xs.length - 1]!, x0 + 1);
  let ymax = 0;
  for (const l of o.lines) for (const v of l.values) if (Number.isFinite(v) && v > ymax) ymax = v;
  if (ymax === 0) ymax = 1;
  const px = (t: number): number => L + ((t - x0) / (x1 - x0)) * (W - L - R);
  const py = (v: number): number => T + (1 - v / ymax) * (H - T - B);
  for (const b of o.bands ?? []) {
    const a = Math.max(px(b.fromMs), L);
    const e = Math.min(px(b.toMs), W - R);
    if (e > a) parts.push(`<rect x="${a.toFixed(1)}" y="${T}" width="${(e - a).toFixed(1)}" height="${H - T - B}" fill="${ink.band}" opacity="0.5"><title>${escapeXml(b.label)}</title></rect>`);
  }
  parts.push(`<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="${ink.axis}"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="${ink.axis}"/>`);
  for (const f of [0, 0.5, 1]) {
    const y = py(ymax * f);
    parts.push(`<text x="${L - 6}" y="${(y + 4).toFixed(1)}" font-size="10" text-anchor="end" fill="${ink.quiet}">${yText(ymax * f)}</text>`);
  }
  // x axis in simulated time (h:mm:ss), start / middle / end
  parts.push(`<text x="${L}" y="${H - 8}" font-size="10" fill="${ink.quiet}">${simClock(x0)}</text>`);
  parts.push(`<text x="${((L + W - R) / 2).toFixed(1)}" y="${H - 8}" font-size="10" text-anchor="middle" fill="${ink.quiet}">${simClock((x0 + x1) / 2)}</text>`);
  parts.push(`<text x="${W - R}" y="${H - 8}" font-size="10" text-anchor="end" fill="${ink.quiet}">${simClock(x1)}</text>`);
  const idx = stride(xs.length, 600);
  for (const l of o.lines) {
    let d = '';
    let pen = 'M';
    for (const i of idx) {
      const v = l.values[i] ?? 0;
      if (!Number.isFinite(v)) {
        pen = 'M';
        continue;
      }
      d += `${pen}${px(xs[i]!).toFixed(1)},${py(v).toFixed(1)}`;
      pen = 'L';
    }
    if (d !== '') parts.push(`<path d="${d}" fill="none" stroke="${escapeXml(l.color)}" stroke-width="1.5"/>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
