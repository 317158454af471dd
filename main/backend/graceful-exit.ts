/**
 * SIGTERM / SIGINT -> one orderly shutdown, shared by the web host and the Electron main
 * process: `stop` closes the transport and then backend.shutdown() (live runs stopped and kept
 * as 'stopped', SQLite checkpointed and closed); the process then exits 0. A shutdown that hangs
 * (a stuck worker) still ends the process at the deadline, and a second signal ends it at once.
 */

/** backend.shutdown() waits up to 10 s for a run worker before terminating it: leave room */
export const SHUTDOWN_DEADLINE_MS = 12_000;

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface GracefulExitOptions {
  stop: (signal: NodeJS.Signals) => Promise<void>;
  exit: (code: number) => void;
  log: (message: string) => void;
  /** e.g. 'eventflow web host' */
  name: string;
  deadlineMs?: number;
  signals?: readonly NodeJS.Signals[];
  /** process, or a fake in tests */
  source?: SignalSource;
  setTimer?: (fn: () => void, ms: number) => void;
}

/** Installs the handlers; returns a function that removes them. */
export function exitGracefullyOnSignals(opts: GracefulExitOptions): () => void {
  const source = opts.source ?? process;
  const signals = opts.signals ?? ['SIGTERM', 'SIGINT'];
  const setTimer = opts.setTimer ?? ((fn, ms) => void setTimeout(fn, ms).unref());
  let stopping = false;
  const handlers = signals.map((signal) => {
    const handler = (): void => {
      if (stopping) {
        opts.log(`${opts.name}: ${signal} again, exiting now`);
        opts.exit(1);
        return;
      }
      stopping = true;
      opts.log(`${opts.name}: ${signal}, closing`);
      const deadline = opts.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
      setTimer(() => {
        opts.log(`${opts.name}: not closed after ${deadline / 1000} s, exiting anyway`);
        opts.exit(1);
      }, deadline);
      opts.stop(signal).then(
        () => opts.exit(0),
        (e: unknown) => {
          opts.log(`${opts.name}: closing failed: ${e instanceof Error ? e.message : String(e)}`);
          opts.exit(1);
        },
      );
    };
    source.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) source.off(signal, handler);
  };
}
