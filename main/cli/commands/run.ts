/** `eventflow run`: simulate a topology headless, print a summary, optionally write a JSON report. */
import path from 'node:path';
import { Fault, Scenario } from '../../../shared/runtime/api';
import type { MetricsSnapshot, Scenario as ScenarioT, SimulationHooks } from '../../../shared/runtime/api';
import { SimulationLimitError } from '../../../shared/runtime/heap-scheduler';
import { RealTimeDriver, MAX_SPEED, MIN_SPEED } from '../../../shared/runtime/realtime';
import { createSimulation } from '../../../shared/runtime/simulation';
import { estimateRunEvents } from '../../../shared/model/event-estimate';
import { lintErrors, lintLine, lintRefusal, lintTopology } from '../../../shared/model/lint';
import { optionValue, parseArgs, parseDuration } from '../args';
import { CliError, ExitCode } from '../command';
import type { CliCommand, CliIo } from '../command';
import { checkOutputTarget, writeOutputFile } from '../output-file';
import { formatDuration, formatSummary } from '../report';
import { RunProgress, estimateRefusal, maxEventsMessage, nextSliceMs, parseMaxEvents } from '../run-progress';
import { RunSaver } from '../run-saver';
import { readInputText, readTopologyFile } from '../topology-file';

const usage = `usage: eventflow run <topology.eventflow.json> [options]

  --duration <d>           simulated time, e.g. 90s, 15m, 1h, 2h30m   (default 1h)
  --seed <n>               PRNG seed, 0..4294967295; same seed = same run  (default 1)
  --speed max|<factor>     max: virtual time, as fast as possible (default);
                           <factor>: real time × factor (${MIN_SPEED} .. ${MAX_SPEED})
  --fault <spec>           repeatable; kind:node:start-end[:value], times in seconds:
                             down:payment:600-1200        slowdown:payment:0-300:4
                             error-rate:payment:0-60:50   burst:storefront:300-600:10
                             poison:storefront:0-60:2     scale:payment:120-600:6x8
  --sla <d>                order SLA: orders not fulfilled within it count as delayed
                           (default 5m; scenario field orderSlaSec)
  --scenario <file.json>   scenario JSON (durationSec, seed, faults, flows...); flags override it
  --snapshot-interval <d>  time-series resolution in the JSON report  (default 10s)
  --json <report.json>     write the summary and the metric time series as JSON (- = stdout)
  --max-events <n>         the event limit (default 5e7): a run estimated to create more is
                           refused before it starts; one that goes past it anyway is stopped
                           there (exit 1 either way, the summary so far is kept)
  --save                   store the run in the app's database; the app lists it under Runs
  --data-dir <dir>         the app's data folder for --save (default: EVENTFLOW_DATA_DIR,
                           else the per-user folder the app uses)`;

const spec = {
  duration: { value: true }, seed: { value: true }, speed: { value: true }, fault: { value: true, repeat: true },
  sla: { value: true }, scenario: { value: true }, 'snapshot-interval': { value: true }, json: { value: true }, save: {}, 'data-dir': { value: true },
  'max-events': { value: true },
};

export function parseFaultSpec(text: string): Fault {
  const parts = text.split(':');
  const [kind, nodeId, window, value] = parts;
  const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(window ?? '');
  const bad = (why: string): CliError => new CliError(ExitCode.usage, `--fault "${text}": ${why} (expected kind:node:start-end[:value], e.g. down:payment:600-1200)`);
  if (parts.length < 3 || parts.length > 4 || !kind || !nodeId || m === null) throw bad('malformed');
  const base = { nodeId, startSec: Number(m[1]), endSec: Number(m[2]) };
  const v = value === undefined || kind === 'scale' ? undefined : Number(value);
  if (value !== undefined && kind !== 'scale' && !Number.isFinite(v)) throw bad(`"${value}" is not a number`);
  let candidate: unknown;
  switch (kind) {
    case 'down': candidate = { kind, ...base }; break;
    case 'slowdown': candidate = { kind, ...base, factor: v ?? 2 }; break;
    case 'error-rate': candidate = { kind, ...base, failurePct: v ?? 50 }; break;
    case 'burst': candidate = { kind, ...base, factor: v ?? 5 }; break;
    case 'poison': candidate = { kind, ...base, pct: v ?? 1 }; break;
    case 'scale': {
      const ic = /^(\d+)x(\d+)$/.exec(value ?? '');
      if (ic === null) throw bad('scale needs instances x concurrency, e.g. scale:payment:120-600:6x8');
      candidate = { kind, ...base, instances: Number(ic[1]), concurrency: Number(ic[2]) };
      break;
    }
    default: throw bad(`unknown kind "${kind}" (down, slowdown, error-rate, burst, poison, scale)`);
  }
  const r = Fault.safeParse(candidate);
  if (!r.success) throw bad(r.error.issues.map((i) => `${i.path.join('.') || kind}: ${i.message}`).join('; '));
  return r.data;
}

