/**
 * Inspector messages in plain words (issue 16): "must be 0 or more", not zod's "Too small: expected
 * number to be >=0". Messages the model's schemas spell out themselves pass through unchanged;
 * only zod's generic wording is rewritten.
 */
export interface IssueLike {
  message: string;
  code?: string;
  origin?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  divisor?: number;
}

const GENERIC = /^(Too small|Too big|Invalid input|Invalid number|Expected |Number must|String must|Invalid)/;

export function plainIssue(i: IssueLike): string {
  if (!GENERIC.test(i.message)) return i.message;
  const min = i.minimum === undefined ? undefined : Number(i.minimum);
  const max = i.maximum === undefined ? undefined : Number(i.maximum);
  switch (i.code) {
    case 'too_small':
      if (i.origin === 'string') return min === 1 ? 'must not be empty' : `must be at least ${min} characters`;
      if (i.origin === 'array' || i.origin === 'set') return min === 1 ? 'needs at least one' : `needs at least ${min}`;
      return i.inclusive === false ? `must be more than ${min}` : `must be ${min} or more`;
    case 'too_big':
      if (i.origin === 'string') return `must be at most ${max} characters`;
      if (i.origin === 'array' || i.origin === 'set') return `can have at most ${max}`;
      return i.inclusive === false ? `must be less than ${max}` : `must be ${max} or less`;
    case 'invalid_type':
      if (i.expected === 'int') return 'must be a whole number';
      if (i.expected === 'number') return 'must be a number';
      if (i.expected === 'string') return 'must be text';
      return 'is required';
    case 'not_multiple_of':
      return `must be a multiple of ${i.divisor}`;
    case 'invalid_value':
      return 'is not one of the allowed values';
    default:
      return i.message;
  }
}
