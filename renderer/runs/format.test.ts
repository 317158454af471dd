import { describe, expect, it } from 'vitest';
import { clock, count, grouped, ms, speedLabel } from './format';

describe('run formatting', () => {
  it('shows simulated time as hh:mm:ss, hours past a day included', () => {
    expect(clock(0)).toBe('00:00:00');
    expect(clock(61_999)).toBe('00:01:01');
    expect(clock(3_600_000 * 27 + 5_000)).toBe('27:00:05');
    expect(clock(-5)).toBe('00:00:00');
  });
  it('compacts counts and latencies', () => {
    expect(count(950)).toBe('950');
    expect(count(1234)).toBe('1.2k');
    expect(count(12_345_678)).toBe('12M');
    expect(ms(4.25)).toBe('4.3 ms');
    expect(ms(1500)).toBe('1.50 s');
    expect(ms(1_294_000)).toBe('21.6 min');
    expect(ms(7_200_000)).toBe('2.0 h');
    expect(speedLabel('max')).toBe('max');
    expect(speedLabel(0.1)).toBe('0.1×');
  });
  it('groups exact counts with thousands separators', () => {
    expect(grouped(8214)).toBe('8,214');
    expect(grouped(1_234_567.4)).toBe('1,234,567');
    expect(grouped(0)).toBe('0');
    expect(grouped(Number.NaN)).toBe('–');
  });
});
