/**
 * `eventflow live apply|run|teardown FILE --broker amqp://…`: the topology on a real RabbitMQ
 * (main/backend/live, docs/live.md). Credentials come from EVENTFLOW_BROKER_CREDENTIALS
 * ("user:password") or the URL; they are never written to the topology nor the database.
 */
import { Scenario } from '../../../shared/runtime/api';
import type { Scenario as ScenarioT } from '../../../shared/runtime/api';
import { PlanError, checkPrefix, formatPlan, planFor } from '../../../shared/live/plan';
import type { BrokerPlan } from '../../../shared/live/plan';
import type { Topology } from '../../../shared/model/topology';
import { BrokerError } from '../../backend/live/broker';
import { runLive } from '../../backend/live/live-run';
import { LiveSaver } from '../../backend/live/live-saver';
import { RabbitMqAdapter, parseBrokerUrl } from '../../backend/live/rabbitmq';
import { recordTwin } from '../../backend/live/live-twin';
import { formatTwin } from '../../backend/live/twin';
import type { TwinRow } from '../../backend/live/twin';
import path from 'node:path';
import { checkOutputTarget, writeOutputFile } from '../output-file';
import { StoreOpenError, openStore, resolveDataDir } from '../../backend/store';
import type { Store } from '../../backend/store';
import { optionValue, parseArgs, parseDuration } from '../args';
import { CliError, ExitCode } from '../command';
import type { CliCommand, CliIo } from '../command';
import { formatDuration, formatSummary } from '../report';
import { readTopologyFile } from '../topology-file';
import { parseFaultSpec } from './run';

const usage = `usage: eventflow live apply|run|teardown <topology.eventflow.json> --broker amqp://host:port/vhost [options]

  apply                    print the plan (exchanges, queues, bindings, what cannot be expressed),
                           then declare it on the broker (idempotent); --dry-run prints only
  run                      apply, publish the scenario's traffic in real time, consume it with the
                           topology's services, print the summary and the broker's backlog, tear down
  teardown                 delete exactly the objects the plan names

  --broker <url>           amqp:// or amqps:// URL of the broker (required)
                           credentials: EVENTFLOW_BROKER_CREDENTIALS=user:password (preferred:
                           a URL on the command line is visible to other users)
  --prefix <p>             name prefix of every object (default ef-<topology file name>)
  --duration <d>           real time of traffic, e.g. 60s, 5m   (run; default 60s, at most 24h)
  --seed <n>               seed of the sampled traffic, processing times and failures (default 1)
  --fault <spec>           repeatable, as for eventflow run: down:payment:10-20, slowdown, error-rate, burst, poison
  --drain <d>              how long to wait after the traffic for queues to drain (default 30s)
  --save                   store the run in the app's database (marked live, without credentials)
  --data-dir <dir>         the app's data folder for --save
  --twin                   also simulate the same scenario (its faults included), store it as a run
                           beside the live run (implies --save), print both run ids and the comparison
  --json <file>            write the live run's summary, backlog, drain time, the run ids and the
                           twin (with --twin) as JSON (- = stdout; the tables then go to stderr)
  --keep                   run: leave the objects on the broker afterwards
  --dry-run                apply: print the plan and what exists, change nothing`;

const spec = {
  broker: { value: true }, prefix: { value: true }, duration: { value: true }, seed: { value: true }, fault: { value: true, repeat: true },
  drain: { value: true }, save: {}, 'data-dir': { value: true }, twin: {}, json: { value: true }, keep: {}, 'dry-run': {},
};

const MAX_LIVE_SEC = 86_400;

/** the URL the adapter connects with: credentials from the env var win over the URL's */
export function brokerUrlOf(raw: string | undefined, env: Readonly<Record<string, string | undefined>>, io: CliIo): string {
  if (raw === undefined) throw new CliError(ExitCode.usage, `--broker is required (e.g. --broker amqp://localhost:5672/)\n\n${usage}`);
  let u: URL;
  try {
    u = parseBrokerUrl(raw);
  } catch (e) {
    throw new CliError(ExitCode.usage, `--broker: ${(e as Error).message}`);
  }
  if (u.password !== '') io.err('warning: the broker URL carries a password, visible to other users of this machine; prefer EVENTFLOW_BROKER_CREDENTIALS=user:password\n');
  const creds = env['EVENTFLOW_BROKER_CREDENTIALS'];
  if (creds !== undefined && creds !== '') {
    const colon = creds.indexOf(':');
    if (colon <= 0) throw new CliError(ExitCode.usage, 'EVENTFLOW_BROKER_CREDENTIALS must be user:password');
    u.username = encodeURIComponent(creds.slice(0, colon));
    u.password = encodeURIComponent(creds.slice(colon + 1));
  }
  return u.toString();
}

