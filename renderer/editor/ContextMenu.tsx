import { useReactFlow } from '@xyflow/react';
import { formatShortcut, getCommand, toPlatform } from '../../shared/commands';
import type { FlowEdge, FlowNode } from '../canvas/flow-types';
import type { CommandContext } from '../commands/command';
import { EDITOR_COMMANDS } from '../commands/index';
import { runCommand } from '../commands/keyboard';
import { useEditor, useUi } from './editor-context';

type Item = { id: string; label?: string; run?: () => void } | 'separator';

const NODE_ITEMS: Item[] = [
  { id: 'editor.inspect', label: 'Show in Inspector' }, 'separator',
  { id: 'edit.duplicate' }, { id: 'edit.copy' }, { id: 'edit.cut' }, 'separator',
  { id: 'arrange.group', label: 'Group Selection' }, { id: 'arrange.ungroup' }, { id: 'arrange.alignLeft' }, { id: 'arrange.alignTop' }, { id: 'arrange.distributeH' }, 'separator',
  { id: 'edit.delete' },
];
const PANE_ITEMS: Item[] = [
  { id: 'editor.quickAdd', label: 'Add Node Here…' }, { id: 'edit.paste', label: 'Paste Here' }, 'separator',
  { id: 'arrange.autoLayout' }, { id: 'view.fitView' }, { id: 'edit.selectAll' },
];
const EDGE_ITEMS: Item[] = [{ id: 'editor.inspect', label: 'Show in Inspector' }, 'separator', { id: 'edit.delete', label: 'Delete Connection' }];

/** Right-click menus for nodes, edges and the empty canvas; every item is a registry command. */
export function ContextMenu() {
  const editor = useEditor();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const menu = useUi((s) => s.contextMenu);
  if (!menu) return null;
  const platform = toPlatform(navigator.platform || navigator.userAgent);
  const ctx: CommandContext = { editor, flow, at: menu.flow };
  const items = menu.target.type === 'node' ? NODE_ITEMS : menu.target.type === 'edge' ? EDGE_ITEMS : PANE_ITEMS;
  const close = () => editor.ui.getState().set({ contextMenu: undefined });
  const left = Math.min(menu.screen.x, window.innerWidth - 240);
  const top = Math.min(menu.screen.y, window.innerHeight - 360);
  return (
    <>
      <div className="ef-menu-backdrop" onMouseDown={close} onContextMenu={(e) => { e.preventDefault(); close(); }} />
      <div className="ef-popover ef-menu" role="menu" style={{ left, top }} data-testid="context-menu">
        {items.map((item, i) => {
          if (item === 'separator') return <div key={i} className="ef-menu__sep" role="separator" />;
          const decl = getCommand(item.id);
          const label = item.label ?? decl?.label ?? EDITOR_COMMANDS.get(item.id)?.label ?? item.id;
          const isInspect = item.id === 'editor.inspect';
          const cmd = EDITOR_COMMANDS.get(item.id);
          const enabled = isInspect || (cmd?.enabled(ctx) ?? false);
          return (
            <button key={item.id} type="button" role="menuitem" className="ef-menu__item" disabled={!enabled} onClick={() => {
              close();
              if (isInspect) editor.ui.getState().set({ sideTab: 'inspector' });
              else runCommand(ctx, item.id);
            }}>
              <span>{label}</span>
              {decl?.shortcut && <span className="ef-menu__key">{formatShortcut(decl.shortcut, platform)}</span>}
            </button>
          );
        })}
      </div>
    </>
  );
}
