/** A small inline SVG line chart for self-contained reports (no scripts, no external files). */

export interface ChartLine {
  name: string;
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
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const fmt = (v: number): string => (Math.abs(v) >= 1000 ? `${Math.round(v / 100) / 10}k` : String(Math.round(v * 100) / 100));

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
  const T = 28;
  const B = 28;
  const xs = o.x;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(o.title)}">`];
  parts.push(`<text x="${L}" y="16" font-size="13" font-weight="600" fill="#111">${escapeXml(o.title)}</text>`);
  if (xs.length === 0) {
    parts.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" font-size="12" fill="#666">no data</text></svg>`);
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
    if (e > a) parts.push(`<rect x="${a.toFixed(1)}" y="${T}" width="${(e - a).toFixed(1)}" height="${H - T - B}" fill="#fecaca" opacity="0.5"><title>${escapeXml(b.label)}</title></rect>`);
  }
  parts.push(`<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#999"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#999"/>`);
  for (const f of [0, 0.5, 1]) {
    const y = py(ymax * f);
    parts.push(`<text x="${L - 6}" y="${(y + 4).toFixed(1)}" font-size="10" text-anchor="end" fill="#555">${fmt(ymax * f)}</text>`);
  }
  parts.push(`<text x="${L}" y="${H - 8}" font-size="10" fill="#555">${fmt(x0 / 1000)} s</text><text x="${W - R}" y="${H - 8}" font-size="10" text-anchor="end" fill="#555">${fmt(x1 / 1000)} s</text>`);
  const idx = stride(xs.length, 600);
  o.lines.forEach((l, li) => {
    const d = idx.map((i, k) => `${k === 0 ? 'M' : 'L'}${px(xs[i]!).toFixed(1)},${py(l.values[i] ?? 0).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${escapeXml(l.color)}" stroke-width="1.5"/>`);
    parts.push(`<text x="${W - R - li * 110}" y="16" font-size="11" text-anchor="end" fill="${escapeXml(l.color)}">${escapeXml(l.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
