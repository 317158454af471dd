import { editorFlag } from '../store/editor-flag';

/** Whether File › Export is showing in an open editor (toolbar button, Ctrl/Cmd+E, menu, palette). */
export const exportDialogFlag = editorFlag();
