/**
 * A sweep's charts as standalone SVG (pure strings: the panel's SVG/PNG export, the HTML report,
 * the CLI's --report): for one parameter the metric's mean over seeds with its min–max band and
 * the knee circled; for two, the heatmap. Light colours: an export reads on paper and in a doc.
 */
import { escapeXml } from '../report/chart-svg';
import { heatColour, lowerIsBetter } from './heat-scale';
import { kneeIndex } from './knee';
import type { MetricStat } from './metrics';

export interface SvgAxis { path: string; values: readonly number[] }
export interface SvgCell { index: number; coords: readonly number[]; stats: Readonly<Record<string, MetricStat>> }

export const numText = (x: number): string => (!Number.isFinite(x) ? '—' : Number.isInteger(x) ? String(x) : Math.abs(x) >= 100 ? x.toFixed(0) : String(Number(x.toPrecision(3))));

/** The points of a one-parameter sweep that have the metric, in axis order, and the knee among them (all cells in). */
export function linePoints(axis: SvgAxis, cells: readonly SvgCell[], metric: string): { points: { x: number; s: MetricStat; index: number }[]; knee: number | undefined } {
  const by = new Map(cells.map((c) => [c.index, c]));
  const points = axis.values.flatMap((x, i) => {
    const s = by.get(i)?.stats[metric];
    return s === undefined ? [] : [{ x, s, index: i }];
  });
  const knee = points.length === axis.values.length ? kneeIndex(points.map((p) => p.x), points.map((p) => p.s.mean)) : undefined;
  return { points, knee };
}

