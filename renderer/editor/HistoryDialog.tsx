import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { formatShortcut, toPlatform } from '../../shared/commands';
import { errorMessage } from '../app/errors';
import type { FlowEdge, FlowNode } from '../canvas/flow-types';
import { Dialog } from '../shell/Dialog';
import { relativeTime } from '../shell/time';
import { useDocument } from '../store/react';
import { useEditor, useUi } from './editor-context';
import { historyPanel } from './history-state';
import type { VersionSummary } from './restore-version';
import { restoreVersion, versionTime } from './restore-version';

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; versions: VersionSummary[] };

const platform = toPlatform(typeof navigator === 'undefined' ? 'linux' : navigator.platform || navigator.userAgent);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function delta(n: number, now: number, noun: string): string | undefined {
  const d = n - now;
  if (d === 0) return undefined;
  return `${d > 0 ? '+' : '−'}${plural(Math.abs(d), noun)}`;
}

/**
 * Version History: the project's earlier explicitly saved versions, newest first, each with its
 * time, size and how it differs in size from the canvas now. Restore asks first (inline), keeps
 * the current canvas as a version (the backend does) and is one undoable step on the canvas.
 */
export function HistoryDialog() {
  const editor = useEditor();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const close = useCallback(() => historyPanel(editor).getState().set(false), [editor]);
  const nodeCount = useDocument((s) => s.topology.nodes.length);
  const edgeCount = useDocument((s) => s.topology.edges.length);
  const name = useDocument((s) => s.topology.name);
  const saveStatus = useUi((s) => s.saveStatus);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [confirming, setConfirming] = useState<number>();
  const [busy, setBusy] = useState<number>();
  const [rowError, setRowError] = useState<{ versionId: number; message: string }>();

  useEffect(() => {
    let live = true;
    editor.api.call('projects.versions', { id: editor.projectId }).then(
      (versions) => live && setLoad({ status: 'ready', versions }),
      (e: unknown) => live && setLoad({ status: 'error', message: errorMessage(e) }),
    );
    return () => { live = false; };
  }, [editor, attempt]);

  const restore = async (v: VersionSummary) => {
    setBusy(v.versionId);
    setRowError(undefined);
    const r = await restoreVersion(editor, v);
    setBusy(undefined);
    if (!r.ok) {
      setRowError({ versionId: v.versionId, message: r.message });
      return;
    }
    close();
    editor.ui.getState().set({
      banner: {
        tone: 'info',
        title: `Restored the version saved ${versionTime(v)}`,
        lines: [`The canvas you replaced is kept in Version History; Undo (${formatShortcut('CmdOrCtrl+Z', platform)}) brings it back too.`],
      },
    });
    requestAnimationFrame(() => { void flow.fitView({ padding: 0.15, duration: 200, maxZoom: 1.1 }); });
  };

  const unsaved = saveStatus === 'unsaved' || saveStatus === 'saving';
  return createPortal(
    // editor shortcuts (Delete, Ctrl+Z…) must not reach the canvas behind the modal; Escape closes it
    <div className="ef-history-scope" onKeyDown={(e) => { if (e.key !== 'Escape') e.stopPropagation(); }}>
      <Dialog title="Version history" wide onClose={close} footer={<button type="button" className="btn" onClick={close}>Close</button>}>
        <div className="ef-history" data-testid="history-panel">
          <div className="ef-history__current">
            <strong>Now</strong>
            <span className="ef-history__counts">{plural(nodeCount, 'node')} · {plural(edgeCount, 'connection')}</span>
            <span className="ef-muted">— {unsaved ? 'your unsaved changes are saved first and kept as a version if you restore' : 'kept as a version if you restore'}</span>
          </div>
          {load.status === 'loading' && <p role="status" className="ef-muted">Loading versions…</p>}
          {load.status === 'error' && (
            <div className="ef-history__error" role="alert">
              <span>Could not load the version history: {load.message}</span>
              <button type="button" className="btn" onClick={() => { setLoad({ status: 'loading' }); setAttempt((n) => n + 1); }}>Try again</button>
            </div>
          )}
          {load.status === 'ready' && load.versions.length === 0 && (
            <p className="ef-muted" data-testid="history-empty">
              No earlier versions yet. Each Save ({formatShortcut('CmdOrCtrl+S', platform)}) keeps the state before it here; autosave only updates the current one.
            </p>
          )}
          {load.status === 'ready' && load.versions.length > 0 && (
            <ol className="ef-history__list" aria-label="Saved versions, newest first">
              {load.versions.map((v) => {
                const changes = [delta(v.nodeCount, nodeCount, 'node'), delta(v.edgeCount, edgeCount, 'connection')].filter(Boolean);
                const asking = confirming === v.versionId;
                const working = busy === v.versionId;
                return (
                  <li key={v.versionId} className={`ef-version${asking ? ' is-confirming' : ''}`} data-testid="version-row" data-version-id={v.versionId} data-nodes={v.nodeCount} data-edges={v.edgeCount}>
                    <div className="ef-version__main">
                      <div className="ef-version__time">
                        <time dateTime={v.savedAt}>{versionTime(v)}</time>
                        <span className="ef-muted"> · {relativeTime(v.savedAt)}</span>
                      </div>
                      <div className="ef-version__summary">
                        {v.name !== name && <span className="ef-version__name">“{v.name}” · </span>}
                        {plural(v.nodeCount, 'node')} · {plural(v.edgeCount, 'connection')}
                        <span className="ef-version__delta">{changes.length ? ` (${changes.join(', ')} vs now)` : ' (same size as now)'}</span>
                      </div>
                    </div>
                    {!asking && (
                      <button type="button" className="btn" disabled={busy !== undefined} onClick={() => { setConfirming(v.versionId); setRowError(undefined); }}
                        aria-label={`Restore the version saved ${versionTime(v)}`}>Restore…</button>
                    )}
                    {asking && (
                      <div className="ef-version__confirm" role="group" aria-label="Confirm restore">
                        <span>Replace the canvas with this version? The current one is kept as a version.</span>
                        <button type="button" className="btn" disabled={working} onClick={() => setConfirming(undefined)}>Cancel</button>
                        <button type="button" className="btn btn-primary" disabled={working} autoFocus onClick={() => void restore(v)}>
                          {working ? 'Restoring…' : 'Restore'}
                        </button>
                      </div>
                    )}
                    {rowError?.versionId === v.versionId && <div className="ef-version__error" role="alert">{rowError.message}</div>}
                  </li>
                );
              })}
            </ol>
          )}
        </div>
      </Dialog>
    </div>,
    document.body,
  );
}
