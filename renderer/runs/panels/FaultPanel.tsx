import { useState } from 'react';
import type { LiveFault } from '../../../shared/api/runs';
import type { Fault } from '../../../shared/runtime/api';
import { clock } from '../format';
import { useRuns, useRunsRequired } from '../react';

export interface FaultTarget {
  id: string;
  name: string;
  kind: string;
  /** services and sinks: the slots as designed, what scaling starts from */
  instances?: number;
  concurrency?: number;
}

type Kind = LiveFault['kind'];
const LABEL: Record<Kind, string> = { down: 'Take down', slowdown: 'Slow down', 'error-rate': 'Set error rate', burst: 'Traffic burst', poison: 'Poison messages', scale: 'Scale to' };
const KINDS_FOR: Record<string, Kind[]> = {
  service: ['down', 'slowdown', 'error-rate', 'scale'],
  sink: ['down', 'slowdown', 'error-rate', 'scale'],
  producer: ['burst', 'poison'],
};

/**
 * Faults for the selected node: take it down (until brought back), slow it ×N, change its error
 * rate, or burst a producer's traffic — now or from a simulated time, for a while or until ended,
 * optionally pausing the run as the fault begins (at 50× a 10-minute run is over in 12 s: a fault
 * set by hand would be a race). Before a run, the same form schedules faults for the next run.
 * Active ones are listed with their injection time and a button to end them.
 */
