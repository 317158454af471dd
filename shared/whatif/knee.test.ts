import { describe, expect, it } from 'vitest';
import { kneeIndex } from './knee';

describe('kneeIndex', () => {
  it('finds where a falling latency curve flattens', () => {
    // p99 by instances: falls steadily until 5, flat after
    expect(kneeIndex([1, 2, 3, 4, 5, 6, 7, 8], [120, 90, 60, 30, 4, 4, 4, 4])).toBe(4);
  });

  it('finds where a rising throughput curve saturates', () => {
    // payments/s by instances: 35 per instance until the partitions cap it at 4
    expect(kneeIndex([1, 2, 3, 4, 5, 6], [35, 70, 105, 140, 140, 140])).toBe(3);
  });

  it('has no knee on a straight line, a flat curve or too few points', () => {
    expect(kneeIndex([1, 2, 3, 4], [10, 20, 30, 40])).toBeUndefined();
    expect(kneeIndex([1, 2, 3], [5, 5, 5])).toBeUndefined();
    expect(kneeIndex([1, 2], [5, 1])).toBeUndefined();
  });
});
