/**
 * Discrete-event scheduler over a binary heap, implementing RxJS's SchedulerLike so stock RxJS
 * time operators (throttleTime, debounceTime, timer...) run on simulated time.
 *
 * Ordering is by (time, insertion sequence): equal times run in the order they were scheduled,
 * which keeps runs deterministic. RxJS's VirtualTimeScheduler re-sorts its whole action list on
 * every schedule; this heap costs O(log n) per schedule and per step.
 *
 * Node behaviours use the allocation-light fast path `at(time, fn, arg)` directly; RxJS
 * actions go through `schedule()` and can be cancelled by unsubscribing.
 */
import { Subscription } from 'rxjs';
import type { SchedulerAction, SchedulerLike } from 'rxjs';

export type Task<A> = (arg: A) => void;

/**
 * A run that cannot make progress: a zero-delay cycle (time never advances) or a feedback loop
 * that multiplies events. Thrown instead of hanging or exhausting memory.
 */
export class SimulationLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationLimitError';
  }
}

/** tasks allowed at one instant of simulated time, and pending at once */
export const MAX_TASKS_PER_INSTANT = 5_000_000;
export const MAX_PENDING = 30_000_000;

interface Entry {
  t: number;
  s: number;
  fn: Task<unknown> | null; // null = cancelled
  arg: unknown;
}

export class HeapScheduler implements SchedulerLike {
  private heap: Entry[] = [];
  private seq = 0;
  private time = 0;
  /** number of tasks run so far (bench: scheduler cost per event) */
  executed = 0;

  now(): number {
    return this.time;
  }

  get size(): number {
    return this.heap.length;
  }

  /** time of the next task, or Infinity */
  peekTime(): number {
    return this.heap.length === 0 ? Infinity : this.heap[0]!.t;
  }

  /** Schedule fn(arg) at absolute simulated time (clamped to now). */
  at<A>(time: number, fn: Task<A>, arg: A): Entry {
    const e: Entry = { t: time < this.time ? this.time : time, s: this.seq++, fn: fn as Task<unknown>, arg };
    const h = this.heap;
    let i = h.length;
    if (i >= MAX_PENDING) throw new SimulationLimitError(`more than ${MAX_PENDING.toLocaleString('en-US')} events pending at ${this.time} ms: a feedback loop multiplies events`);
    h.push(e);
    // sift up
    while (i > 0) {
      const p = (i - 1) >> 1;
      const q = h[p]!;
      if (q.t < e.t || (q.t === e.t && q.s < e.s)) break;
      h[i] = q;
      i = p;
    }
    h[i] = e;
    return e;
  }

  after<A>(delayMs: number, fn: Task<A>, arg: A): Entry {
    return this.at(this.time + delayMs, fn, arg);
  }

  cancel(e: Entry): void {
    e.fn = null;
    e.arg = null;
  }

  /** Run every task with time ≤ until; simulated time ends at `until` (if finite). */
  runUntil(until: number): void {
    const h = this.heap;
    let sameInstant = 0;
    while (h.length > 0) {
      const top = h[0]!;
      if (top.t > until) break;
      if (top.t === this.time) {
        if (++sameInstant > MAX_TASKS_PER_INSTANT) {
          throw new SimulationLimitError(`simulated time is stuck at ${this.time} ms after ${MAX_TASKS_PER_INSTANT.toLocaleString('en-US')} steps: a cycle with zero processing time`);
        }
      } else {
        sameInstant = 0;
      }
      this.pop();
      this.time = top.t;
      const fn = top.fn;
      if (fn !== null) {
        this.executed++;
        fn(top.arg);
      }
    }
    if (until !== Infinity && until > this.time) this.time = until;
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    const n = h.length;
    if (n === 0) return;
    let i = 0;
    // sift down
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let ce = h[l]!;
      if (r < n) {
        const re = h[r]!;
        if (re.t < ce.t || (re.t === ce.t && re.s < ce.s)) {
          c = r;
          ce = re;
        }
      }
      if (last.t < ce.t || (last.t === ce.t && last.s < ce.s)) break;
      h[i] = ce;
      i = c;
    }
    h[i] = last;
  }

  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    const action = new HeapAction<T>(this, work);
    return action.schedule(state, delay);
  }
}

/** An RxJS action: `work` may reschedule itself through `this.schedule(state, delay)`. */
class HeapAction<T> extends Subscription implements SchedulerAction<T> {
  private entry: Entry | null = null;

  constructor(private readonly scheduler: HeapScheduler, private readonly work: (this: SchedulerAction<T>, state?: T) => void) {
    super(() => this.cancelPending());
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    this.cancelPending();
    this.entry = this.scheduler.after(Math.max(0, delay), runAction as Task<unknown>, [this, state]);
    return this;
  }

  execute(state: T | undefined): void {
    this.entry = null;
    if (!this.closed) this.work.call(this, state);
  }

  private cancelPending(): void {
    if (this.entry !== null) {
      this.scheduler.cancel(this.entry);
      this.entry = null;
    }
  }
}

function runAction(arg: unknown): void {
  const [action, state] = arg as [HeapAction<unknown>, unknown];
  action.execute(state);
}