export function FaultPanel({ targets, selectedId }: { targets: readonly FaultTarget[]; selectedId: string | undefined }) {
  const { control, store: runsStore } = useRunsRequired();
  const store = () => runsStore.state.getState();
  const phase = useRuns((s) => s.phase);
  const mode = useRuns((s) => s.mode);
  const live = useRuns((s) => s.liveFaults);
  const eligible = targets.filter((t) => KINDS_FOR[t.kind]);
  const [picked, setPicked] = useState<string>();
  const nodeId = (picked && eligible.some((t) => t.id === picked) ? picked : undefined) ?? (selectedId && eligible.some((t) => t.id === selectedId) ? selectedId : eligible[0]?.id);
  const node = eligible.find((t) => t.id === nodeId);
  const kinds = node ? KINDS_FOR[node.kind] : [];
  const [factor, setFactor] = useState(5);
  const [pctValue, setPct] = useState(50);
  const [forSec, setForSec] = useState<number | ''>('');
  const [atSec, setAtSec] = useState<number | ''>('');
  const [pauseOnStart, setPauseOnStart] = useState(false);
  // live scaling: blank = the node's own setting
  const [instances, setInstances] = useState<number | ''>('');
  const [concurrency, setConcurrency] = useState<number | ''>('');
  const scaleTo = { instances: instances === '' ? node?.instances ?? 1 : instances, concurrency: concurrency === '' ? node?.concurrency ?? 1 : concurrency };
  const planned = useRuns((s) => s.plannedFaults);
  const replay = mode === 'replay';
  const running = mode === 'live' && (phase === 'running' || phase === 'paused');
  const nameOf = (id: string) => targets.find((t) => t.id === id)?.name ?? id;
  // a second "take down" of a node that is already down would stack a fault that does nothing
  const alreadyDown = live.some((f) => f.fault.kind === 'down' && f.fault.nodeId === nodeId);

  const inject = (kind: Kind) => {
    if (!nodeId) return;
    const base = { nodeId };
    let f: LiveFault;
    switch (kind) {
      case 'down': f = { kind, ...base }; break;
      case 'slowdown': f = { kind, ...base, factor: Math.max(1, factor) }; break;
      case 'error-rate': f = { kind, ...base, failurePct: pctValue }; break;
      case 'burst': f = { kind, ...base, factor: Math.max(0, factor) }; break;
      case 'poison': f = { kind, ...base, pct: pctValue }; break;
      case 'scale': f = { kind, ...base, ...scaleTo }; break;
    }
    if (!running) {
      // before a run: a scheduled window of the next run (until its end when no duration is given)
      const startSec = atSec === '' ? 0 : atSec;
      const endSec = forSec === '' ? 31_536_000 : startSec + forSec;
      const fault = { ...f, startSec, endSec } as Fault;
      runsStore.set({ plannedFaults: [...store().plannedFaults, { fault, pause: pauseOnStart }] });
      return;
    }
    const now = Math.floor(store().simTimeMs / 1000);
    const startSec = atSec === '' ? now : Math.max(now, atSec);
    if (forSec !== '' && forSec > 0) f = { ...f, startSec, endSec: startSec + forSec };
    else if (atSec !== '') f = { ...f, startSec };
    void control.injectFault(f, pauseOnStart);
  };
  const unplan = (i: number) => runsStore.set({ plannedFaults: store().plannedFaults.filter((_, k) => k !== i) });
  const windowText = (f: Fault) => `${clock(f.startSec * 1000)}${f.endSec >= 31_536_000 ? ' → end of run' : ` – ${clock(f.endSec * 1000)}`}`;
  return (
    <div className="run-faults" data-testid="run-faults">
      {!running && !replay && <p className="run-empty">Not running: what you add here is scheduled for the next run (▶ Run). During a run it is injected live.</p>}
      <div className="run-faults__form">
        <label className="run-field"><span>Node</span>
          <select className="run-faults__target" aria-label="Fault target" value={nodeId ?? ''} onChange={(e) => setPicked(e.target.value)} data-testid="fault-target">
            {eligible.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.kind})</option>)}
          </select>
        </label>
        <label className="run-field"><span>Factor ×</span>
          <input type="number" aria-label="Factor" min={1} max={1000} value={factor} onChange={(e) => setFactor(Number(e.target.value) || 1)} />
        </label>
        {node?.instances !== undefined && (
          <>
            <label className="run-field run-field--slots"><span>Instances</span>
              <input type="number" aria-label="Scale to instances" min={1} max={1000} placeholder={String(node.instances)} value={instances} onChange={(e) => setInstances(e.target.value === '' ? '' : Math.min(1000, Math.max(1, Math.round(Number(e.target.value)))))} data-testid="fault-instances" />
            </label>
            <label className="run-field run-field--slots"><span>Concurrency</span>
              <input type="number" aria-label="Scale to concurrency" min={1} max={10000} placeholder={String(node.concurrency)} value={concurrency} onChange={(e) => setConcurrency(e.target.value === '' ? '' : Math.min(10_000, Math.max(1, Math.round(Number(e.target.value)))))} data-testid="fault-concurrency" />
            </label>
          </>
        )}
        <label className="run-field"><span>Percent</span>
          <input type="number" aria-label="Percent" min={0} max={100} value={pctValue} onChange={(e) => setPct(Math.min(100, Math.max(0, Number(e.target.value) || 0)))} />
        </label>
        <label className="run-field run-field--for"><span>Starts at (sim s)</span>
          <input type="number" aria-label="Starts at (simulated seconds)" min={0} placeholder={running ? 'now' : '0'} value={atSec} onChange={(e) => setAtSec(e.target.value === '' ? '' : Math.max(0, Number(e.target.value)))} data-testid="fault-at" />
        </label>
        <label className="run-field run-field--for"><span>For (sim s)</span>
          <input type="number" aria-label="For (simulated seconds)" min={1} placeholder="until ended" value={forSec} onChange={(e) => setForSec(e.target.value === '' ? '' : Math.max(1, Number(e.target.value)))} data-testid="fault-for" />
        </label>
        <label className="run-field run-field--check">
          <input type="checkbox" checked={pauseOnStart} onChange={(e) => setPauseOnStart(e.target.checked)} data-testid="fault-pause" />
          <span>Pause when it starts</span>
        </label>
      </div>
      <div className="run-faults__actions">
        {kinds.map((k) => (
          <button key={k} type="button" className={`btn${k === 'down' ? ' btn-danger' : ''}`} disabled={replay || (running && k === 'down' && alreadyDown)} title={k === 'down' && alreadyDown ? `${node?.name ?? ''} is down: bring it back below` : undefined} onClick={() => inject(k)} data-testid={`fault-${k}`}>
            {LABEL[k]}{k === 'slowdown' || k === 'burst' ? ` ×${factor}` : k === 'error-rate' || k === 'poison' ? ` ${pctValue} %` : k === 'scale' ? ` ${scaleTo.instances} × ${scaleTo.concurrency}` : ''}
          </button>
        ))}
      </div>
      {planned.length > 0 && (
        <ul className="run-faults__active" aria-label="Scheduled faults" data-testid="planned-faults">
          {planned.map((p, i) => (
            <li key={`${p.fault.kind}:${p.fault.nodeId}:${p.fault.startSec}:${i}`} data-testid="planned-fault">
              <span className={`run-fault-chip run-fault-chip--${p.fault.kind}`}>{p.fault.kind}</span>
              <strong>{nameOf(p.fault.nodeId)}</strong> {windowText(p.fault)}{p.pause ? ' · pauses the run' : ''}
              <button type="button" className="btn btn-ghost" onClick={() => unplan(i)} disabled={running} aria-label={`Remove the scheduled ${p.fault.kind} of ${nameOf(p.fault.nodeId)}`}>Remove</button>
            </li>
          ))}
        </ul>
      )}
      {live.length > 0 && (
        <ul className="run-faults__active" aria-label="Active faults">
          {live.map((f) => (
            <li key={f.faultId} data-testid="active-fault">
              <span className={`run-fault-chip run-fault-chip--${f.fault.kind}`}>{f.fault.kind}</span>
              <strong>{nameOf(f.fault.nodeId)}</strong>{f.fault.kind === 'scale' ? ` at ${f.fault.instances} × ${f.fault.concurrency}` : ''} since {clock(f.simMs)}
              <button type="button" className="btn btn-primary" onClick={() => void control.endFault(f.faultId)} disabled={!running} data-testid={`fault-end-${f.fault.nodeId}`}>
                {f.fault.kind === 'down' ? 'Bring back' : f.fault.kind === 'scale' ? 'Scale back' : 'End'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