export function sweepLineSvg(axis: SvgAxis, cells: readonly SvgCell[], metric: string, o: { width?: number; height?: number; title?: string } = {}): string {
  const W = o.width ?? 640;
  const H = o.height ?? 260;
  const L = 64;
  const R = 16;
  const T = 30;
  const B = 40;
  const title = o.title ?? `${metric} by ${axis.path} (mean, band: min–max over seeds)`;
  const { points, knee } = linePoints(axis, cells, metric);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, sans-serif">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`, `<text x="${L}" y="18" font-size="13" font-weight="600" fill="#111">${escapeXml(title)}</text>`];
  if (points.length === 0) {
    out.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" font-size="12" fill="#666">no cell has ${escapeXml(metric)} yet</text></svg>`);
    return out.join('');
  }
  const x0 = axis.values[0]!;
  const x1 = axis.values[axis.values.length - 1]!;
  let lo = Math.min(...points.map((p) => p.s.min));
  let hi = Math.max(...points.map((p) => p.s.max));
  if (hi === lo) {
    hi += Math.abs(hi) * 0.1 || 1;
    lo -= Math.abs(lo) * 0.1 || 0;
  }
  const px = (x: number): number => (x1 === x0 ? (L + W - R) / 2 : L + ((x - x0) / (x1 - x0)) * (W - L - R));
  const py = (y: number): number => T + (1 - (y - lo) / (hi - lo)) * (H - T - B);
  out.push(`<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#999"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#999"/>`);
  for (const f of [0, 0.5, 1]) {
    const v = lo + (hi - lo) * f;
    out.push(`<text x="${L - 6}" y="${(py(v) + 4).toFixed(1)}" font-size="10" text-anchor="end" fill="#555">${numText(v)}</text>`);
  }
  for (const x of axis.values) out.push(`<text x="${px(x).toFixed(1)}" y="${H - B + 14}" font-size="10" text-anchor="middle" fill="#555">${numText(x)}</text>`);
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 6}" font-size="11" text-anchor="middle" fill="#333">${escapeXml(axis.path)}</text>`);
  const band = [...points.map((p) => `${px(p.x).toFixed(1)},${py(p.s.max).toFixed(1)}`), ...[...points].reverse().map((p) => `${px(p.x).toFixed(1)},${py(p.s.min).toFixed(1)}`)].join(' ');
  out.push(`<polygon points="${band}" fill="#2563eb" fill-opacity="0.18" stroke="none"/>`);
  out.push(`<polyline points="${points.map((p) => `${px(p.x).toFixed(1)},${py(p.s.mean).toFixed(1)}`).join(' ')}" fill="none" stroke="#2563eb" stroke-width="2"/>`);
  for (const p of points) out.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.s.mean).toFixed(1)}" r="2.5" fill="#2563eb"><title>${escapeXml(`${axis.path} = ${numText(p.x)}: ${numText(p.s.mean)} ± ${numText(p.s.sd)} (min ${numText(p.s.min)}, max ${numText(p.s.max)})`)}</title></circle>`);
  if (knee !== undefined) {
    const k = points[knee]!;
    out.push(`<circle cx="${px(k.x).toFixed(1)}" cy="${py(k.s.mean).toFixed(1)}" r="7" fill="none" stroke="#dc2626" stroke-width="2"/>`);
    out.push(`<text x="${(px(k.x) + 10).toFixed(1)}" y="${(py(k.s.mean) - 10).toFixed(1)}" font-size="11" fill="#dc2626">knee: ${escapeXml(axis.path)} = ${numText(k.x)}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}

export function sweepHeatmapSvg(axes: readonly [SvgAxis, SvgAxis], cells: readonly SvgCell[], metric: string, o: { title?: string } = {}): string {
  const [rows, cols] = axes;
  const cw = 64;
  const ch = 28;
  const L = 90;
  const T = 52;
  const W = L + cols.values.length * cw + 16;
  const H = T + rows.values.length * ch + 34;
  const title = o.title ?? `${metric} by ${rows.path} (rows) and ${cols.path} (columns), mean over seeds`;
  const by = new Map(cells.map((c) => [c.index, c]));
  const xs = cells.map((c) => c.stats[metric]?.mean).filter((x): x is number => x !== undefined && Number.isFinite(x));
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const lower = lowerIsBetter(metric);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, sans-serif">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`, `<text x="8" y="18" font-size="13" font-weight="600" fill="#111">${escapeXml(title)}</text>`,
    `<text x="${L}" y="${T - 22}" font-size="11" fill="#333">${escapeXml(cols.path)} →</text>`, `<text x="8" y="${T - 6}" font-size="11" fill="#333">${escapeXml(rows.path)} ↓</text>`];
  cols.values.forEach((v, j) => out.push(`<text x="${L + j * cw + cw / 2}" y="${T - 6}" font-size="10" text-anchor="middle" fill="#555">${numText(v)}</text>`));
  rows.values.forEach((r, i) => {
    out.push(`<text x="${L - 8}" y="${T + i * ch + ch / 2 + 4}" font-size="10" text-anchor="end" fill="#555">${numText(r)}</text>`);
    cols.values.forEach((_, j) => {
      const s = by.get(i * cols.values.length + j)?.stats[metric];
      const x = L + j * cw;
      const y = T + i * ch;
      out.push(`<rect x="${x + 1}" y="${y + 1}" width="${cw - 2}" height="${ch - 2}" rx="2" fill="${s === undefined ? '#eee' : heatColour(s.mean, min, max, lower)}"/>`);
      out.push(`<text x="${x + cw / 2}" y="${y + ch / 2 + 4}" font-size="11" text-anchor="middle" fill="#111">${s === undefined ? '…' : numText(s.mean)}</text>`);
    });
  });
  out.push(`<text x="8" y="${H - 10}" font-size="10" fill="#555">${escapeXml(`green: better, red: worse (${lower ? 'lower' : 'higher'} is better); range ${numText(min)} … ${numText(max)}`)}</text>`);
  out.push('</svg>');
  return out.join('');
}

/** The chart that fits the sweep: the line for one parameter, the heatmap for two (a third axis is shown as its first value). */
export function sweepChartSvg(axes: readonly SvgAxis[], cells: readonly SvgCell[], metric: string): string {
  if (axes.length === 1) return sweepLineSvg(axes[0]!, cells, metric);
  return sweepHeatmapSvg([axes[0]!, axes[1]!], cells.filter((c) => c.coords.length === 2), metric);
}
