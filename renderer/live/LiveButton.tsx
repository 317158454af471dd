import { useState } from 'react';
import { useEditor } from '../editor/editor-context';
import { useRuns } from '../runs/react';
import { LiveDialog } from './LiveDialog';
import './live.css';

/** Toolbar button that opens the Live dialog for the open editor's topology; it shows LIVE while a live run goes. */
export function LiveButton() {
  const editor = useEditor();
  const [open, setOpen] = useState(false);
  // the top bar says so while a run goes on a real broker: nobody takes it for a simulation
  const going = useRuns((s) => (s.live !== undefined && s.mode === 'live' && s.phase === 'running' ? s.live : undefined));
  return (
    <>
      <button type="button" className="ef-btn" onClick={() => setOpen(true)} data-testid="open-live"
        title={going ? `A live run is going on ${going.product} ${going.version} at ${going.address}` : 'Live on a real RabbitMQ broker: check, plan, apply, run, tear down'}>
        {going && <span className="live-pill" data-testid="live-indicator">LIVE</span>}
        Live…
      </button>
      {open && <LiveDialog topology={editor.doc.getState().topology} onClose={() => setOpen(false)} />}
    </>
  );
}
