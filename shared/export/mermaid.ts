/**
 * Mermaid flowchart of a topology: groups as subgraphs, one shape per node kind, edges labelled
 * with their event types (publish/subscribe solid, routes thick, synchronous calls dotted).
 * Node ids are generated (n0, n1...) and every label goes through `mermaidText`, so a name like
 * `<script>` or `"]; click n0 call x()` stays text and cannot inject Mermaid syntax or HTML.
 */
import type { NodeKind } from '../model/nodes';
import type { Topology } from '../model/topology';

export interface MermaidOptions {
  direction?: 'LR' | 'TB';
  /** only these node ids (and edges between them) */
  selection?: readonly string[];
}

/** Label text safe inside `"..."`: anything but plain characters becomes a Mermaid entity code (#60; for <). */
export function mermaidText(s: string): string {
  let out = '';
  for (const ch of s.slice(0, 200)) out += /[A-Za-z0-9 _.,:()/+-]/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

const SHAPE: Record<Exclude<NodeKind, 'group'>, [string, string]> = {
  producer: ['([', '])'],
  topic: ['[[', ']]'],
  queue: ['[(', ')]'],
  bus: ['{{', '}}'],
  service: ['[', ']'],
  operator: ['>', ']'],
  sink: ['[/', '/]'],
};

const CLASS: Record<Exclude<NodeKind, 'group'>, string> = {
  producer: 'fill:#dbeafe,stroke:#2563eb,color:#1e3a8a',
  topic: 'fill:#fef3c7,stroke:#d97706,color:#78350f',
  queue: 'fill:#ffedd5,stroke:#ea580c,color:#7c2d12',
  bus: 'fill:#fae8ff,stroke:#c026d3,color:#701a75',
  service: 'fill:#dcfce7,stroke:#16a34a,color:#14532d',
  operator: 'fill:#e0f2fe,stroke:#0284c7,color:#0c4a6e',
  sink: 'fill:#f1f5f9,stroke:#475569,color:#0f172a',
};

export function topologyMermaid(t: Topology, options: MermaidOptions = {}): string {
  const only = options.selection ? new Set(options.selection) : undefined;
  const nodes = t.nodes.filter((n) => !only || only.has(n.id) || (n.kind === 'group' && t.nodes.some((c) => c.parentId === n.id && only.has(c.id))));
  const ref = new Map(nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = [`flowchart ${options.direction ?? 'LR'}`];
  const decl = (n: (typeof nodes)[number], indent: string): string => {
    if (n.kind === 'group') return '';
    const [open, close] = SHAPE[n.kind];
    return `${indent}${ref.get(n.id)}${open}"${mermaidText(n.name)}"${close}:::${n.kind}`;
  };
  for (const g of nodes.filter((n) => n.kind === 'group')) {
    lines.push(`  subgraph ${ref.get(g.id)}["${mermaidText(g.name)}"]`);
    for (const n of nodes) if (n.parentId === g.id) lines.push(decl(n, '    '));
    lines.push('  end');
  }
  for (const n of nodes) if (n.kind !== 'group' && !(n.parentId && ref.has(n.parentId))) lines.push(decl(n, '  '));
  for (const e of t.edges) {
    const s = ref.get(e.source);
    const d = ref.get(e.target);
    if (!s || !d) continue;
    const text = e.label ?? (e.kind === 'call' ? 'call' : e.eventTypes.join(', '));
    const arrow = e.kind === 'call' ? '-.->' : e.kind === 'route' ? '==>' : '-->';
    lines.push(text ? `  ${s} ${arrow}|"${mermaidText(text)}"| ${d}` : `  ${s} ${arrow} ${d}`);
  }
  for (const [kind, style] of Object.entries(CLASS)) lines.push(`  classDef ${kind} ${style}`);
  return lines.join('\n') + '\n';
}