const MAX_SNAPSHOTS = 100_000;

function scenarioFrom(args: ReturnType<typeof parseArgs>, io: CliIo, save: boolean): ScenarioT {
  let base: Record<string, unknown> = {};
  const file = optionValue(args, 'scenario');
  if (file !== undefined) {
    const { text } = readInputText(file, io.cwd);
    try {
      base = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new CliError(ExitCode.dataError, `${file}: not valid JSON: ${(e as Error).message}`);
    }
    if (base === null || typeof base !== 'object' || Array.isArray(base)) throw new CliError(ExitCode.dataError, `${file}: a scenario is a JSON object`);
  }
  const duration = optionValue(args, 'duration');
  const seedText = optionValue(args, 'seed');
  let seed: number | undefined;
  if (seedText !== undefined) {
    seed = Number(seedText);
    if (!/^\d+$/.test(seedText) || seed > 0xffffffff) throw new CliError(ExitCode.usage, `--seed "${seedText}" must be an integer 0..4294967295`);
  }
  const snap = optionValue(args, 'snapshot-interval');
  const sla = optionValue(args, 'sla');
  const faults = (args.values.get('fault') ?? []).map(parseFaultSpec);
  const input = {
    durationSec: 3600,
    seed: 1,
    // saved runs get the app's live resolution (1 s) so its charts and stateAt look the same
    snapshotIntervalMs: save ? 1000 : 10_000,
    ...base,
    ...(duration !== undefined ? { durationSec: parseDuration(duration, 'duration') / 1000 } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(snap !== undefined ? { snapshotIntervalMs: parseDuration(snap, 'snapshot-interval') } : {}),
    ...(sla !== undefined ? { orderSlaSec: parseDuration(sla, 'sla') / 1000 } : {}),
    eventLog: 'none',
  };
  if (faults.length > 0) (input as Record<string, unknown>)['faults'] = [...((base['faults'] as unknown[] | undefined) ?? []), ...faults];
  const r = Scenario.safeParse(input);
  if (!r.success) {
    // a value out of range that came from a flag is a usage error naming the flag
    const flagOf: Record<string, [string, string | undefined]> = { durationSec: ['duration', duration], seed: ['seed', seedText], snapshotIntervalMs: ['snapshot-interval', snap] };
    const fromFlags = r.error.issues.map((i) => flagOf[String(i.path[0])]).filter((f) => f !== undefined && f[1] !== undefined);
    if (fromFlags.length === r.error.issues.length) {
      throw new CliError(ExitCode.usage, r.error.issues.map((i, k) => `--${fromFlags[k]![0]} "${fromFlags[k]![1]}": ${i.message}`).join('\n'));
    }
    const where = file ?? 'options';
    throw new CliError(ExitCode.dataError, `invalid scenario (${where}):\n${r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  // every snapshot is kept for --json/--save: 1 ms over an hour would be 3.6M of them
  const every = r.data.snapshotIntervalMs;
  if (every > 0 && (r.data.durationSec * 1000) / every > MAX_SNAPSHOTS) {
    throw new CliError(ExitCode.usage, `snapshot interval ${every} ms over ${formatDuration(r.data.durationSec * 1000)} gives more than ${MAX_SNAPSHOTS.toLocaleString('en-US')} snapshots: use a longer --snapshot-interval`);
  }
  return r.data;
}

function parseSpeed(text: string | undefined): number | 'max' {
  if (text === undefined || text === 'max') return 'max';
  const x = Number(text.replace(/x$/, ''));
  if (!Number.isFinite(x) || x < MIN_SPEED || x > MAX_SPEED) throw new CliError(ExitCode.usage, `--speed "${text}": use max or a factor from ${MIN_SPEED} to ${MAX_SPEED}`);
  return x;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (msValue: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, msValue));

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'simulate a topology headless and print a summary (throughput, queues, latencies, KPIs)',
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, spec, usage);
    if (args.positional.length !== 1) throw new CliError(ExitCode.usage, `expected one topology file, got ${args.positional.length}\n\n${usage}`);
    const file = args.positional[0]!;
    const speed = parseSpeed(optionValue(args, 'speed'));
    const jsonOut = optionValue(args, 'json');
    const save = args.flags.has('save');
    const dataDir = optionValue(args, 'data-dir');
    if (dataDir !== undefined && !save) throw new CliError(ExitCode.usage, '--data-dir only applies with --save');
    const topology = readTopologyFile(file, io.cwd);
    // the app's rules: errors refuse the run, warnings are printed and kept in the report
    const problems = lintTopology(topology);
    const errors = lintErrors(problems);
    if (errors.length > 0) throw new CliError(ExitCode.failed, `${file}: ${lintRefusal(errors)}`);
    const warnings = problems.filter((p) => p.severity === 'warning');
    if (warnings.length > 0) io.err(`${file}: ${warnings.length} warning${warnings.length === 1 ? '' : 's'} apply to this run:\n${warnings.map(lintLine).join('\n')}\n`);
    let scenario: ScenarioT = scenarioFrom(args, io, save);
    const maxEvents = parseMaxEvents(optionValue(args, 'max-events'));
    const estimate = estimateRunEvents(topology, scenario);
    if (!(estimate.messages <= maxEvents)) {
      throw new CliError(ExitCode.failed, `${file}: ${estimateRefusal(estimate.messages, estimate.perSec, maxEvents, scenario.durationSec * 1000, optionValue(args, 'max-events') !== undefined)}`);
    }
    const snapshots: MetricsSnapshot[] = [];
    if (jsonOut !== undefined && jsonOut !== '-') checkOutputTarget(path.resolve(io.cwd, jsonOut)); // before any work
    const saver = save ? RunSaver.open(dataDir, io.cwd, io.env ?? process.env, topology, scenario, speed, io.now) : null;
    if (saver !== null) scenario = { ...scenario, ...saver.eventLog };
    const hooks: SimulationHooks = {};
    if (jsonOut !== undefined || saver !== null) {
      hooks.onSnapshot = (s) => {
        if (jsonOut !== undefined) snapshots.push(s);
        saver?.onSnapshot(s);
      };
    }
    if (saver !== null && scenario.eventLog !== 'none') hooks.onEventChunk = saver.onEventChunk;
    let sim;
    try {
      sim = createSimulation(topology, scenario, hooks);
    } catch (e) {
      saver?.fail(0, (e as Error).message);
      if (e instanceof RangeError) throw new CliError(ExitCode.dataError, e.message);
      throw e;
    }
    const started = io.now();
    const progress = new RunProgress(io, sim.endMs);
    const overBudget = (): boolean => sim.messages > maxEvents;
    const draw = (): void => progress.update(sim.now, sim.messages);
    try {
      if (speed === 'max') {
        const slice = Math.max(1000, sim.endMs / 200);
        while (!sim.done && !io.interrupted.value && !overBudget()) {
          sim.runUntil(sim.now + nextSliceMs(slice, maxEvents, sim.now, sim.messages));
          saver?.progress(sim.now);
          draw();
          await nextTurn();
        }
      } else {
        const driver = new RealTimeDriver(sim, { now: io.now, speed, maxSliceMs: Math.max(1000, speed * 1000) });
        driver.start();
        while (driver.state === 'running' && !io.interrupted.value && !overBudget()) {
          driver.tick();
          saver?.progress(sim.now);
          draw();
          await sleep(50);
        }
      }
    } catch (e) {
      progress.clear();
      saver?.fail(sim.now, (e as Error).message);
      if (e instanceof SimulationLimitError) throw new CliError(ExitCode.dataError, `${file}: the simulation cannot go on: ${e.message}`);
      throw e;
    }
    progress.clear();
    const stoppedByBudget = overBudget();
    const summary = sim.summary();
    if (saver !== null) {
      saver.finish(summary, io.interrupted.value || stoppedByBudget);
      io.err(`saved as run #${saver.runId} in ${saver.databaseFile}\n`);
    }
    // `--json -`: stdout carries only the JSON (for jq and friends); the table goes to stderr
    const toStdout = jsonOut === '-';
    (toStdout ? io.err : io.out)(formatSummary(summary));
    io.err(`simulated ${formatDuration(sim.now)} in ${((io.now() - started) / 1000).toFixed(2)} s wall time\n`);
    if (toStdout) {
      io.out(`${JSON.stringify({ scenario, warnings, summary, snapshots }, null, 2)}\n`);
    } else if (jsonOut !== undefined) {
      writeOutputFile(path.resolve(io.cwd, jsonOut), `${JSON.stringify({ scenario, warnings, summary, snapshots }, null, 2)}\n`);
      io.err(`report written to ${jsonOut}\n`);
    }
    if (io.interrupted.value) {
      io.err('interrupted: the summary covers the simulated time so far\n');
      return ExitCode.interrupted;
    }
    if (stoppedByBudget) {
      io.err(`${maxEventsMessage(maxEvents, sim.messages, sim.now, sim.endMs)}\n`);
      return ExitCode.failed;
    }
    return ExitCode.ok;
  },
};
