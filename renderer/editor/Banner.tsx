import type { RoundtripView } from '../store/ui-store';
import { useEditor, useUi } from './editor-context';

/** File and clipboard messages over the canvas: where and why, dismissable. */
export function Banner() {
  const { ui } = useEditor();
  const banner = useUi((s) => s.banner);
  if (!banner) return null;
  return (
    <div className={`ef-banner ef-banner--${banner.tone}`} role={banner.tone === 'error' ? 'alert' : 'status'} data-testid="editor-banner">
      <div className="ef-banner__text">
        <strong>{banner.title}</strong>
        {banner.roundtrip && <RoundtripSection view={banner.roundtrip} />}
        {banner.lines.length > 0 && <ul>{banner.lines.map((l, i) => <li key={i}><code>{l}</code></li>)}</ul>}
      </div>
      <button type="button" className="ef-icon-btn" aria-label="Dismiss" onClick={() => ui.getState().set({ banner: undefined })}>×</button>
    </div>
  );
}

/** Under an AsyncAPI import: does an export give the document back? "Everything kept", or every difference with its JSON pointer. */
function RoundtripSection({ view }: { view: RoundtripView }) {
  if (view.state === 'checking') return <div className="ef-roundtrip" data-testid="import-roundtrip" data-state="checking">Round trip: checking that an export gives the document back…</div>;
  const tone = view.state === 'done' ? (view.everythingKept ? 'ok' : 'diff') : 'failed';
  return (
    <div className={`ef-roundtrip ef-roundtrip--${tone}`} data-testid="import-roundtrip" data-state={tone}>
      <div><strong>Round trip:</strong> {view.summary}</div>
      {view.lines.length > 0 && (
        <ul className="ef-roundtrip__list">
          {view.lines.map((l, i) => <li key={i} className={l.endsWith('UNEXPLAINED') ? 'ef-roundtrip__loss' : undefined}><code>{l}</code></li>)}
          {view.state === 'done' && view.more > 0 && <li>… and {view.more} more (eventflow roundtrip lists them all)</li>}
        </ul>
      )}
    </div>
  );
}
