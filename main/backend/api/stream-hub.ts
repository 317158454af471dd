/** Something with one owner that must release it (a subscription, a timer, a handle). */
export interface Disposable {
  dispose(): void;
}

export const toDisposable = (fn: () => void): Disposable => {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      fn();
    },
  };
};

/**
 * In-process fan-out of backend events by channel name (e.g. 'projects.changed'). Stream
 * handlers subscribe here and forward to their transport's emit; a listener that throws is
 * reported, never allowed to break the others.
 */
export class StreamHub<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<(event: never) => void>>();

  constructor(private readonly onListenerError: (e: unknown) => void = (e) => console.error('eventflow: stream listener failed', e)) {}

  on<K extends keyof Events>(channel: K, listener: (event: Events[K]) => void): Disposable {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    const l = listener as (event: never) => void;
    set.add(l);
    return toDisposable(() => {
      set.delete(l);
    });
  }

  publish<K extends keyof Events>(channel: K, event: Events[K]): void {
    for (const l of [...(this.listeners.get(channel) ?? [])]) {
      try {
        (l as (event: Events[K]) => void)(event);
      } catch (e) {
        this.onListenerError(e);
      }
    }
  }

  listenerCount(channel: keyof Events): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}
