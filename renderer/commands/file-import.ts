import { importFile, pickImportFile } from '../export';
import type { EditorCommand } from './command';
import { always } from './command';

/**
 * File > Import… (menu, palette, toolbar): an AsyncAPI document or an .eventflow.json replaces the
 * canvas as one undoable step; problems are listed with their place and the project is untouched.
 * The same path as dropping a file on the canvas.
 */
export const importCommand: EditorCommand = {
  id: 'file.import',
  enabled: always,
  perform: (ctx) => new Promise<void>((resolve) => {
    pickImportFile((file) => {
      const fit = () => requestAnimationFrame(() => { void ctx.flow.fitView({ padding: 0.15, duration: 200, maxZoom: 1.1 }); });
      void importFile(ctx.editor, file, fit).finally(resolve);
    }, resolve);
  }),
};
