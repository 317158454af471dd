import { describe, expect, it } from 'vitest';
import { bezierPoint, estimateLabelWidth, LABEL_HEIGHT, overlaps, placeLabels } from './label-placement';

const box = (c: { x: number; y: number }, text: string) => ({ x: c.x - estimateLabelWidth(text) / 2, y: c.y - LABEL_HEIGHT / 2, width: estimateLabelWidth(text), height: LABEL_HEIGHT });

describe('label placement', () => {
  it('follows the bezier React Flow draws: ends at the handles, middle halfway', () => {
    const from = { x: 0, y: 0 }, to = { x: 200, y: 100 };
    expect(bezierPoint(from, to, 0)).toEqual(from);
    expect(bezierPoint(from, to, 1)).toEqual(to);
    expect(bezierPoint(from, to, 0.5)).toEqual({ x: 100, y: 50 });
  });

  it('puts a free label in the middle of its edge', () => {
    const p = placeLabels([{ id: 'a', text: 'OrderPlaced', rank: 0, from: { x: 0, y: 0 }, to: { x: 400, y: 0 } }], []);
    expect(p.get('a')).toEqual({ x: 200, y: 0 });
  });

  it('moves a label off a card and off another label, and hides the lesser one when there is no room', () => {
    const fan = [0, 1, 2].map((i) => ({ id: `e${i}`, text: 'OrderPlaced', rank: i, from: { x: 0, y: 100 }, to: { x: 160, y: 60 + i * 40 } }));
    const card = { x: 60, y: 0, width: 20, height: 20 };
    const p = placeLabels(fan, [card]);
    const shown = fan.filter((e) => p.get(e.id)).map((e) => box(p.get(e.id)!, e.text));
    expect(shown.length).toBeGreaterThan(0);
    for (const r of shown) expect(overlaps(r, card)).toBe(false);
    for (let i = 0; i < shown.length; i++) for (let j = i + 1; j < shown.length; j++) expect(overlaps(shown[i]!, shown[j]!)).toBe(false);
    // ten labels on one short edge cannot all fit: the lowest ranks win
    const crowd = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, text: 'PaymentAuthorized', rank: i, from: { x: 0, y: 0 }, to: { x: 120, y: 0 } }));
    const q = placeLabels(crowd, []);
    expect(q.get('c0')).toBeDefined();
    expect([...q.values()].filter((v) => v === undefined).length).toBeGreaterThan(0);
  });
});
