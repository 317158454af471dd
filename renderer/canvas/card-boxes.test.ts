import { describe, expect, it } from 'vitest';
import { freeSpot } from './card-boxes';
import { overlaps } from './label-placement';

describe('freeSpot', () => {
  const size = { width: 232, height: 100 };
  it('keeps the wanted spot when it is free', () => {
    expect(freeSpot({ x: 0, y: 0 }, size, [{ x: 400, y: 400, width: 232, height: 100 }])).toEqual({ x: 0, y: 0 });
  });
  it('moves off a card to the nearest spot that covers none', () => {
    const taken = [{ x: 0, y: 0, width: 232, height: 100 }, { x: 0, y: 140, width: 232, height: 100 }];
    const p = freeSpot({ x: 10, y: 10 }, size, taken);
    for (const t of taken) expect(overlaps({ ...p, ...size }, t)).toBe(false);
    expect(Math.hypot(p.x - 10, p.y - 10)).toBeLessThan(400);
  });
});
