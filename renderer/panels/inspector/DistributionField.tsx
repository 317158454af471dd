import type { Distribution } from '../../../shared/model';
import { distributionMeanMs } from '../../../shared/model';
import type { Commit } from './fields';
import { NumberField, SelectField } from './fields';

const KINDS = ['fixed', 'uniform', 'exponential', 'lognormal'] as const;
const LABELS = { fixed: 'Fixed', uniform: 'Uniform', exponential: 'Exponential', lognormal: 'Log-normal' };

/** Switching kind keeps the mean, so the node's capacity does not jump. */
export function switchDistribution(d: Distribution, kind: Distribution['kind']): Distribution {
  const mean = Math.max(1, distributionMeanMs(d));
  switch (kind) {
    case 'fixed': return { kind, ms: mean };
    case 'uniform': return { kind, minMs: Math.round(mean / 2), maxMs: Math.round(mean * 1.5) };
    case 'exponential': return { kind, meanMs: mean };
    case 'lognormal': return { kind, meanMs: mean, sigma: d.kind === 'lognormal' ? d.sigma : 0.5 };
  }
}

export function DistributionField({ label, field, value, commit, done }: { label: string; field: string; value: Distribution; commit: Commit<Distribution>; done: () => void }) {
  const set = (patch: Record<string, number | undefined>) => commit({ ...value, ...patch } as Distribution);
  return (
    <div className="ef-subform" data-field={field}>
      <SelectField label={`${label} distribution`} field={`${field}.kind`} value={value.kind} options={KINDS} labels={LABELS} commit={(k) => commit(switchDistribution(value, k))} />
      <div className="ef-grid2">
        {value.kind === 'fixed' && <NumberField label="Time" field={`${field}.ms`} unit="ms" value={value.ms} commit={(v) => set({ ms: v })} onDone={done} />}
        {value.kind === 'uniform' && (
          <>
            <NumberField label="Min" field={`${field}.minMs`} unit="ms" value={value.minMs} commit={(v) => set({ minMs: v })} onDone={done} />
            <NumberField label="Max" field={`${field}.maxMs`} unit="ms" value={value.maxMs} commit={(v) => set({ maxMs: v })} onDone={done} />
          </>
        )}
        {value.kind === 'exponential' && <NumberField label="Mean" field={`${field}.meanMs`} unit="ms" value={value.meanMs} commit={(v) => set({ meanMs: v })} onDone={done} />}
        {value.kind === 'lognormal' && (
          <>
            <NumberField label="Mean" field={`${field}.meanMs`} unit="ms" value={value.meanMs} commit={(v) => set({ meanMs: v })} onDone={done} />
            <NumberField label="Sigma (tail)" field={`${field}.sigma`} value={value.sigma} commit={(v) => set({ sigma: v })} onDone={done} hint="0.25 mild tail · 1 heavy tail" />
          </>
        )}
      </div>
    </div>
  );
}
