import { useState } from 'react';
import type { RunMeta } from '../../shared/api/runs';
import { useApi } from '../api/react';
import { isFinished } from '../runs/runs-api';

/**
 * Twin on a live run: the same topology and scenario (with the faults as they happened)
 * simulated as a stored run, then the run compare of the two opens (live = A, twin = B).
 * In History (a row), the run toolbar (the open live run once it ended) and the replay bar.
 */
export function TwinButton({ run, onCompare, testId = 'history-twin' }: {
  run: Pick<RunMeta, 'id' | 'live' | 'status'>;
  onCompare: (live: number, twin: number) => void;
  testId?: string;
}) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!run.live || !isFinished(run.status) || run.status === 'failed') return null;
  const twin = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('live.twin', { runId: run.id });
      onCompare(r.liveRunId, r.twinRunId);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn live-twin" onClick={() => void twin()} disabled={busy} data-testid={testId}
        title="Simulate the same scenario (faults included) and compare it with this live run">
        {busy ? 'Simulating…' : '⇄ Twin'}
      </button>
      {error && <span className="run-error" role="alert">{error}</span>}
    </>
  );
}

/** The LIVE tag of a stored run in History: it ran on this broker (address without credentials). */
export function LiveRunTag({ run }: { run: RunMeta }) {
  if (!run.live) return null;
  return (
    <span className="live-tag" data-testid="history-live" title={`Ran live on ${run.live.product} ${run.live.version} at ${run.live.address} (prefix ${run.live.prefix})`}>
      <span className="live-pill">LIVE</span>
      <span className="live-tag__addr">{run.live.address}</span>
    </span>
  );
}
