import { describe, expect, it } from 'vitest';
import { getIn, issueAt, setIn } from './paths';

describe('inspector paths', () => {
  it('sets nested values without touching the original', () => {
    const a = { settings: { retry: { maxAttempts: 3 }, list: ['x'] } };
    const b = setIn(a, ['settings', 'retry', 'maxAttempts'], 5);
    expect(getIn(b, ['settings', 'retry', 'maxAttempts'])).toBe(5);
    expect(a.settings.retry.maxAttempts).toBe(3);
    expect(b.settings.list).toBe(a.settings.list);
    expect(setIn(a, ['settings', 'list', 0], 'y').settings.list).toEqual(['y']);
  });
  it('finds the issue for a field', () => {
    expect(issueAt([{ path: ['settings', 'a'], message: 'A' }, { path: ['settings', 'b'], message: 'B' }], ['settings', 'b'])).toBe('B');
  });
});
