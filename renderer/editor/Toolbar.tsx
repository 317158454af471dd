import { useReactFlow } from '@xyflow/react';
import type { ReactNode } from 'react';
import { formatShortcut, getCommand, toPlatform } from '../../shared/commands';
import type { FlowEdge, FlowNode } from '../canvas/flow-types';
import type { CanvasIconName } from '../canvas/icons';
import { CanvasIcon } from '../canvas/icons';
import type { CommandContext } from '../commands/command';
import { EDITOR_COMMANDS } from '../commands/index';
import { runCommand } from '../commands/keyboard';
import { useDocument } from '../store/react';
import { useEditor, useUi } from './editor-context';
import { HistoryDialog } from './HistoryDialog';
import { useHistoryPanelOpen } from './history-state';
import { ExportButton } from '../export/ExportButton';
import { LiveButton } from '../live/LiveButton';
import { SaveIndicator } from './SaveIndicator';
import { TransientNotice } from './TransientNotice';

const platform = toPlatform(typeof navigator === 'undefined' ? 'linux' : navigator.platform || navigator.userAgent);

/** Top toolbar: history, arrange, view, file; buttons run registry commands. */
export function Toolbar() {
  const editor = useEditor();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  // re-render when what decides enabled-ness changes
  useDocument((s) => s.history);
  useDocument((s) => s.selection);
  useDocument((s) => s.topology.nodes.length);
  const snap = useUi((s) => s.snapToGrid);
  const historyOpen = useHistoryPanelOpen(editor);
  const ctx: CommandContext = { editor, flow };

  const btn = (id: string, icon: CanvasIconName, extra?: { pressed?: boolean; label?: string }) => {
    const cmd = EDITOR_COMMANDS.get(id);
    const decl = getCommand(id);
    const label = extra?.label ?? decl?.label ?? cmd?.label ?? id;
    const key = decl?.shortcut ? formatShortcut(decl.shortcut, platform) : '';
    return (
      <button type="button" className={`ef-tool${extra?.pressed ? ' is-pressed' : ''}`} aria-label={label} title={key ? `${label} (${key})` : label}
        aria-pressed={extra?.pressed} disabled={!cmd?.enabled(ctx)} onClick={() => runCommand(ctx, id)} data-command={id}>
        <CanvasIcon name={icon} size={16} />
      </button>
    );
  };
  const group = (children: ReactNode) => <div className="ef-toolbar__group">{children}</div>;

  return (
    <div className="ef-toolbar" role="toolbar" aria-label="Editor">
      {group(<>{btn('edit.undo', 'undo')}{btn('edit.redo', 'redo')}</>)}
      {group(<>{btn('arrange.alignLeft', 'alignLeft')}{btn('arrange.alignTop', 'alignTop')}{btn('arrange.distributeH', 'distributeH')}{btn('arrange.group', 'group', { label: 'Group Selection' })}</>)}
      {group(<>{btn('arrange.autoLayout', 'layout')}{btn('view.fitView', 'fit')}{btn('editor.toggleSnap', 'grid', { pressed: snap })}</>)}
      {group(<>{btn('edit.find', 'search')}{btn('file.import', 'upload', { label: 'Import AsyncAPI or .eventflow.json…' })}{btn('file.saveAs', 'download', { label: 'Download .eventflow.json' })}
        <button type="button" className={`ef-tool${historyOpen ? ' is-pressed' : ''}`} aria-label="Version History…" title="Version History… (earlier saves; restore one)"
          onClick={() => runCommand(ctx, 'file.history')} data-command="file.history">
          <HistoryIcon />
        </button></>)}
      <ExportButton />
      <LiveButton />
      <div className="ef-toolbar__spacer" />
      <TransientNotice />
      <SaveIndicator />
      {historyOpen && <HistoryDialog />}
      <button type="button" className="ef-btn ef-btn--primary" onClick={() => runCommand(ctx, 'file.save')} title={`Save (${formatShortcut('CmdOrCtrl+S', platform)})`} data-command="file.save">
        <CanvasIcon name="save" size={14} /> Save
      </button>
    </div>
  );
}

/** A clock with a back arrow (the canvas icon set has none). */
function HistoryIcon() {
  return (
    <svg width={16} height={16} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.4} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9M2.5 2.5v2.6h2.6M8 5v3.2l2.2 1.4" />
    </svg>
  );
}