function defaultPrefix(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.eventflow\.json$|\.json$/, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+/, '').slice(0, 36);
  return `ef-${base === '' ? 'topology' : base}`;
}

function scenarioOf(args: ReturnType<typeof parseArgs>): ScenarioT {
  const duration = optionValue(args, 'duration');
  const seedText = optionValue(args, 'seed');
  const durationSec = duration !== undefined ? parseDuration(duration, 'duration') / 1000 : 60;
  if (durationSec <= 0 || durationSec > MAX_LIVE_SEC) throw new CliError(ExitCode.usage, `--duration "${duration ?? ''}": a live run lasts from 1 s to 24 h of real time`);
  const seed = seedText === undefined ? 1 : Number(seedText);
  if (seedText !== undefined && (!/^\d+$/.test(seedText) || seed > 0xffffffff)) throw new CliError(ExitCode.usage, `--seed "${seedText}" must be an integer 0..4294967295`);
  const r = Scenario.safeParse({ durationSec, seed, faults: (args.values.get('fault') ?? []).map(parseFaultSpec), snapshotIntervalMs: 1000 });
  if (!r.success) throw new CliError(ExitCode.usage, r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  return r.data;
}

function planOf(topology: Topology, prefix: string): BrokerPlan {
  try {
    return planFor(topology, prefix);
  } catch (e) {
    if (e instanceof PlanError) throw new CliError(ExitCode.usage, `--prefix: ${e.message}`);
    throw e;
  }
}

async function connectOrExplain(url: string): Promise<RabbitMqAdapter> {
  try {
    return await RabbitMqAdapter.connect(url);
  } catch (e) {
    if (e instanceof BrokerError) throw new CliError(ExitCode.unavailable, e.message);
    throw e;
  }
}

export const liveCommand: CliCommand = {
  name: 'live',
  summary: 'apply a topology to a real RabbitMQ, run its traffic there, tear it down (docs/live.md)',
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, spec, usage);
    const [verb, file, ...rest] = args.positional;
    if (verb !== 'apply' && verb !== 'run' && verb !== 'teardown') throw new CliError(ExitCode.usage, `expected apply, run or teardown, got "${verb ?? ''}"\n\n${usage}`);
    if (file === undefined || rest.length > 0) throw new CliError(ExitCode.usage, `expected one topology file\n\n${usage}`);
    const env = io.env ?? process.env;
    const url = brokerUrlOf(optionValue(args, 'broker'), env, io);
    const prefixText = optionValue(args, 'prefix') ?? defaultPrefix(file);
    try {
      checkPrefix(prefixText);
    } catch (e) {
      throw new CliError(ExitCode.usage, `--prefix: ${(e as Error).message}`);
    }
    const topology = readTopologyFile(file, io.cwd);
    const plan = planOf(topology, prefixText);
    const scenario = verb === 'run' ? scenarioOf(args) : null;
    const adapter = await connectOrExplain(url);
    try {
      io.err(`broker: ${adapter.info.product} ${adapter.info.version} at ${adapter.info.address}\n`);
      if (verb === 'teardown') {
        const removed = await adapter.teardown(plan);
        io.out(removed.length === 0 ? `nothing under ${plan.prefix}. to remove\n` : `${removed.map((r) => `removed ${r}`).join('\n')}\n`);
        return ExitCode.ok;
      }
      const steps = await adapter.preview(plan);
      // `run --json -`: stdout is the JSON alone
      const planOut = verb === 'run' && optionValue(args, 'json') === '-' ? io.err : io.out;
      planOut(`plan for ${topology.name} under ${plan.prefix}.:\n${formatPlan(plan).map((l) => `  ${l}`).join('\n')}\n`);
      planOut(`${steps.map((s) => `  ${s.action === 'create' ? 'will create' : 'exists     '} ${s.object}`).join('\n')}\n`);
      if (verb === 'apply') {
        if (args.flags.has('dry-run')) return ExitCode.ok;
        await adapter.apply(plan);
        io.out(`applied: ${steps.filter((s) => s.action === 'create').length} created, ${steps.filter((s) => s.action === 'exists').length} already there\n`);
        return ExitCode.ok;
      }
      return await liveRunVerb(io, args, topology, plan, scenario!, adapter);
    } catch (e) {
      if (e instanceof BrokerError) throw new CliError(ExitCode.unavailable, e.message);
      throw e;
    } finally {
      await adapter.close();
    }
  },
};

