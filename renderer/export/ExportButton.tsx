import { useState } from 'react';
import { useEditor } from '../editor/editor-context';
import { useDocument } from '../store/react';
import { ExportDialog } from './ExportDialog';

/** Toolbar button opening File > Export for the open editor's topology and selection. */
export function ExportButton() {
  const editor = useEditor();
  const [open, setOpen] = useState(false);
  const selection = useDocument((s) => s.selection);
  return (
    <>
      <button type="button" className="ef-btn" onClick={() => setOpen(true)} data-testid="open-export" title="Export (AsyncAPI, Mermaid, SVG/PNG, Kafka, docker-compose)">
        Export…
      </button>
      {open && <ExportDialog topology={editor.doc.getState().topology} selection={[...selection.nodes]} onClose={() => setOpen(false)} />}
    </>
  );
}
