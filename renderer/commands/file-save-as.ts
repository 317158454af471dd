import type { Topology } from '../../shared/model';
import type { EditorCommand } from './command';
import { always } from './command';

export function topologyFileName(t: Topology): string {
  const base = t.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'topology';
  return `${base}.eventflow.json`;
}

/** In the browser: download the topology as an .eventflow.json file (Blob + <a download>). */
export function downloadTopology(t: Topology): void {
  const blob = new Blob([`${JSON.stringify(t, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = topologyFileName(t);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const saveAsCommand: EditorCommand = {
  id: 'file.saveAs',
  enabled: always,
  perform: (ctx) => downloadTopology(ctx.editor.doc.getState().topology),
};