async function liveRunVerb(io: CliIo, args: ReturnType<typeof parseArgs>, topology: Topology, plan: BrokerPlan, scenario: ScenarioT, adapter: RabbitMqAdapter): Promise<ExitCode> {
  const twin = args.flags.has('twin');
  const jsonOut = optionValue(args, 'json');
  if (jsonOut !== undefined && jsonOut !== '-') checkOutputTarget(path.resolve(io.cwd, jsonOut)); // before any work
  // `--json -`: stdout carries only the JSON; the tables go to stderr
  const text = jsonOut === '-' ? io.err : io.out;
  await adapter.apply(plan);
  let saver: LiveSaver | null = null;
  let store: Store | null = null;
  // the twin is stored beside the live run, so --twin saves both
  if (args.flags.has('save') || twin) {
    const dataDirOption = optionValue(args, 'data-dir');
    const dataDir = resolveDataDir({ argv: dataDirOption === undefined ? [] : ['--data-dir', dataDirOption], env: io.env ?? process.env, cwd: io.cwd });
    try {
      store = openStore({ dataDir });
      saver = new LiveSaver(store.db, topology, scenario, { ...adapter.info, prefix: plan.prefix });
    } catch (e) {
      store?.close();
      throw new CliError(ExitCode.cantCreate, `cannot open the app's database in ${dataDir}: ${e instanceof StoreOpenError ? e.message : (e as Error).message}`);
    }
  }
  const drain = optionValue(args, 'drain');
  let finished = false;
  io.err(`live run: ${formatDuration(scenario.durationSec * 1000)} of traffic on ${adapter.info.address}\n`);
  try {
    const r = await runLive({
      topology, scenario, plan, adapter, drainTimeoutMs: drain !== undefined ? parseDuration(drain, 'drain') : 30_000, stop: io.interrupted,
      ...(saver !== null ? { onSnapshot: saver.onSnapshot, onEvent: saver.onEvent } : {}),
    });
    saver?.finish(r.summary, r.interrupted);
    finished = true;
    text(formatSummary(r.summary));
    text(`broker backlog (peak ready messages per queue):\n${Object.entries(r.peakBacklog).map(([q, n]) => `  ${q}  ${n}`).join('\n')}\n`);
    text(r.drainMs === null ? 'queues did not drain within the drain time\n' : `drained ${formatDuration(r.drainMs)} after the traffic stopped\n`);
    if (saver !== null) io.err(`saved as live run #${saver.runId}\n`);
    let twinOut: { twinRunId: number; rows: TwinRow[] } | null = null;
    if (twin && saver !== null && store !== null && r.interrupted === null && !io.interrupted.value) {
      twinOut = recordTwin(store.db, saver.runId);
      io.err(`saved the simulated twin as run #${twinOut.twinRunId}\n`);
      text(`twin: live run #${saver.runId} vs simulated run #${twinOut.twinRunId} (compare them: eventflow runs compare ${saver.runId} ${twinOut.twinRunId})\n${formatTwin(twinOut.rows)}\n`);
    }
    if (jsonOut !== undefined) {
      const json = `${JSON.stringify({
        scenario, liveRunId: saver?.runId ?? null, twinRunId: twinOut?.twinRunId ?? null, broker: adapter.info, prefix: plan.prefix,
        summary: r.summary, peakBacklog: r.peakBacklog, drainMs: r.drainMs, interrupted: r.interrupted, twin: twinOut?.rows ?? null,
      }, null, 2)}\n`;
      if (jsonOut === '-') io.out(json);
      else {
        writeOutputFile(path.resolve(io.cwd, jsonOut), json);
        io.err(`report written to ${jsonOut}\n`);
      }
    }
    if (r.interrupted !== null) {
      io.err(`interrupted: ${r.interrupted}${twin ? ' (no twin: the live run did not complete)' : ''}\n`);
      return ExitCode.failed;
    }
    if (io.interrupted.value) {
      if (twin) io.err('stopped early: no twin (its traffic window would not match)\n');
      return ExitCode.interrupted;
    }
    return ExitCode.ok;
  } catch (e) {
    // a failure after the live run was stored (the twin's) leaves the live run as it ended
    if (!finished) saver?.fail((e as Error).message);
    if (e instanceof RangeError) throw new CliError(ExitCode.dataError, e.message);
    throw e;
  } finally {
    store?.close();
    if (!args.flags.has('keep')) await adapter.teardown(plan).catch(() => undefined);
  }
}
