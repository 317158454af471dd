import type { EditorCommand } from './command';
import { always } from './command';

export const saveCommand: EditorCommand = {
  id: 'file.save',
  enabled: always,
  perform: (ctx) => ctx.editor.save('explicit'),
};
