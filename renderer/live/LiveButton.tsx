import { useState } from 'react';
import { useEditor } from '../editor/editor-context';
import { LiveDialog } from './LiveDialog';
import './live.css';

/** Toolbar button that opens the Live dialog for the open editor's topology. */
export function LiveButton() {
  const editor = useEditor();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="ef-btn" onClick={() => setOpen(true)} data-testid="open-live" title="Live on a real RabbitMQ broker: check, plan, apply, tear down">
        Live…
      </button>
      {open && <LiveDialog topology={editor.doc.getState().topology} onClose={() => setOpen(false)} />}
    </>
  );
}
