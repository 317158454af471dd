import { useState } from 'react';
import type { Topology } from '../../shared/model';
import { useApi } from '../api/react';
import { clock } from '../runs/format';
import { useRuns, useRunsServices } from '../runs/react';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * "Run live" in the Live dialog, once the plan is applied: the scenario's traffic for a
 * duration of real time on the broker, a progress line fed by the same stream as a simulated
 * run (the canvas shows its LIVE badges), and Stop. The run is stored like any run, marked live.
 */
export function LiveRunSection({ topology, prefix, brokerUrl }: { topology: Topology; prefix: string; brokerUrl: string }) {
  const api = useApi();
  const runs = useRunsServices();
  const [durationSec, setDurationSec] = useState(20);
  const [seed, setSeed] = useState(1);
  const [busy, setBusy] = useState<'start' | 'stop' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [startedId, setStartedId] = useState<number | null>(null);
  const followed = useRuns((s) => (s.live !== undefined && s.mode === 'live' ? s.runId : undefined));
  const phase = useRuns((s) => s.phase);
  const t = useRuns((s) => s.simTimeMs);
  const end = useRuns((s) => s.endMs);
  const orders = useRuns((s) => s.snapshot?.kpis.orders ?? 0);
  const waiting = useRuns((s) => (s.snapshot ? s.snapshot.nodes.reduce((n, x) => n + (x.kind === 'service' ? x.consumerLag : 0), 0) : 0));
  if (runs === null) return null;
  const runId = startedId ?? followed;
  const mine = runId !== undefined && runId !== null && followed === runId;
  const going = mine && (phase === 'running' || phase === 'starting');

  const start = async () => {
    setBusy('start');
    setError(null);
    try {
      const r = await api.call('live.start', { projectId: runs.projectId, topology, prefix, brokerUrl, durationSec, seed });
      setStartedId(r.runId);
      runs.control.attachLive(r.runId, durationSec * 1000, { ...r.broker, prefix });
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(null);
    }
  };
  const stop = async () => {
    if (runId === undefined || runId === null) return;
    setBusy('stop');
    setError(null);
    try {
      await api.call('live.stop', { runId });
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(null);
    }
  };
  const progress = end > 0 ? Math.min(1, t / end) : 0;

  return (
    <section className="live-run" aria-label="Live run" data-testid="live-run">
      <div className="live-form">
        <label className="live-field">
          <span>Duration (s of real time)</span>
          <input type="number" aria-label="Live run duration (s)" min={1} max={86400} value={durationSec} disabled={going}
            onChange={(e) => setDurationSec(Math.max(1, Math.min(86400, Math.round(Number(e.target.value) || 1))))} data-testid="live-duration" />
        </label>
        <label className="live-field">
          <span>Seed</span>
          <input type="number" aria-label="Live run seed" min={0} value={seed} disabled={going}
            onChange={(e) => setSeed(Math.max(0, Math.min(0xffffffff, Math.floor(Number(e.target.value) || 0))))} />
        </label>
        {going ? (
          <button type="button" className="btn btn-danger" onClick={() => void stop()} disabled={busy !== null} data-testid="live-run-stop">{busy === 'stop' ? 'Stopping… (queues drain)' : '■ Stop'}</button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={busy !== null} title="Publish the scenario's traffic on the broker in real time, with the topology's services as consumers" data-testid="live-run-start">
            {busy === 'start' ? 'Starting…' : '▶ Run live'}
          </button>
        )}
      </div>
      {error && <p className="field-error" role="alert" data-testid="live-run-error">{error}</p>}
      {mine && (
        <p className="live-progress" role="status" data-testid="live-progress" data-phase={phase}>
          <span className="live-pill">LIVE</span>
          Run #{runId} {phase === 'running' && t >= end ? 'draining the queues' : phase}: {clock(t)} / {clock(end)} · {orders} orders · {waiting} waiting in the broker
          <span className="live-progress__bar" aria-hidden="true"><span style={{ width: `${progress * 100}%` }} /></span>
        </p>
      )}
    </section>
  );
}
