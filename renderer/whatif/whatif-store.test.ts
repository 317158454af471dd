import { describe, expect, it } from 'vitest';
import { parseAxisText, expandAxis } from '../../shared/whatif/axis';
import { suggestedValues, whatifUi } from './whatif-store';

const values = (text: string): number[] => {
  const p = parseAxisText(text);
  if (!p.ok) throw new Error(p.reason);
  const v = expandAxis(p.value);
  if (!v.ok) throw new Error(v.reason);
  return v.values;
};

describe('"Sweep this"', () => {
  it('suggests a few cells around the current value, a range the panel parses', () => {
    expect(values(`x=${suggestedValues(2)}`)).toEqual([1, 2, 3, 4]);
    expect(values(`x=${suggestedValues(20)}`)).toEqual([10, 20, 30, 40]);
    expect(values(`x=${suggestedValues(0.5)}`)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(values(`x=${suggestedValues(0)}`)).toHaveLength(4);
  });

  it('first replaces the sample axis, then adds a second; the same field again is replaced in place; a third keeps the last added', () => {
    const s = whatifUi.getState;
    const seq = s().openSeq;
    s().sweepThis('payment.instances', 2);
    expect(s().axes).toEqual(['payment.instances=1..4', '']);
    s().sweepThis('storefront.profile.ratePerSec', 20);
    expect(s().axes).toEqual(['payment.instances=1..4', 'storefront.profile.ratePerSec=10..40:lin4']);
    s().sweepThis('payment.instances', 3);
    expect(s().axes).toEqual(['payment.instances=1..6', 'storefront.profile.ratePerSec=10..40:lin4']);
    s().sweepThis('orders.partitions', 4);
    expect(s().axes).toEqual(['payment.instances=1..6', 'orders.partitions=2..8']);
    expect(s().openSeq).toBe(seq + 4);
  });
});
