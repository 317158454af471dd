/**
 * `eventflow run` progress on stderr: a redrawn bar on a terminal; elsewhere (CI logs, pipes)
 * one plain line every PLAIN_PROGRESS_EVERY_MS of wall time, so a long run shows it is alive.
 * Plus the --max-events budget, which stops a run whose event count exceeds it.
 */
import { CliError, ExitCode } from './command';
import type { CliIo } from './command';
import { formatDuration, progressLine } from './report';

/** wall ms between plain progress lines when stderr is not a terminal */
export const PLAIN_PROGRESS_EVERY_MS = 5000;

const count = (n: number): string => n.toLocaleString('en-US');

/** wall time still needed, from the wall time per simulated ms so far; '?' before any progress */
export function etaText(simMs: number, endMs: number, elapsedWallMs: number): string {
  if (simMs >= endMs) return '0s';
  return simMs > 0 ? formatDuration((elapsedWallMs * (endMs - simMs)) / simMs) : '?';
}

/** `12m/1h simulated (20%), 48,211 events, ETA 2m30s` */
export function progressText(simMs: number, endMs: number, events: number, elapsedWallMs: number): string {
  const frac = endMs <= 0 ? 1 : Math.min(1, simMs / endMs);
  return `${formatDuration(simMs)}/${formatDuration(endMs)} simulated (${(frac * 100).toFixed(0)}%), ${count(events)} events, ETA ${etaText(simMs, endMs, elapsedWallMs)}`;
}

export class RunProgress {
  private readonly started: number;
  private lastLine: number;

  constructor(private readonly io: CliIo, private readonly endMs: number) {
    this.started = io.now();
    this.lastLine = this.started;
  }

  update(simMs: number, events: number): void {
    const t = this.io.now();
    if (this.io.isTty) {
      const label = `${formatDuration(simMs)}/${formatDuration(this.endMs)}  ETA ${etaText(simMs, this.endMs, t - this.started)}`;
      this.io.err(`\r${progressLine(simMs, this.endMs, this.io.columns, label)}`);
      return;
    }
    if (t - this.lastLine < PLAIN_PROGRESS_EVERY_MS) return;
    this.lastLine = t;
    this.io.err(`progress: ${progressText(simMs, this.endMs, events, t - this.started)}\n`);
  }

  /** before the summary: erase the bar (plain lines stay in the log) */
  clear(): void {
    if (this.io.isTty) this.io.err('\r\x1b[K');
  }
}

/** The event limit without --max-events: about a minute of simulation at full speed on one core. */
export const DEFAULT_MAX_EVENTS = 50_000_000;

/** --max-events: a positive integer (1,000,000 and 1e6 are accepted); DEFAULT_MAX_EVENTS when absent */
export function parseMaxEvents(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_EVENTS;
  const n = Number(text.replace(/[,_]/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new CliError(ExitCode.usage, `--max-events "${text}" must be a positive integer (e.g. 1000000 or 1e6)`);
  return n;
}

/**
 * The simulated slice to run next. With a budget it shrinks as the count nears the limit (from
 * the event rate so far), so the run stops close to N events rather than a whole slice later.
 */
export function nextSliceMs(defaultSlice: number, maxEvents: number, simMs: number, events: number): number {
  if (simMs <= 0 || events <= 0) return defaultSlice;
  const perMs = events / simMs;
  const room = maxEvents - events + 1;
  return Math.max(1, Math.min(defaultSlice, Math.ceil(room / perMs)));
}

/** Before starting: the run's estimated size is over the limit. */
export function estimateRefusal(estimated: number, perSec: number, maxEvents: number, endMs: number, explicit: boolean): string {
  const size = Number.isFinite(estimated) ? `about ${count(Math.round(estimated))} events (${count(Math.round(perSec))}/s over ${formatDuration(endMs)} simulated)` : 'an unbounded number of events';
  const limit = explicit ? `--max-events ${count(maxEvents)}` : `the default limit of ${count(maxEvents)} events`;
  const raise = Number.isFinite(estimated) ? ` or raise the limit, e.g. --max-events ${Math.ceil(estimated * 1.2).toExponential(1).replace('+', '')}` : '';
  return `refused before starting: this run would create ${size}, more than ${limit}; shorten --duration${raise}`;
}

export function maxEventsMessage(maxEvents: number, events: number, simMs: number, endMs: number): string {
  return `stopped: ${count(events)} events exceed --max-events ${count(maxEvents)} at ${formatDuration(simMs)} of ${formatDuration(endMs)} simulated; the summary covers the time so far (raise --max-events to run it all)`;
}
