import { useEffect, useState } from 'react';
import type { LiveTwinRow } from '../../shared/api/live';
import type { RunMeta } from '../../shared/api/runs';
import { useApi } from '../api/react';

const f = (x: number): string => (Math.round(x * 10) / 10).toLocaleString('en-US');
const withUnit = (x: number, unit: LiveTwinRow['unit']): string => (unit === 'ms' ? `${f(x)} ms` : unit === 'EUR' ? `€${x.toLocaleString('en-US', { maximumFractionDigits: 2 })}` : f(x));

const rowClass = (r: LiveTwinRow): string | undefined => (r.finding !== '' ? 'is-bad' : r.note !== '' ? 'is-explained' : undefined);

/** the finding, else the explained difference (the "done" difference, with its reason), else "agree" */
function Verdict({ row }: { row: LiveTwinRow }) {
  if (row.finding !== '') return <td>{row.finding}</td>;
  if (row.note !== '') return <td className="live-twin__note" data-testid="twin-note" title={row.note}>{row.note}</td>;
  return <td>agree</td>;
}

/**
 * In Compare, when one run is live and the other simulated: simulated vs live per service
 * (p50 / p99 publish → ack, completions), per broker (peak backlog), per end-to-end flow and
 * for order fulfilment (unfulfilled, revenue at risk, p50/p99, beyond SLA), with the rows where
 * they differ beyond the tolerance flagged as findings (docs/live.md explains the known ones).
 */
export function TwinTable({ a, b }: { a: RunMeta; b: RunMeta }) {
  const api = useApi();
  const live = a.live ? a : b.live ? b : null;
  const sim = live === a ? b : a;
  const [rows, setRows] = useState<LiveTwinRow[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (live === null || sim.live) return;
    let on = true;
    api.call('live.twinRows', { live: live.id, sim: sim.id }).then((r) => on && setRows(r), (e: unknown) => on && setError(e instanceof Error ? e.message : String(e)));
    return () => { on = false; };
  }, [api, live, sim]);
  if (live === null || sim.live) return null;
  if (error) return <p className="run-error" role="alert">{error}</p>;
  if (!rows) return <p className="run-empty">Comparing with the broker…</p>;
  const findings = rows.filter((r) => r.finding !== '').length;
  const explained = rows.filter((r) => r.finding === '' && r.note !== '').length;
  const nodeRows = rows.filter((r) => r.kind !== 'kpi');
  const kpiRows = rows.filter((r) => r.kind === 'kpi');
  return (
    <section className="live-twin-table" aria-label="Simulated vs live" data-testid="twin-table">
      <h3>
        <span className="live-pill">LIVE</span> #{live.id} on {live.live?.address} vs simulated #{sim.id}:{' '}
        {findings === 0 ? 'they agree within the tolerance' : `${findings} finding${findings > 1 ? 's' : ''}`}
        {explained > 0 && <span className="live-twin__explained"> · {explained} explained by the drain</span>}
      </h3>
      <table className="run-table">
        <thead>
          <tr><th>node</th><th>p50 sim / live</th><th>p99 sim / live</th><th>done sim / live</th><th>peak backlog sim / live</th><th>finding</th></tr>
        </thead>
        <tbody>
          {nodeRows.map((r) => (
            <tr key={`${r.kind}:${r.node}`} data-node={r.node} data-kind={r.kind} className={rowClass(r)}>
              <td>{r.kind === 'flow' ? <><span className="live-twin__flow">flow</span>{r.node}</> : r.node}</td>
              <td>{r.kind === 'service' || r.kind === 'flow' ? `${f(r.simP50)} / ${f(r.liveP50)} ms` : '–'}</td>
              <td>{r.kind === 'service' || r.kind === 'flow' ? `${f(r.simP99)} / ${f(r.liveP99)} ms` : '–'}</td>
              <td>{f(r.simDone)} / {f(r.liveDone)}</td>
              <td>{r.kind === 'broker' ? `${f(r.simPeak)} / ${f(r.livePeak)}` : '–'}</td>
              <Verdict row={r} />
            </tr>
          ))}
        </tbody>
      </table>
      {kpiRows.length > 0 && (
        <table className="run-table live-twin-kpis" aria-label="Order fulfilment, simulated vs live" data-testid="twin-kpis">
          <thead>
            <tr><th>order fulfilment</th><th>simulated</th><th>live</th><th>finding</th></tr>
          </thead>
          <tbody>
            {kpiRows.map((r) => (
              <tr key={r.node} data-kpi={r.node} className={rowClass(r)}>
                <td>{r.node}</td>
                <td>{withUnit(r.simDone, r.unit)}</td>
                <td>{withUnit(r.liveDone, r.unit)}</td>
                <Verdict row={r} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="live-note">Live latency is publish → ack (wait in the broker included); the simulator's service latency is time in the service, its wait counted in the broker's depth. See docs/live.md.</p>
    </section>
  );
}
