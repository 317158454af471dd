import { useEffect, useState } from 'react';
import { useDocument } from '../store/react';

/** how long "Undid Move node" stays before it fades; refusals (they say why) stay twice as long */
const SHOW_MS = 3500;

/**
 * The toolbar's status line: each message shows, then fades out (CSS) and goes — like VS Code's
 * status bar messages — so an old "Undid Move node" does not read as the current state.
 */
export function TransientNotice() {
  const notice = useDocument((s) => s.notice);
  const revision = useDocument((s) => s.revision);
  // the message that has faded, with the edit it belonged to: a new one (or the same after another edit) shows again
  const key = `${revision}:${notice ?? ''}`;
  const [faded, setFaded] = useState<string | undefined>();
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setFaded(key), /refused/.test(notice) ? 2 * SHOW_MS : SHOW_MS);
    return () => clearTimeout(t);
  }, [notice, key]);
  if (!notice) return null;
  return (
    <span className={`ef-toolbar__notice${faded === key ? ' is-faded' : ''}`} role="status" data-testid="notice" data-faded={faded === key}>
      {notice}
    </span>
  );
}
