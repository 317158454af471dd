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
import { formatTwin, simulateTwin, twinRows } from '../../backend/live/twin';
import { StoreOpenError, openStore, resolveDataDir } from '../../backend/store';
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
  --twin                   also simulate the same scenario and print the comparison
  --keep                   run: leave the objects on the broker afterwards
  --dry-run                apply: print the plan and what exists, change nothing`;

const spec = {
  broker: { value: true }, prefix: { value: true }, duration: { value: true }, seed: { value: true }, fault: { value: true, repeat: true },
  drain: { value: true }, save: {}, 'data-dir': { value: true }, twin: {}, keep: {}, 'dry-run': {},
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
      io.out(`plan for ${topology.name} under ${plan.prefix}.:\n${formatPlan(plan).map((l) => `  ${l}`).join('\n')}\n`);
      io.out(`${steps.map((s) => `  ${s.action === 'create' ? 'will create' : 'exists     '} ${s.object}`).join('\n')}\n`);
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
  await adapter.apply(plan);
  let saver: LiveSaver | null = null;
  let close = (): void => undefined;
  if (args.flags.has('save')) {
    const dataDirOption = optionValue(args, 'data-dir');
    const dataDir = resolveDataDir({ argv: dataDirOption === undefined ? [] : ['--data-dir', dataDirOption], env: io.env ?? process.env, cwd: io.cwd });
    try {
      const store = openStore({ dataDir });
      close = () => store.close();
      saver = new LiveSaver(store.db, topology, scenario, { ...adapter.info, prefix: plan.prefix });
    } catch (e) {
      throw new CliError(ExitCode.cantCreate, `cannot open the app's database in ${dataDir}: ${e instanceof StoreOpenError ? e.message : (e as Error).message}`);
    }
  }
  const drain = optionValue(args, 'drain');
  io.err(`live run: ${formatDuration(scenario.durationSec * 1000)} of traffic on ${adapter.info.address}\n`);
  try {
    const r = await runLive({
      topology, scenario, plan, adapter, drainTimeoutMs: drain !== undefined ? parseDuration(drain, 'drain') : 30_000, stop: io.interrupted,
      ...(saver !== null ? { onSnapshot: saver.onSnapshot, onEvent: saver.onEvent } : {}),
    });
    saver?.finish(r.summary, r.interrupted);
    io.out(formatSummary(r.summary));
    io.out(`broker backlog (peak ready messages per queue):\n${Object.entries(r.peakBacklog).map(([q, n]) => `  ${q}  ${n}`).join('\n')}\n`);
    io.out(r.drainMs === null ? 'queues did not drain within the drain time\n' : `drained ${formatDuration(r.drainMs)} after the traffic stopped\n`);
    if (args.flags.has('twin')) io.out(`twin (simulated vs live):\n${formatTwin(twinRows(simulateTwin(topology, scenario), r.summary))}\n`);
    if (saver !== null) io.err(`saved as live run #${saver.runId}\n`);
    if (r.interrupted !== null) {
      io.err(`interrupted: ${r.interrupted}\n`);
      return ExitCode.failed;
    }
    if (io.interrupted.value) return ExitCode.interrupted;
    return ExitCode.ok;
  } catch (e) {
    saver?.fail((e as Error).message);
    if (e instanceof RangeError) throw new CliError(ExitCode.dataError, e.message);
    throw e;
  } finally {
    close();
    if (!args.flags.has('keep')) await adapter.teardown(plan).catch(() => undefined);
  }
}
