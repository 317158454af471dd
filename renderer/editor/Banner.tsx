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
        {banner.lines.length > 0 && <ul>{banner.lines.map((l, i) => <li key={i}><code>{l}</code></li>)}</ul>}
      </div>
      <button type="button" className="ef-icon-btn" aria-label="Dismiss" onClick={() => ui.getState().set({ banner: undefined })}>×</button>
    </div>
  );
}
