import type { EditorCommand } from './command';
import { alignCommands } from './arrange-align';
import { autoLayoutCommand } from './arrange-auto-layout';
import { groupCommand, ungroupCommand } from './arrange-group';
import { copyCommand } from './edit-copy';
import { cutCommand } from './edit-cut';
import { deleteCommand } from './edit-delete';
import { duplicateCommand } from './edit-duplicate';
import { findCommand } from './edit-find';
import { pasteCommand } from './edit-paste';
import { redoCommand } from './edit-redo';
import { selectAllCommand } from './edit-select-all';
import { undoCommand } from './edit-undo';
import { quickAddCommand } from './editor-quick-add';
import { toggleSnapCommand } from './editor-snap';
import { exportCommand } from './file-export';
import { historyCommand } from './file-history';
import { importCommand } from './file-import';
import { saveAsCommand } from './file-save-as';
import { saveCommand } from './file-save';
import { fitViewCommand } from './view-fit';
import { toggleMinimapCommand } from './view-minimap';
import { focusModeCommand } from './view-focus';
import { runCommands } from './run-control';
import { zoomInCommand, zoomOutCommand, zoomResetCommand } from './view-zoom';

export type { CommandContext, EditorCommand } from './command';

/** Every command the editor performs, by id (declarations: shared/commands). */
export const EDITOR_COMMANDS: ReadonlyMap<string, EditorCommand> = new Map([
  undoCommand, redoCommand, cutCommand, copyCommand, pasteCommand, duplicateCommand, deleteCommand, selectAllCommand, findCommand,
  zoomInCommand, zoomOutCommand, zoomResetCommand, fitViewCommand, toggleMinimapCommand, focusModeCommand,
  autoLayoutCommand, ...alignCommands, groupCommand, ungroupCommand,
  saveCommand, saveAsCommand, importCommand, exportCommand, historyCommand, ...runCommands,
  toggleSnapCommand, quickAddCommand,
].map((c) => [c.id, c]));
