import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { Topology } from '../../shared/model';
import type { LiveApplyResult, LiveBrokerInfo, LivePlan, LiveSavedBroker, LiveTeardownResult } from '../../shared/api/live';
import { useApi } from '../api/react';
import { useRuns } from '../runs/react';
import { Dialog } from '../shell/Dialog';
import { liveSession } from './live-session';
import { LiveRunSection } from './LiveRunSection';

type BrokerInfo = z.infer<typeof LiveBrokerInfo>;
type ApplyResult = z.infer<typeof LiveApplyResult>;
type TeardownResult = z.infer<typeof LiveTeardownResult>;

/** A name prefix the broker objects get: ef-<project name>, cut to the api's rule. */
export function defaultPrefix(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 37);
  return `ef-${slug || 'topology'}`;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Live on a real broker (issue 17, docs/live.md): the broker URL (kept in this window's memory,
 * or remembered by the backend when asked: the OS keychain on the desktop; never in the topology
 * or the database), a connection check, the plan before anything changes, apply, a live run
 * (after apply) and teardown.
 */
export function LiveDialog({ topology, onClose }: { topology: Topology; onClose: () => void }) {
  const api = useApi();
  const [url, setUrl] = useState(liveSession.brokerUrl);
  const [prefix, setPrefix] = useState(liveSession.prefix || defaultPrefix(topology.name));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [broker, setBroker] = useState<BrokerInfo | null>(null);
  const [plan, setPlan] = useState<LivePlan | null>(null);
  const [applied, setApplied] = useState<ApplyResult | null>(null);
  const [removed, setRemoved] = useState<TeardownResult | null>(null);
  const liveGoing = useRuns((s) => s.live !== undefined && s.mode === 'live' && s.phase === 'running');
  // "Remember this broker": the backend keeps it (desktop: the OS keychain; web host: its memory)
  const [kept, setKept] = useState<LiveSavedBroker['kind'] | null>(null);
  const [rememberIt, setRememberIt] = useState(false);
  useEffect(() => {
    let on = true;
    api.call('live.savedBroker', {}).then((r) => {
      if (!on) return;
      setKept(r.kind);
      if (r.brokerUrl !== null) {
        setRememberIt(true);
        if (liveSession.brokerUrl === '') setUrl(r.brokerUrl);
      }
    }, (e: unknown) => on && setError(message(e)));
    return () => { on = false; };
  }, [api]);
  const toggleRemember = (on: boolean) => act('remember', async () => {
    setRememberIt(on);
    // forgetting is immediate; remembering happens with the next successful check
    if (!on) await api.call('live.rememberBroker', { brokerUrl: null });
    else if (broker !== null) await api.call('live.rememberBroker', { brokerUrl: url });
  });

  const remember = () => {
    liveSession.brokerUrl = url;
    liveSession.prefix = prefix;
  };
  const act = async (what: string, f: () => Promise<void>) => {
    remember();
    setBusy(what);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(null);
    }
  };
  const check = () => act('check', async () => {
    setBroker(null);
    setBroker(await api.call('live.check', { brokerUrl: url }));
    if (rememberIt) await api.call('live.rememberBroker', { brokerUrl: url });
  });
  const showPlan = () => act('plan', async () => {
    setPlan(await api.call('live.plan', { topology, prefix }));
  });
  const apply = () => act('apply', async () => {
    setRemoved(null);
    const r = await api.call('live.apply', { topology, prefix, brokerUrl: url });
    setApplied(r);
    setBroker(r.broker);
  });
  const teardown = () => act('teardown', async () => {
    const r = await api.call('live.teardown', { topology, prefix, brokerUrl: url });
    setRemoved(r);
    setApplied(null);
    setBroker(r.broker);
  });
  const urlOk = /^amqps?:\/\/.+/.test(url);

  return (
    <Dialog
      title="Live on a RabbitMQ broker"
      className="live-dialog"
      onClose={onClose}
      onSubmit={() => void check()}
      footer={
        <>
          <button type="button" className="btn" onClick={() => void showPlan()} disabled={busy !== null} data-testid="live-plan">Show plan</button>
          <button type="button" className="btn btn-primary" onClick={() => void apply()} disabled={busy !== null || !urlOk || plan === null} title={plan === null ? 'See the plan first' : 'Declare the plan on the broker (idempotent)'} data-testid="live-apply">Apply</button>
          <button type="button" className="btn btn-danger" onClick={() => void teardown()} disabled={busy !== null || !urlOk} title="Delete exactly the objects the plan names" data-testid="live-teardown">Tear down</button>
          <button type="button" className="btn btn-ghost" onClick={onClose}>Close</button>
        </>
      }
    >
      <div className="live-form">
        <label className="live-field live-form__url">
          <span>Broker URL</span>
          <input type="text" aria-label="Broker URL" placeholder="amqp://user:password@host:5672/vhost" value={url} spellCheck={false} autoComplete="off"
            onChange={(e) => { setUrl(e.target.value); setBroker(null); }} data-testid="live-url" />
        </label>
        <label className="live-field">
          <span>Name prefix</span>
          <input type="text" aria-label="Name prefix" value={prefix} onChange={(e) => { setPrefix(e.target.value); setPlan(null); }} data-testid="live-prefix" />
        </label>
        <button type="submit" className="btn" disabled={busy !== null || !urlOk} data-testid="live-check">{busy === 'check' ? 'Checking…' : 'Check connection'}</button>
      </div>
      <label className="run-field run-field--check live-remember">
        <input type="checkbox" checked={rememberIt} disabled={kept === null || busy !== null} onChange={(e) => void toggleRemember(e.target.checked)} data-testid="live-remember" />
        <span>{kept === 'keychain' ? 'Remember this broker on this computer (encrypted with the OS keychain)' : 'Remember this broker while this app host runs (its memory only)'}</span>
      </label>
      <p className="live-note" data-testid="live-note">
        {rememberIt
          ? kept === 'keychain'
            ? 'The URL and its credentials are kept encrypted by the OS keychain in the app\'s user data folder (remembered after a successful check), never in the topology file or the run database; each call opens and closes its own connection.'
            : 'The URL and its credentials are kept in the app host\'s memory until it stops (remembered after a successful check), never in the topology file or the run database; each call opens and closes its own connection.'
          : 'The URL and its credentials stay in this window\'s memory for this session only: they are never written to the topology file or the run database, and each call opens and closes its own connection.'}
      </p>
      {error && <p className="field-error" role="alert" data-testid="live-error">{error}</p>}
      {broker && !error && (
        <p className="live-ok" data-testid="live-broker">Connected to {broker.product} {broker.version} at {broker.address}</p>
      )}
      {busy && busy !== 'check' && <p className="live-note">{busy === 'plan' ? 'Planning…' : busy === 'apply' ? 'Applying…' : 'Tearing down…'}</p>}
      {/* apply's outcome and the live run come before the (long) plan, so they are seen without scrolling */}
      {applied && (
        <p className="live-ok" data-testid="live-applied">
          Applied on {applied.broker.address}: {applied.steps.filter((s) => s.action === 'create').length} created, {applied.steps.filter((s) => s.action === 'exists').length} already there.
        </p>
      )}
      {(applied || liveGoing) && <LiveRunSection topology={topology} prefix={prefix} brokerUrl={url} />}
      {plan && (
        <section className="live-plan" aria-label="Plan" data-testid="live-plan-view">
          <h3>Plan for prefix {plan.prefix} — {plan.objects.length} broker objects</h3>
          <pre>{plan.lines.join('\n')}</pre>
          {plan.unsupported.length > 0 && (
            <>
              <h3>Cannot be expressed on the broker</h3>
              <ul data-testid="live-unsupported">{plan.unsupported.map((u) => <li key={`${u.ref}:${u.what}`}><b>{u.ref}</b> {u.what}: {u.why}</li>)}</ul>
            </>
          )}
          {plan.inProcess.length > 0 && (
            <>
              <h3>Run in the consumers, not on the broker</h3>
              <ul>{plan.inProcess.map((u) => <li key={`${u.ref}:${u.what}`}><b>{u.ref}</b> {u.what}: {u.why}</li>)}</ul>
            </>
          )}
        </section>
      )}
      {removed && <p className="live-ok" data-testid="live-removed">Removed {removed.removed.length} objects from {removed.broker.address}.</p>}
    </Dialog>
  );
}
