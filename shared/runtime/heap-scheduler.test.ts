import { describe, expect, it } from 'vitest';
import { Subject, debounceTime, throttleTime, timer } from 'rxjs';
import { HeapScheduler, SimulationLimitError } from './heap-scheduler';
import { Rng } from './prng';

describe('HeapScheduler', () => {
  it('runs tasks in time order, equal times in insertion order', () => {
    const s = new HeapScheduler();
    const seen: string[] = [];
    const rng = new Rng(1);
    const items = Array.from({ length: 500 }, (_, i) => ({ t: Math.floor(rng.next() * 50), i }));
    for (const it of items) s.at(it.t, (x: { t: number; i: number }) => seen.push(`${x.t}:${x.i}`), it);
    s.runUntil(Infinity);
    const expected = [...items].sort((a, b) => a.t - b.t || a.i - b.i).map((x) => `${x.t}:${x.i}`);
    expect(seen).toEqual(expected);
  });

  it('stops at the horizon and advances time to it', () => {
    const s = new HeapScheduler();
    const seen: number[] = [];
    s.at(5, (x: number) => seen.push(x), 5);
    s.at(15, (x: number) => seen.push(x), 15);
    s.runUntil(10);
    expect(seen).toEqual([5]);
    expect(s.now()).toBe(10);
    s.runUntil(20);
    expect(seen).toEqual([5, 15]);
  });

  it('drives RxJS time operators in simulated time (SchedulerLike)', () => {
    const s = new HeapScheduler();
    const src = new Subject<number>();
    const throttled: [number, number][] = [];
    const debounced: [number, number][] = [];
    src.pipe(throttleTime(100, s)).subscribe((v) => throttled.push([s.now(), v]));
    src.pipe(debounceTime(50, s)).subscribe((v) => debounced.push([s.now(), v]));
    for (const t of [0, 30, 60, 120, 250]) s.at(t, (v: number) => src.next(v), t);
    s.runUntil(Infinity);
    expect(throttled).toEqual([[0, 0], [120, 120], [250, 250]]);
    expect(debounced).toEqual([[110, 60], [170, 120], [300, 250]]);
    const start = s.now();
    const fired: number[] = [];
    const sub = timer(40, s).subscribe(() => fired.push(s.now()));
    const cancelled = timer(60, s).subscribe(() => fired.push(-1));
    cancelled.unsubscribe();
    s.runUntil(Infinity);
    expect(fired).toEqual([start + 40]);
    sub.unsubscribe();
  });

  it('stops a zero-delay cycle with a clear error instead of hanging', () => {
    const s = new HeapScheduler();
    const loop = (): void => void s.at(s.now(), loop, null);
    s.at(10, loop, null);
    expect(() => s.runUntil(100)).toThrow(SimulationLimitError);
    expect(() => s.runUntil(100)).toThrow(/stuck at 10 ms/);
  });
});
