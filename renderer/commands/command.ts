import type { ReactFlowInstance } from '@xyflow/react';
import type { CommandId } from '../../shared/commands';
import type { FlowEdge, FlowNode } from '../canvas/flow-types';
import type { EditorServices } from '../editor/editor-context';

/** What a command may use: the open editor and the canvas viewport. */
export interface CommandContext {
  editor: EditorServices;
  flow: ReactFlowInstance<FlowNode, FlowEdge>;
  /** flow position the command refers to (context menu "Add node here", "Paste") */
  at?: { x: number; y: number };
}

/**
 * The renderer half of a command (Excalidraw-style, one file each): id, label and shortcut are
 * declared once in shared/commands; here live enabled-when and perform. Commands that exist only
 * in the editor (snap toggle, quick-add) declare their own label.
 */
export interface EditorCommand {
  id: CommandId | `editor.${string}`;
  /** label for editor-only commands; registry commands take theirs from shared/commands */
  label?: string;
  enabled(ctx: CommandContext): boolean;
  perform(ctx: CommandContext): void | Promise<void>;
}

export const hasNodeSelection = (ctx: CommandContext): boolean => ctx.editor.doc.getState().selection.nodes.size > 0;
export const hasSelection = (ctx: CommandContext): boolean => {
  const s = ctx.editor.doc.getState().selection;
  return s.nodes.size + s.edges.size > 0;
};
export const selectedNodeIds = (ctx: CommandContext): string[] => [...ctx.editor.doc.getState().selection.nodes];
export const always = (): boolean => true;
