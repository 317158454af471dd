import { useEffect, useState } from 'react';
import { useUi } from './editor-context';

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s ago`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min ago` : `${Math.round(m / 60)} h ago`;
}

/** "Saved · 2s ago" / "Saving…" / "Unsaved" / "Save failed", ticking once a second. */
export function SaveIndicator() {
  const status = useUi((s) => s.saveStatus);
  const savedAt = useUi((s) => s.savedAt);
  const error = useUi((s) => s.saveError);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const text = status === 'saving' ? 'Saving…' : status === 'unsaved' ? 'Unsaved' : status === 'error' ? 'Save failed' : savedAt ? `Saved · ${ago(now - savedAt)}` : 'Saved';
  return (
    <span className={`ef-save ef-save--${status}`} title={error ?? 'Autosaves a second after each edit; Save (Ctrl/Cmd+S) also keeps a version'} data-testid="save-state" data-status={status} role="status">
      <span className="ef-save__dot" aria-hidden="true" />
      {text}
    </span>
  );
}
