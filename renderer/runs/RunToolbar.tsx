import { useCallback, useEffect, useRef, useState } from 'react';
import type { Fault } from '../../shared/runtime/api';
import { useStore } from 'zustand';
import { useEditor } from '../editor/editor-context';
import { clock, speedLabel } from './format';
import { useRuns, useRunsRequired } from './react';
import type { Speed } from './runs-api';
import { setRunActions } from './run-actions';
import { OrderSlaField } from './OrderSlaField';
import { useDismiss } from '../workspace/use-dismiss';
import { TwinButton } from '../live/TwinButton';
import type { RunId } from './runs-api';

export const SPEEDS: readonly Speed[] = [0.1, 0.5, 1, 2, 5, 10, 50, 100, 500, 1000, 'max'];

export interface ScenarioDraft {
  durationSec: number;
  seed: number;
  trafficFactor: number;
}

const DEFAULT_DRAFT: ScenarioDraft = { durationSec: 600, seed: 42, trafficFactor: 1 };

/**
 * The run toolbar: scenario, controls, speed, simulated clock and progress. A traffic
 * multiplier other than 1 becomes a `burst` fault on every producer for the whole run, so the
 * designed arrival profiles stay as they are and the stored run says what was changed.
 */
export function RunToolbar({ producerIds = [], onCompare }: { producerIds?: readonly string[]; onCompare?: (a: RunId, b: RunId) => void }) {
  const { control, store: runsStore } = useRunsRequired();
  const phase = useRuns((s) => s.phase);
  const mode = useRuns((s) => s.mode);
  const speed = useRuns((s) => s.speed);
  const refusal = useRuns((s) => s.refusal);
  const error = useRuns((s) => s.error);
  // a run on a real broker: real time, so no pause, step or speed (docs/live.md)
  const live = useRuns((s) => s.live);
  const runId = useRuns((s) => s.runId);
  const [draft, setDraft] = useState<ScenarioDraft>(DEFAULT_DRAFT);
  const [open, setOpen] = useState(false);
  // the scenario popover closes on Escape and on a click outside it
  const scenarioRef = useRef<HTMLDivElement>(null);
  useDismiss(scenarioRef, open, useCallback(() => setOpen(false), []));

  const going = phase === 'running' || phase === 'paused' || phase === 'starting';
  // a run uses the topology as it was at ▶ Run: edits made while it goes apply to the next run
  const editorDoc = useEditor().doc;
  const revision = useStore(editorDoc, (s) => s.revision);
  const [startedRevision, setStartedRevision] = useState<number>();
  const start = () => {
    setStartedRevision(editorDoc.getState().revision);
    const traffic: Fault[] = draft.trafficFactor === 1 ? [] : producerIds.map((nodeId) => ({ kind: 'burst', nodeId, startSec: 0, endSec: draft.durationSec, factor: draft.trafficFactor }));
    // faults scheduled in the Faults tab run from the start; those marked pause stop the clock as they begin
    const planned = runsStore.state.getState().plannedFaults.filter((p) => p.fault.startSec < draft.durationSec);
    const faults = [...traffic, ...planned.map((p) => ({ ...p.fault, endSec: Math.min(p.fault.endSec, draft.durationSec) }))];
    const pauseAtSec = planned.filter((p) => p.pause && p.fault.startSec > 0).map((p) => p.fault.startSec);
    void control.start({ scenario: { durationSec: draft.durationSec, seed: draft.seed, faults }, speed, pauseAtSec });
  };
  // the Run menu, its shortcuts and the palette act through this toolbar (same scenario, same checks)
  const editor = useEditor();
  const latest = useRef({ start, phase, mode, going });
  useEffect(() => {
    latest.current = { start, phase, mode, going };
  });
  useEffect(() => {
    setRunActions(editor, {
      canStart: () => latest.current.mode !== 'replay' && !latest.current.going,
      start: () => latest.current.start(),
      canPause: () => latest.current.phase === 'running' || latest.current.phase === 'paused',
      togglePause: () => void (latest.current.phase === 'paused' ? control.resume() : control.pause()),
      canStop: () => latest.current.going,
      stop: () => void control.stop(),
    });
    return () => setRunActions(editor, undefined);
  }, [editor, control]);
  const num = (v: string, min: number, max: number, fallback: number) => {
    const n = Number(v);
    return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
  };

  const scenarioText = `Scenario: ${draft.durationSec < 120 ? `${draft.durationSec} s` : `${Math.round(draft.durationSec / 60)} min`} · seed ${draft.seed}${draft.trafficFactor !== 1 ? ` · traffic ×${draft.trafficFactor}` : ''}`;

  return (
    <div className="run-toolbar" role="toolbar" aria-label="Run" data-testid="run-toolbar">
      {mode === 'replay' ? (
        <ReplayBar onCompare={onCompare} />
      ) : (
        <>
          <div className="run-toolbar__controls">
            {!going ? (
              <button type="button" className="btn btn-primary" onClick={start} data-testid="run-start" title="Start a run (F5)">
                ▶ Run
              </button>
            ) : live ? null : phase === 'paused' ? (
              <button type="button" className="btn" onClick={() => void control.resume()} data-testid="run-resume">▶ Resume</button>
            ) : (
              <button type="button" className="btn" onClick={() => void control.pause()} disabled={phase === 'starting'} data-testid="run-pause">❚❚ Pause</button>
            )}
            {!live && <button type="button" className="btn btn-ghost" onClick={() => void control.step()} disabled={phase !== 'paused'} title="Advance one snapshot interval" data-testid="run-step">Step ›</button>}
            <button type="button" className="btn btn-ghost" onClick={() => void control.stop()} disabled={!going} data-testid="run-stop">■ Stop</button>
          </div>
          {live ? (
            <>
              <span className="live-pill live-pill--bar" data-testid="run-live-indicator" title={`Runs on ${live.product} ${live.version} at ${live.address} (prefix ${live.prefix}), in real time: not a simulation`}>
                <span className="live-pill__text">LIVE · {live.product} {live.version} · {live.address}</span>
              </span>
              {/* the open live run once it ended: its simulated twin and the compare, without going to History */}
              {!going && runId !== undefined && onCompare && <TwinButton run={{ id: runId, live, status: phase }} onCompare={onCompare} testId="run-twin" />}
            </>
          ) : (
          <label className="run-field">
            <span>Speed</span>
            <select
              aria-label="Speed"
              value={String(speed)}
              onChange={(e) => void control.setSpeed(e.target.value === 'max' ? 'max' : Number(e.target.value))}
              data-testid="run-speed"
            >
              {SPEEDS.map((s) => <option key={String(s)} value={String(s)}>{speedLabel(s)}</option>)}
            </select>
          </label>
          )}
          {/* a live run's scenario is set in the Live dialog (duration of real time, seed) */}
          <div className="run-scenario" ref={scenarioRef} hidden={live !== undefined}>
            <button type="button" className="btn btn-ghost" aria-expanded={open} onClick={() => setOpen(!open)} disabled={going} title={scenarioText} data-testid="run-scenario-toggle">
              {scenarioText}
            </button>
            {open && !going && (
              <div className="run-scenario__pop" role="group" aria-label="Scenario" onKeyDown={(e) => { if (e.key === 'Escape' || e.key === 'Enter') { e.stopPropagation(); setOpen(false); } }}>
                <label className="run-field"><span>Duration (s)</span>
                  <input type="number" aria-label="Duration (s)" min={1} max={86400} value={draft.durationSec} onChange={(e) => setDraft({ ...draft, durationSec: num(e.target.value, 1, 86400, 600) })} />
                </label>
                <label className="run-field"><span>Seed</span>
                  <input type="number" aria-label="Seed" min={0} value={draft.seed} onChange={(e) => setDraft({ ...draft, seed: Math.floor(num(e.target.value, 0, 0xffffffff, 42)) })} />
                </label>
                <label className="run-field"><span>Traffic ×</span>
                  <input type="number" aria-label="Traffic multiplier" min={0.1} max={100} step={0.1} value={draft.trafficFactor} onChange={(e) => setDraft({ ...draft, trafficFactor: num(e.target.value, 0.1, 100, 1) })} />
                </label>
                <OrderSlaField />
              </div>
            )}
          </div>
          <RunClock plannedMs={draft.durationSec * 1000} />
        </>
      )}
      {refusal && (
        <div className="run-refusal" role="alert" data-testid="run-refusal">
          <strong>{refusal.message.split('\n')[0]}</strong>
          <button type="button" className="btn btn-ghost" aria-label="Dismiss" onClick={() => control.dismissRefusal()}>×</button>
          <ul>{refusal.issues.map((i, k) => <li key={k}><code>{i.path}</code> {i.message}</li>)}</ul>
        </div>
      )}
      {error && !refusal && <div className="run-error" role="alert" data-testid="run-error">{error}</div>}
      {going && mode === 'live' && startedRevision !== undefined && revision !== startedRevision && (
        <p className="run-note" role="status" data-testid="run-edits-next">
          Edits apply to the next run. To scale a service in this run, use Faults › Scale to (instances × concurrency), recorded on the run's timeline.
        </p>
      )}
    </div>
  );
}

