/**
 * Web mode: the host this page talked to has restarted with a new access token, so this page can
 * never reconnect (issue 16: it used to say "reconnecting…" forever). The new link is the one the
 * host printed when it started again.
 */
export function HostRestarted() {
  return (
    <div className="banner host-restarted" role="alert" data-testid="host-restarted" style={{ zIndex: 60 }}>
      <div className="banner-text">
        <strong>The host restarted: reload with the new link.</strong>
        <span> It printed a new address (ending in <code>?token=…</code>) when it started; this page's token is no longer valid. Your saved work is in the host's data folder.</span>
      </div>
    </div>
  );
}
