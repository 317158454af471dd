import { describe, expect, it } from 'vitest';
import { emptyHistory, record, redo, seal, undo } from './history';

const entry = (before: number, after: number, at: number, coalesceKey?: string) => ({ label: `${before}→${after}`, before, after, at, coalesceKey });

describe('history', () => {
  it('undoes and redoes in order', () => {
    let h = emptyHistory<number>();
    h = record(h, entry(0, 1, 0));
    h = record(h, entry(1, 2, 10_000));
    const u = undo(h);
    expect(u?.doc).toBe(1);
    const u2 = u && undo(u.history);
    expect(u2?.doc).toBe(0);
    const r = u2 && redo(u2.history);
    expect(r?.doc).toBe(1);
    expect(r && undo(r.history)?.doc).toBe(0);
  });

  it('coalesces a burst with the same key and restarts after seal', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < 10; i++) h = record(h, entry(i, i + 1, i * 50, 'move:a'));
    expect(h.past).toHaveLength(1);
    expect(undo(h)?.doc).toBe(0);
    h = seal(h);
    h = record(h, entry(10, 11, 600, 'move:a'));
    expect(h.past).toHaveLength(2);
  });

  it('keeps at least 200 steps and drops the oldest past the limit', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < 300; i++) h = record(h, entry(i, i + 1, i * 10_000), 250);
    expect(h.past).toHaveLength(250);
    let doc = 300;
    let cur = h;
    for (let i = 0; i < 250; i++) {
      const u = undo(cur);
      if (!u) throw new Error('ran out early');
      cur = u.history;
      doc = u.doc;
    }
    expect(doc).toBe(50);
    expect(undo(cur)).toBeUndefined();
  });

  it('a new edit clears the redo stack', () => {
    let h = record(emptyHistory<number>(), entry(0, 1, 0));
    h = undo(h)?.history ?? h;
    h = record(h, entry(0, 5, 100));
    expect(redo(h)).toBeUndefined();
  });
});
