import { useEditor } from '../editor/editor-context';
import { useDocument } from '../store/react';
import { ExportDialog } from './ExportDialog';
import { exportDialogFlag } from './export-state';

/** Toolbar button and host of File › Export for the open editor's topology and selection. */
export function ExportButton() {
  const editor = useEditor();
  const open = exportDialogFlag.useOpen(editor);
  const selection = useDocument((s) => s.selection);
  const setOpen = (v: boolean) => exportDialogFlag.of(editor).getState().set(v);
  return (
    <>
      <button type="button" className="ef-btn" onClick={() => setOpen(true)} data-testid="open-export" title="Export (AsyncAPI, Mermaid, SVG/PNG, Kafka, docker-compose)">
        Export…
      </button>
      {open && <ExportDialog topology={editor.doc.getState().topology} selection={[...selection.nodes]} onClose={() => setOpen(false)} />}
    </>
  );
}
