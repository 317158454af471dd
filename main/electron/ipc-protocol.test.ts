import { describe, expect, it } from 'vitest';
import { SUBSCRIPTION_ID, isPlainData } from './ipc-protocol';

describe('what the preload lets through', () => {
  it('accepts JSON-like data', () => {
    for (const ok of [null, true, 0, -1.5, 'x', [], [1, 'a', null], {}, { a: { b: [1, { c: 'd' }] } }, Object.create(null) as object, { skipped: undefined }]) {
      expect(isPlainData(ok), JSON.stringify(ok)).toBe(true);
    }
  });

  it('refuses functions, class instances, non-finite numbers, symbols and cycles', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [undefined, () => 1, new Date(), new Map(), Number.NaN, Number.POSITIVE_INFINITY, Symbol('s'), 10n, [() => 1], { f: () => 1 }, cyclic]) {
      expect(isPlainData(bad)).toBe(false);
    }
  });

  it('refuses data nested deeper than the limit', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(isPlainData(deep)).toBe(false);
    expect(isPlainData(deep, 200)).toBe(true);
  });

  it('subscription ids are short and safe', () => {
    expect(SUBSCRIPTION_ID.test('s1_abc-DEF')).toBe(true);
    expect(SUBSCRIPTION_ID.test('')).toBe(false);
    expect(SUBSCRIPTION_ID.test('a'.repeat(65))).toBe(false);
    expect(SUBSCRIPTION_ID.test('../x')).toBe(false);
  });
});
