/**
 * SVG picture of a topology as a pure string: rounded boxes coloured by kind with a small icon,
 * groups as labelled frames, edges as curves with arrowheads and event-type labels. Light or dark
 * theme, whole diagram or a selection. Every text goes through `xmlText`, so names carrying
 * HTML/script stay text. The renderer rasterises this SVG to PNG (1x/2x) on a canvas.
 */
import type { NodeKind, TopologyNode } from '../model/nodes';
import type { Topology } from '../model/topology';

export interface SvgOptions {
  theme?: 'light' | 'dark';
  /** only these node ids (and the edges between them); groups of selected nodes are kept */
  selection?: readonly string[];
  /** extra margin around the drawing, px */
  padding?: number;
}

export const SVG_NODE = { width: 200, height: 64 } as const;

export function xmlText(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex -- characters XML 1.0 forbids
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

type Drawn = Exclude<NodeKind, 'group'>;
const KIND_COLOR: Record<Drawn, string> = {
  producer: '#2563eb', topic: '#d97706', queue: '#ea580c', bus: '#c026d3', service: '#16a34a', operator: '#0284c7', sink: '#475569',
};
/** 16×16 icon paths (stroke only), drawn at the box's left */
const ICON: Record<Drawn, string> = {
  producer: 'M2 8h9M8 4l4 4-4 4M14 2v12',
  topic: 'M2 4h12M2 8h12M2 12h12',
  queue: 'M2 3h3v10H2zM7 3h3v10H7zM12 3h2v10h-2z',
  bus: 'M2 8h12M8 2v12M4 4l8 8M12 4l-8 8',
  service: 'M3 3h10v10H3zM6 6h4v4H6z',
  operator: 'M2 3h12L9 9v5l-2-1V9z',
  sink: 'M2 4h12v8H2zM2 4l6 5 6-5',
};
const KIND_LABEL: Record<Drawn, string> = {
  producer: 'producer', topic: 'topic', queue: 'queue', bus: 'event bus', service: 'service', operator: 'operator', sink: 'external system',
};

const THEME = {
  light: { bg: '#ffffff', box: '#ffffff', text: '#0f172a', muted: '#64748b', edge: '#64748b', group: '#f8fafc', label: '#ffffff' },
  dark: { bg: '#0f172a', box: '#1e293b', text: '#e2e8f0', muted: '#94a3b8', edge: '#94a3b8', group: '#111c33', label: '#0f172a' },
} as const;

function absolutePositions(nodes: readonly TopologyNode[]): Map<string, { x: number; y: number }> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    out.set(n.id, parent ? { x: parent.position.x + n.position.x, y: parent.position.y + n.position.y } : { ...n.position });
  }
  return out;
}

