import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainIssue } from './plain-issue';

const first = (schema: z.ZodType, v: unknown): string => {
  const r = schema.safeParse(v);
  if (r.success) throw new Error('expected a refusal');
  return plainIssue(r.error.issues[0]!);
};

describe('plain inspector messages', () => {
  it('says what a number must be', () => {
    expect(first(z.number().min(0), -1)).toBe('must be 0 or more');
    expect(first(z.number().positive(), 0)).toBe('must be more than 0');
    expect(first(z.number().max(100), 101)).toBe('must be 100 or less');
    expect(first(z.number().int(), 1.5)).toBe('must be a whole number');
    expect(first(z.number(), Number.NaN)).toBe('must be a number');
  });
  it('says what text must be', () => {
    expect(first(z.string().min(1), '')).toBe('must not be empty');
    expect(first(z.string().max(3), 'abcd')).toBe('must be at most 3 characters');
  });
  it('keeps the messages the model spells out', () => {
    expect(first(z.number().min(1, 'at least one instance'), 0)).toBe('at least one instance');
  });
});
