import { useEffect } from 'react';
import { COMMANDS, commandForKey, toPlatform } from '../../shared/commands';
import { copySelection } from '../store/edits/clipboard';
import { layoutStore } from '../workspace/layout-store';
import { removeElements } from '../store/edits/remove';
import { setActiveEditorRunner } from './active-editor';
import type { CommandContext } from './command';
import { pasteText } from './edit-paste';
import { EDITOR_COMMANDS } from './index';

export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** Runs a command by id if it is enabled; true when it ran. */
export function runCommand(ctx: CommandContext, id: string): boolean {
  const cmd = EDITOR_COMMANDS.get(id);
  if (!cmd || !cmd.enabled(ctx)) return false;
  void Promise.resolve(cmd.perform(ctx)).catch((e: unknown) => ctx.editor.doc.getState().setNotice(`${id} failed: ${(e as Error).message}`));
  return true;
}

/**
 * One keyboard handler for the editor, bound from the command registry (matchShortcut via
 * commandForKey). Inside text fields the platform's own text editing wins. Cut/copy/paste arrive
 * as DOM clipboard events (keyboard and native menu alike) and use the real system clipboard.
 */
export function useEditorKeyboard(getCtx: () => CommandContext): void {
  useEffect(() => {
    const platform = toPlatform(navigator.platform || navigator.userAgent);
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const ctx = getCtx();
      const inText = isTextTarget(e.target);
      if (e.key === 'Escape') {
        const ui = ctx.editor.ui.getState();
        if (ui.quickAdd || ui.search || ui.contextMenu || ui.banner) ui.set({ quickAdd: undefined, search: false, contextMenu: undefined, banner: undefined });
        else if (layoutStore.getState().focus) layoutStore.getState().set({ focus: false });
        return;
      }
      if (!inText && e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        runCommand(ctx, 'editor.quickAdd');
        return;
      }
      const decl = commandForKey(e, platform, COMMANDS);
      if (!decl || !EDITOR_COMMANDS.has(decl.id)) return;
      const editing = 'textEditing' in decl ? decl.textEditing : undefined;
      if (inText && editing) return;
      if (editing === 'copy' || editing === 'cut' || editing === 'paste') return;
      e.preventDefault();
      runCommand(ctx, decl.id);
    };
    const onCopyOrCut = (e: ClipboardEvent) => {
      if (isTextTarget(document.activeElement) || !e.clipboardData) return;
      const ctx = getCtx();
      const s = ctx.editor.doc.getState();
      if (s.selection.nodes.size === 0) return;
      e.preventDefault();
      e.clipboardData.setData('text/plain', JSON.stringify(copySelection(s.topology, [...s.selection.nodes]), null, 2));
      if (e.type === 'cut') s.apply({ ...removeElements([...s.selection.nodes], []), label: 'Cut' });
      else s.setNotice(`Copied ${s.selection.nodes.size} node(s)`);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTextTarget(document.activeElement) || !e.clipboardData) return;
      e.preventDefault();
      pasteText(getCtx(), e.clipboardData.getData('text/plain'));
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopyOrCut);
    document.addEventListener('cut', onCopyOrCut);
    document.addEventListener('paste', onPaste);
    setActiveEditorRunner((id) => runCommand(getCtx(), id), (id) => EDITOR_COMMANDS.get(id)?.enabled(getCtx()));
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopyOrCut);
      document.removeEventListener('cut', onCopyOrCut);
      document.removeEventListener('paste', onPaste);
      setActiveEditorRunner(undefined);
    };
  }, [getCtx]);
}
