import { useEffect, useState } from 'react';
import { useRunsRequired } from './react';

/**
 * The project's order SLA (minutes) in the Scenario popover. It is a project setting, not part of
 * one scenario: saved when the field is left, it applies to the project's next runs.
 */
export function OrderSlaField() {
  const { control } = useRunsRequired();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    control.orderSlaSec().then((s) => live && setText(String(Math.round((s / 60) * 100) / 100)), () => undefined);
    return () => { live = false; };
  }, [control]);

  const save = () => {
    const min = Number(text);
    if (!Number.isFinite(min) || min <= 0 || min > 10_080) {
      setError('Order SLA: a number of minutes above 0, at most 10080 (a week)');
      return;
    }
    control.setOrderSlaSec(min * 60).then(
      () => setError(undefined),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };

  return (
    <label className="run-field" title="Orders not fulfilled within the SLA count as delayed (project setting, applies to the next runs)">
      <span>Order SLA (min)</span>
      <input
        type="number" aria-label="Order SLA (min)" min={0.1} max={10080} step={0.5} value={text} data-testid="run-order-sla"
        aria-invalid={error !== undefined} onChange={(e) => setText(e.target.value)} onBlur={save}
        onKeyDown={(e) => { if (e.key === 'Enter') save(); }}
      />
      {error && <span className="run-field__error" role="alert">{error}</span>}
    </label>
  );
}
