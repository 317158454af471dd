import { Icon } from './icons';

/** One dismissible error, floating over the content (api failures, refused input). */
export function ErrorBanner({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div className="banner" role="alert">
      <Icon name="alert" />
      <div className="banner-text">{message}</div>
      <button type="button" className="btn btn-ghost icon-btn" aria-label="Dismiss" onClick={onDismiss}>
        <Icon name="close" />
      </button>
    </div>
  );
}