/** Simulated time and progress (re-renders on the clock only). */
export function RunClock({ plannedMs = 0 }: { plannedMs?: number }) {
  const t = useRuns((s) => Math.floor(s.simTimeMs / 1000));
  const phase = useRuns((s) => s.phase);
  const runEnd = useRuns((s) => s.endMs);
  const end = phase === 'idle' ? plannedMs : runEnd;
  const progress = end > 0 ? Math.min(1, (t * 1000) / end) : 0;
  return (
    <div className="run-clock" data-testid="run-clock" data-phase={phase}>
      <span className="run-clock__time" data-testid="run-clock-time">{clock(t * 1000)}</span>
      <span className="run-clock__end">/ {clock(end)}</span>
      <span className="run-clock__bar" aria-hidden="true"><span style={{ width: `${progress * 100}%` }} /></span>
      <span className={`run-phase run-phase--${phase}`} data-testid="run-phase">{phase}</span>
    </div>
  );
}

/** Replay: scrub the opened run's timeline; the canvas shows the state at that time. */
function ReplayBar({ onCompare }: { onCompare?: (a: RunId, b: RunId) => void }) {
  const { control } = useRunsRequired();
  const record = useRuns((s) => s.record);
  const t = useRuns((s) => s.simTimeMs);
  const end = useRuns((s) => s.endMs);
  const faults = record?.faults ?? [];
  return (
    <div className="run-replay" data-testid="run-replay">
      {record?.live && <span className="live-pill" data-testid="replay-live-indicator" title={`Ran live on ${record.live.product} ${record.live.version} at ${record.live.address}`}>LIVE</span>}
      <span className="run-replay__title" title={record?.name}>Replay: <strong>{record ? record.name || `run ${record.id}` : '…'}</strong></span>
      <div className="run-replay__track">
        <input
          type="range"
          aria-label="Simulated time"
          min={0}
          max={Math.max(1, end)}
          step={Math.max(1, Math.round(end / 1000))}
          value={Math.min(t, end)}
          onChange={(e) => void control.scrub(Number(e.target.value))}
          data-testid="run-scrubber"
        />
        {end > 0 && faults.map((f) => {
          // a live fault runs from its injection until it was ended (or its window closed)
          const from = f.injectedSimMs ?? f.fault.startSec * 1000;
          const to = Math.min(end, f.endedSimMs ?? f.fault.endSec * 1000);
          return (
            <span
              key={f.id}
              className={`run-replay__fault run-replay__fault--${f.fault.kind}`}
              title={`${f.fault.kind} ${f.fault.nodeId} ${clock(from)}–${clock(to)}`}
              data-testid="replay-fault"
              data-from-ms={from}
              data-to-ms={to}
              onClick={() => void control.scrub(Math.round((from + to) / 2))}
              style={{ left: `${Math.min(100, (from / end) * 100)}%`, width: `${Math.max(0.5, Math.min(100, ((to - from) / end) * 100))}%` }}
            />
          );
        })}
      </div>
      <span className="run-clock__time" data-testid="run-clock-time">{clock(t)}</span>
      <span className="run-clock__end">/ {clock(end)}</span>
      {record?.live && onCompare && <TwinButton run={record} onCompare={onCompare} testId="replay-twin" />}
      <button type="button" className="btn btn-ghost" onClick={() => control.closeReplay()} data-testid="run-replay-close">Close replay</button>
    </div>
  );
}
