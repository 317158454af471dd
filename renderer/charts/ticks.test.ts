import { describe, expect, it } from 'vitest';
import { yTick } from './ticks';

describe('chart y ticks', () => {
  it('reads durations in their unit, not as "1.0kms"', () => {
    expect(yTick(850, 'ms')).toBe('850 ms');
    expect(yTick(1000, 'ms')).toBe('1 s');
    expect(yTick(1250, 'ms')).toBe('1.3 s');
    expect(yTick(1_294_000, 'ms')).toBe('21.6 min');
  });
  it('compacts other units', () => {
    expect(yTick(25, '/s')).toBe('25/s');
    expect(yTick(26_200, '')).toBe('26.2k');
  });
});