function ellipsis(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

function num(v: number): string {
  return String(Math.round(v * 10) / 10);
}

export function topologySvg(t: Topology, options: SvgOptions = {}): string {
  const theme = THEME[options.theme ?? 'light'];
  const pad = options.padding ?? 24;
  const only = options.selection ? new Set(options.selection) : undefined;
  const pos = absolutePositions(t.nodes);
  const boxes = t.nodes.filter((n): n is Exclude<TopologyNode, { kind: 'group' }> => n.kind !== 'group' && (!only || only.has(n.id)));
  const keptIds = new Set(boxes.map((n) => n.id));
  const groups = t.nodes.filter((n) => n.kind === 'group' && (!only || only.has(n.id) || boxes.some((b) => b.parentId === n.id)));
  const edges = t.edges.filter((e) => keptIds.has(e.source) && keptIds.has(e.target));

  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const grow = (x: number, y: number, w: number, h: number): void => {
    minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x + w); maxY = Math.max(maxY, y + h);
  };
  for (const g of groups) if (g.kind === 'group') grow(pos.get(g.id)!.x, pos.get(g.id)!.y, g.settings.width, g.settings.height);
  for (const n of boxes) grow(pos.get(n.id)!.x, pos.get(n.id)!.y, SVG_NODE.width, SVG_NODE.height);
  if (!Number.isFinite(minX)) { minX = 0; minY = 0; maxX = 200; maxY = 80; }
  const ox = pad - minX;
  const oy = pad - minY;
  const width = Math.ceil(maxX - minX + 2 * pad);
  const height = Math.ceil(maxY - minY + 2 * pad);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Inter, Segoe UI, Helvetica, Arial, sans-serif" role="img" aria-label="${xmlText(t.name)}">`);
  out.push(`<title>${xmlText(t.name)}</title>`);
  out.push(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${theme.edge}"/></marker></defs>`);
  out.push(`<rect width="100%" height="100%" fill="${theme.bg}"/>`);
  for (const g of groups) {
    if (g.kind !== 'group') continue;
    const p = pos.get(g.id)!;
    out.push(`<g class="group" data-id="${xmlText(g.id)}"><rect x="${num(p.x + ox)}" y="${num(p.y + oy)}" width="${g.settings.width}" height="${g.settings.height}" rx="14" fill="${theme.group}" stroke="${g.settings.color}" stroke-dasharray="6 4" stroke-width="1.5"/>`
      + `<text x="${num(p.x + ox + 12)}" y="${num(p.y + oy + 20)}" font-size="13" font-weight="600" fill="${g.settings.color}">${xmlText(ellipsis(g.name, 60))}</text></g>`);
  }
  for (const e of edges) {
    const s = pos.get(e.source)!;
    const d = pos.get(e.target)!;
    const x1 = s.x + ox + SVG_NODE.width, y1 = s.y + oy + SVG_NODE.height / 2;
    const x2 = d.x + ox, y2 = d.y + oy + SVG_NODE.height / 2;
    const bend = Math.max(40, Math.abs(x2 - x1) / 2);
    const dash = e.kind === 'call' ? ' stroke-dasharray="5 4"' : '';
    const widthPx = e.kind === 'route' ? 2.5 : 1.5;
    out.push(`<g class="edge" data-id="${xmlText(e.id)}"><path d="M${num(x1)} ${num(y1)} C${num(x1 + bend)} ${num(y1)} ${num(x2 - bend)} ${num(y2)} ${num(x2)} ${num(y2)}" fill="none" stroke="${theme.edge}" stroke-width="${widthPx}"${dash} marker-end="url(#arrow)"/>`);
    const text = e.label ?? (e.kind === 'call' ? 'call' : e.eventTypes.join(', '));
    if (text) {
      const label = ellipsis(text, 48);
      const mx = (x1 + x2) / 2, my = (y1 + y2) / 2;
      const w = label.length * 6.2 + 10;
      out.push(`<rect x="${num(mx - w / 2)}" y="${num(my - 9)}" width="${num(w)}" height="16" rx="4" fill="${theme.label}" opacity="0.9"/><text x="${num(mx)}" y="${num(my + 3)}" font-size="10.5" text-anchor="middle" fill="${theme.muted}">${xmlText(label)}</text>`);
    }
    out.push('</g>');
  }
  for (const n of boxes) {
    const p = pos.get(n.id)!;
    const x = p.x + ox, y = p.y + oy;
    const color = KIND_COLOR[n.kind];
    out.push(`<g class="node node-${n.kind}" data-id="${xmlText(n.id)}">`
      + `<rect x="${num(x)}" y="${num(y)}" width="${SVG_NODE.width}" height="${SVG_NODE.height}" rx="10" fill="${theme.box}" stroke="${color}" stroke-width="2"/>`
      + `<rect x="${num(x)}" y="${num(y)}" width="6" height="${SVG_NODE.height}" rx="3" fill="${color}"/>`
      + `<g transform="translate(${num(x + 16)} ${num(y + 24)})"><path d="${ICON[n.kind]}" fill="none" stroke="${color}" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round"/></g>`
      + `<text x="${num(x + 42)}" y="${num(y + 28)}" font-size="14" font-weight="600" fill="${theme.text}">${xmlText(ellipsis(n.name, 22))}</text>`
      + `<text x="${num(x + 42)}" y="${num(y + 46)}" font-size="11" fill="${theme.muted}">${xmlText(subtitle(n))}</text></g>`);
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function subtitle(n: Exclude<TopologyNode, { kind: 'group' }>): string {
  switch (n.kind) {
    case 'topic': return `${n.settings.technology} topic · ${n.settings.partitions} partitions`;
    case 'queue': return `${n.settings.technology} queue${n.settings.fifo ? ' (FIFO)' : ''}`;
    case 'bus': return `${n.settings.technology} event bus`;
    case 'service': return `service · ${n.settings.instances}×${n.settings.concurrency}`;
    case 'operator': return `operator · ${n.settings.op}`;
    default: return KIND_LABEL[n.kind];
  }
}
