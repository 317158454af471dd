import { describe, expect, it } from 'vitest';
import { heatColour, lowerIsBetter } from './heat-scale';

describe('heat scale', () => {
  it('maps the best value to green and the worst to red by the metric direction', () => {
    expect(heatColour(0, 0, 10, true)).toBe('hsl(120 65% 55%)');
    expect(heatColour(10, 0, 10, true)).toBe('hsl(0 65% 55%)');
    expect(heatColour(10, 0, 10, false)).toBe('hsl(120 65% 55%)');
    expect(heatColour(Number.NaN, 0, 10, true)).toBe('transparent');
    expect(heatColour(5, 5, 5, true)).toBe('hsl(120 65% 55%)');
  });

  it('knows which way metrics should move', () => {
    expect(lowerIsBetter('payment.p99')).toBe(true);
    expect(lowerIsBetter('ordersLost')).toBe(true);
    expect(lowerIsBetter('orders')).toBe(false);
    expect(lowerIsBetter('payment.throughput')).toBe(false);
  });
});
