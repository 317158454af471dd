import type { ArrivalProfile } from '../../../shared/model';
import { profileMeanRate } from '../../../shared/model';
import type { Commit } from './fields';
import { NumberField, SelectField } from './fields';

const KINDS = ['constant', 'poisson', 'burst', 'diurnal', 'step'] as const;
const LABELS = { constant: 'Constant', poisson: 'Poisson', burst: 'Burst / flash sale', diurnal: 'Diurnal curve', step: 'Steps' };

export function switchProfile(p: ArrivalProfile, kind: (typeof KINDS)[number]): ArrivalProfile {
  const rate = profileMeanRate(p);
  switch (kind) {
    case 'constant': return { kind, ratePerSec: rate };
    case 'poisson': return { kind, ratePerSec: rate };
    case 'burst': return { kind, baseRatePerSec: rate, burstRatePerSec: rate * 10, burstStartSec: 60, burstDurationSec: 60 };
    case 'diurnal': return { kind, meanRatePerSec: rate, amplitude: 0.6, periodSec: 86_400, peakAtSec: 72_000 };
    case 'step': return { kind, steps: [{ atSec: 0, ratePerSec: rate }, { atSec: 300, ratePerSec: rate * 2 }] };
  }
}

export function ProfileField({ field, value, commit, done }: { field: string; value: ArrivalProfile; commit: Commit<ArrivalProfile>; done: () => void }) {
  const set = (patch: Record<string, number | undefined>) => commit({ ...value, ...patch } as ArrivalProfile);
  const n = (label: string, key: string, unit: string, v: number, hint?: string) => (
    <NumberField key={key} label={label} field={`${field}.${key}`} unit={unit} value={v} commit={(x) => set({ [key]: x })} onDone={done} hint={hint} />
  );
  return (
    <div className="ef-subform" data-field={field}>
      {value.kind === 'replay' ? (
        <p className="ef-muted">Replays {value.events.length} recorded events (edit the file to change them).</p>
      ) : (
        <SelectField label="Arrival profile" field={`${field}.kind`} value={value.kind} options={KINDS} labels={LABELS} commit={(k) => commit(switchProfile(value, k))} />
      )}
      <div className="ef-grid2">
        {(value.kind === 'constant' || value.kind === 'poisson') && n('Rate', 'ratePerSec', 'events/s', value.ratePerSec)}
        {value.kind === 'burst' && (
          <>
            {n('Base rate', 'baseRatePerSec', 'events/s', value.baseRatePerSec)}
            {n('Burst rate', 'burstRatePerSec', 'events/s', value.burstRatePerSec)}
            {n('Burst starts', 'burstStartSec', 's', value.burstStartSec)}
            {n('Burst lasts', 'burstDurationSec', 's', value.burstDurationSec)}
          </>
        )}
        {value.kind === 'diurnal' && (
          <>
            {n('Mean rate', 'meanRatePerSec', 'events/s', value.meanRatePerSec)}
            {n('Amplitude', 'amplitude', '0–1', value.amplitude, '0 flat · 1 swings 0–2× mean')}
            {n('Period', 'periodSec', 's', value.periodSec)}
            {n('Peak at', 'peakAtSec', 's', value.peakAtSec)}
          </>
        )}
      </div>
      {value.kind === 'step' && (
        <div className="ef-steps">
          {value.steps.map((s, i) => (
            <div className="ef-grid2" key={i}>
              <NumberField label={`Step ${i + 1} at`} field={`${field}.steps.${i}.atSec`} unit="s" value={s.atSec} onDone={done}
                commit={(x) => commit({ ...value, steps: value.steps.map((t, k) => (k === i ? { ...t, atSec: x as number } : t)) })} />
              <NumberField label="rate" field={`${field}.steps.${i}.ratePerSec`} unit="events/s" value={s.ratePerSec} onDone={done}
                commit={(x) => commit({ ...value, steps: value.steps.map((t, k) => (k === i ? { ...t, ratePerSec: x as number } : t)) })} />
            </div>
          ))}
          <div className="ef-row-actions">
            <button type="button" className="ef-btn ef-btn--small" onClick={() => { commit({ ...value, steps: [...value.steps, { atSec: (value.steps.at(-1)?.atSec ?? 0) + 300, ratePerSec: value.steps.at(-1)?.ratePerSec ?? 10 }] }); done(); }}>Add step</button>
            {value.steps.length > 1 && <button type="button" className="ef-btn ef-btn--small" onClick={() => { commit({ ...value, steps: value.steps.slice(0, -1) }); done(); }}>Remove last</button>}
          </div>
        </div>
      )}
    </div>
  );
}
