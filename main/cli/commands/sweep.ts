/**
 * `eventflow sweep`: vary parameters over a grid (or goal-seek one of them), every cell a full
 * simulation on a pool of worker threads, and print mean ± spread per cell. Everything the user
 * typed is checked before the first run: paths, ranges, every cell against the model, metric
 * names, output files.
 */
import path from 'node:path';
import { lintErrors, lintRefusal, lintTopology } from '../../../shared/model/lint';
import { Scenario } from '../../../shared/runtime/api';
import { parseAxisText } from '../../../shared/whatif/axis';
import type { AxisSpec } from '../../../shared/whatif/axis';
import { DEFAULT_BACKLOG_THRESHOLD, metricNamesOf } from '../../../shared/whatif/cell-run';
import { holds, parseConditions } from '../../../shared/whatif/conditions';
import type { Condition } from '../../../shared/whatif/conditions';
import { parseGoal } from '../../../shared/whatif/goal-seek';
import type { GoalQuery } from '../../../shared/whatif/goal-seek';
import { answerCells, goalAxis, seekGoalInGrid } from '../../../shared/whatif/goal-seek-grid';
import type { GridGoalAnswer } from '../../../shared/whatif/goal-seek-grid';
import { MAX_SEEDS, cellCoords, cellInput, planSweep } from '../../../shared/whatif/sweep-plan';
import type { SweepPlan } from '../../../shared/whatif/sweep-plan';
import { SweepTable, tableCsv } from '../../../shared/whatif/sweep-table';
import { SweepCancelled, SweepPool, defaultWorkerCount, sweepJobs } from '../../backend/whatif/sweep-pool';
import type { SweepProgress } from '../../backend/whatif/sweep-pool';
import { resolveSweepWorkerFile } from '../../backend/whatif/sweep-worker-file';
import { optionValue, parseArgs, parseDuration } from '../args';
import { CliError, ExitCode } from '../command';
import type { CliCommand, CliIo } from '../command';
import { checkOutputTarget, writeOutputFile } from '../output-file';
import { formatDuration, progressLine } from '../report';
import { PLAIN_PROGRESS_EVERY_MS } from '../run-progress';
import { readTopologyFile } from '../topology-file';
import { backpressureRows, backpressureText, cellTable, defaultMetrics, failIfVerdicts, goalText, kneeText, sweepJson } from '../sweep-output';
import { parseFaultSpec } from './run';
import type { CellRun } from '../../../shared/whatif/cell-run';
import type { SweepStatus, WhatifGoal } from '../../../shared/api/whatif';
import type { CellRecordTarget } from '../../backend/whatif/cell-recorder';
import { SweepStore, sweepIdOf } from '../../backend/whatif/sweep-store';
import { StoreOpenError, openStore, resolveDataDir } from '../../backend/store';
import type { Store } from '../../backend/store';
import { SAVED_SUBCOMMANDS, runSavedSweeps, savedUsage } from './sweep-saved';

interface SweepSaver {
  store: SweepStore;
  rowId: number;
  sweepId: string;
  databaseFile: string;
  target: CellRecordTarget;
  close(status: SweepStatus, done: number, error: string | null): void;
}

/** --save: the sweep's row in the app's database (project-less, like eventflow run --save); the workers add its runs. */
function openSweepSaver(dataDirOption: string | undefined, io: CliIo, plan: SweepPlan, file: string, goal: GoalQuery | null): SweepSaver {
  const dataDir = resolveDataDir({ argv: dataDirOption === undefined ? [] : ['--data-dir', dataDirOption], env: io.env ?? process.env, cwd: io.cwd });
  let db: Store;
  try {
    db = openStore({ dataDir });
  } catch (e) {
    const why = e instanceof StoreOpenError ? e.message : (e as Error).message;
    throw new CliError(ExitCode.cantCreate, `--save: cannot open the app's database in ${dataDir}: ${why}`);
  }
  const store = new SweepStore(db.db);
  const name = `${plan.topology.name}: ${goal !== null ? goal.text : plan.axes.map((a) => a.param.path).join(' × ')} (${path.basename(file)}, cli)`;
  // a goal seek keeps its goal (its answers at the end: saveGoal), so the app shows it as a Find
  const rowId = store.create(plan, name, null, goal === null ? undefined : wireGoal(goal, null));
  let closed = false;
  return {
    store, rowId, sweepId: sweepIdOf(rowId), databaseFile: db.databaseFile,
    target: { dbFile: db.databaseFile, sweepRowId: rowId, projectId: null, sweepName: name },
    close(status, done, error) {
      if (closed) return;
      closed = true;
      store.end(rowId, status, done, error);
      db.close();
    },
  };
}

const wireGoal = (g: GoalQuery, answers: WhatifGoal['answers']): WhatifGoal => ({
  text: g.text, direction: g.direction, path: g.path, conditions: g.conditions.map((c) => ({ metric: c.metric, op: c.op, value: c.value })), answers,
});

const usage = `usage: eventflow sweep <topology.eventflow.json> --vary <path>=<values> [--vary …] [options]
       eventflow sweep list|show|rm …   the saved sweeps (see below; a file named "list" is ./list)

  --vary <path>=<values>   repeatable (1 to 3 parameters); path = <node id>.<setting> or scenario.<field>:
                             payment.instances=1..8          orders.partitions=1..64:log7
                             storefront.profile.ratePerSec=100,200,400,800
                             payment.processing.meanMs=40..160:lin4   scenario.faults.0.startSec=60,300
                           values: a,b,c  |  lo..hi (by 1)  |  lo..hi:step  |  lo..hi:logN  |  lo..hi:linN
  --seeds <n>              runs per cell, seeds --seed, --seed+1, … (default 3; the same in every cell)
  --seed <n>               first seed (default 1)
  --duration <d>           simulated time per run, e.g. 10m, 30m, 1h  (default 10m)
  --fault <spec>           repeatable, as in eventflow run (down:payment:600-1200, burst:storefront:300-600:10)
  --workers <n>            worker threads (default: one per core, here ${defaultWorkerCount()})
  --find "<goal>"          goal seek instead of the whole grid, by bisection over a varied parameter:
                             "min payment.instances where checkout.p99 < 2s and ordersLost = 0"
                             "max storefront.profile.ratePerSec where payment.utilisation < 80%"
                           met = on every seed; other varied parameters give one answer each; exit 1 if none
  --fail-if "<condition>"  repeatable; exit 1 when a cell meets it on any seed, e.g. "checkout.p99 > 2s"
  --metrics <a,b,…>        columns of the table (default: KPIs, the varied nodes, broker backlogs)
  --threshold <n>          backlog (messages) for time to backpressure  (default ${DEFAULT_BACKLOG_THRESHOLD})
  --json <file>            cells with mean/sd/min/max of every metric, backlog figures, answers (- = stdout)
  --csv <file>             one row per cell, mean and sd of every metric (- = stdout)
  --save                   keep the sweep in the app's database: its definition, table and every
                           cell × seed as a run (summary, KPIs, series; no event log); the app's
                           What-if tab lists it, its cells open as runs
  --data-dir <dir>         the app's data folder for --save (default: EVENTFLOW_DATA_DIR, else the app's)

metrics: ordersLost, orders, conversionRate, revenue, checkout.p99, fulfilmentP99, drops, messages,
  <node>.p50|p95|p99|mean|max (ms), <node>.utilisation, <node>.throughput, <node>.errors,
  <broker>.maxBacklog, <consumer>.lag, e2e.<flow>.p99 (e.g. e2e.order-payment-authorized.p99)
units in conditions: ms, s, m for latencies; % for rates (80% = 0.8)

saved sweeps:
${savedUsage.replace(/^usage: /, '')}`;

const spec = {
  vary: { value: true, repeat: true }, seeds: { value: true }, seed: { value: true }, duration: { value: true }, fault: { value: true, repeat: true },
  workers: { value: true }, find: { value: true }, 'fail-if': { value: true, repeat: true }, metrics: { value: true }, threshold: { value: true },
  json: { value: true }, csv: { value: true }, sla: { value: true }, save: {}, 'data-dir': { value: true },
};

function intOption(text: string | undefined, name: string, min: number, max: number, dflt: number): number {
  if (text === undefined) return dflt;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new CliError(ExitCode.usage, `--${name} "${text}" must be an integer ${min}..${max}`);
  return n;
}

interface Prepared {
  plan: SweepPlan;
  known: Set<string>;
  goal: GoalQuery | null;
  failIf: Condition[];
  metrics: string[];
  threshold: number;
  workers: number;
}

function prepare(file: string, args: ReturnType<typeof parseArgs>, io: CliIo): Prepared {
  const varies = args.values.get('vary') ?? [];
  if (varies.length === 0) throw new CliError(ExitCode.usage, `give at least one --vary <path>=<values>\n\n${usage}`);
  const axes: AxisSpec[] = varies.map((v) => {
    const r = parseAxisText(v);
    if (!r.ok) throw new CliError(ExitCode.usage, `--vary ${r.reason}`);
    return r.value;
  });
  const topology = readTopologyFile(file, io.cwd);
  const errors = lintErrors(lintTopology(topology));
  if (errors.length > 0) throw new CliError(ExitCode.failed, `${file}: ${lintRefusal(errors)}`);
  const duration = optionValue(args, 'duration');
  const sla = optionValue(args, 'sla');
  const scenario = {
    durationSec: duration === undefined ? 600 : parseDuration(duration, 'duration') / 1000,
    seed: intOption(optionValue(args, 'seed'), 'seed', 0, 0xffffffff, 1),
    faults: (args.values.get('fault') ?? []).map(parseFaultSpec),
    ...(sla !== undefined ? { orderSlaSec: parseDuration(sla, 'sla') / 1000 } : {}),
  };
  const sc = Scenario.safeParse(scenario);
  if (!sc.success) throw new CliError(ExitCode.usage, sc.error.issues.map((i) => `scenario.${i.path.join('.')}: ${i.message}`).join('\n'));
  const planned = planSweep({ topology, scenario, axes, seeds: intOption(optionValue(args, 'seeds'), 'seeds', 1, MAX_SEEDS, 3) });
  if (!planned.ok) throw new CliError(ExitCode.usage, `refused before running:\n${planned.issues.map((i) => `  ${i}`).join('\n')}`);
  const plan = planned.plan;
  const known = metricNamesOf(plan.topology, plan.scenario);
  let goal: GoalQuery | null = null;
  const findText = optionValue(args, 'find');
  if (findText !== undefined) {
    const g = parseGoal(findText, known);
    if (!g.ok) throw new CliError(ExitCode.usage, `--find ${g.reason}`);
    const ax = goalAxis(plan, g.value);
    if (!ax.ok) throw new CliError(ExitCode.usage, `--find ${ax.reason}`);
    goal = g.value;
  }
  const failIf = (args.values.get('fail-if') ?? []).flatMap((t) => {
    const c = parseConditions(t, known);
    if (!c.ok) throw new CliError(ExitCode.usage, `--fail-if ${c.reason}`);
    return c.value;
  });
  const metricsText = optionValue(args, 'metrics');
  const metrics = metricsText === undefined ? defaultMetrics(plan, known) : metricsText.split(',').map((m) => m.trim()).filter((m) => m !== '');
  const unknown = metrics.filter((m) => !known.has(m));
  if (unknown.length > 0) throw new CliError(ExitCode.usage, `--metrics: unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (see eventflow help sweep)`);
  const th = optionValue(args, 'threshold');
  const threshold = th === undefined ? DEFAULT_BACKLOG_THRESHOLD : Number(th);
  if (!Number.isFinite(threshold) || threshold <= 0) throw new CliError(ExitCode.usage, `--threshold "${th}" must be a positive number of messages`);
  return { plan, known, goal, failIf, metrics, threshold, workers: intOption(optionValue(args, 'workers'), 'workers', 1, 64, defaultWorkerCount()) };
}

/** Progress on stderr: a bar on a terminal, a line every few seconds elsewhere. */
function progressReporter(io: CliIo): (p: SweepProgress) => void {
  let last = io.now();
  return (p) => {
    const eta = p.etaMs === null ? '?' : formatDuration(p.etaMs);
    const label = `${p.done}/${p.total} runs  ${p.workers} worker${p.workers === 1 ? '' : 's'}  ETA ${eta}`;
    if (io.isTty) {
      io.err(`\r${progressLine(p.done, p.total, io.columns, label)}`);
      return;
    }
    const t = io.now();
    if (t - last < PLAIN_PROGRESS_EVERY_MS && p.done < p.total) return;
    last = t;
    io.err(`progress: ${label}, ${formatDuration(p.elapsedMs)} elapsed\n`);
  };
}

export const sweepCommand: CliCommand = {
  name: 'sweep',
  summary: 'what-if: vary parameters over a grid or goal-seek one (cells in parallel), with time to backpressure',
  usage,
  async run(argv, io) {
    if ((SAVED_SUBCOMMANDS as readonly string[]).includes(argv[0] ?? '')) return runSavedSweeps(argv, io);
    const args = parseArgs(argv, spec, usage);
    if (args.positional.length !== 1) throw new CliError(ExitCode.usage, `expected one topology file, got ${args.positional.length}\n\n${usage}`);
    const file = args.positional[0]!;
    const p = prepare(file, args, io);
    const { plan } = p;
    const jsonOut = optionValue(args, 'json');
    const csvOut = optionValue(args, 'csv');
    if (jsonOut !== undefined && jsonOut === csvOut) throw new CliError(ExitCode.usage, '--json and --csv name the same file');
    for (const o of [jsonOut, csvOut]) if (o !== undefined && o !== '-') checkOutputTarget(path.resolve(io.cwd, o));
    const save = args.flags.has('save');
    const dataDirOption = optionValue(args, 'data-dir');
    if (dataDirOption !== undefined && !save) throw new CliError(ExitCode.usage, '--data-dir only applies with --save');
    let workerFile: string;
    try {
      workerFile = resolveSweepWorkerFile(io.env ?? process.env);
    } catch (e) {
      throw new CliError(ExitCode.unavailable, (e as Error).message);
    }
    const runs = p.goal === null ? plan.cellCount * plan.seeds.length : null;
    io.err(`${plan.topology.name}: ${p.goal === null ? `${plan.cellCount} cells × ${plan.seeds.length} seeds = ${runs} runs` : `goal seek over ${plan.axes.map((a) => `${a.values.length} × ${a.param.path}`).join(', ')}, ${plan.seeds.length} seeds per cell`} of ${formatDuration(Number(plan.scenario.durationSec) * 1000)} on ${Math.min(p.workers, runs ?? p.workers)} workers\n`);

    const table = new SweepTable(plan);
    const saved = save ? openSweepSaver(dataDirOption, io, plan, file, p.goal) : null;
    let pool: SweepPool;
    try {
      pool = await SweepPool.start(plan, { workers: runs === null ? p.workers : Math.min(p.workers, runs), workerFile, backlogThreshold: p.threshold, now: io.now, ...(saved ? { record: saved.target } : {}) });
    } catch (e) {
      saved?.close('failed', 0, (e as Error).message);
      throw e;
    }
    let ran = 0;
    const keep = (r: CellRun): void => {
      table.add(r);
      ran++;
      if (saved !== null && table.complete(r.cell)) saved.store.saveCell(saved.rowId, table.cell(r.cell)!, ran);
    };
    const ac = new AbortController();
    const watch = setInterval(() => {
      if (io.interrupted.value) ac.abort();
    }, 100);
    const started = io.now();
    let answers: GridGoalAnswer[] | null = null;
    const onProgress = progressReporter(io);
    let done = 0;
    try {
      if (p.goal === null) {
        await pool.run(sweepJobs(plan), { onRun: keep, onProgress, signal: ac.signal });
      } else {
        answers = await seekGoalInGrid(plan, p.goal, async (cell) => {
          const rs = await pool.run(sweepJobs(plan, [cell]), { signal: ac.signal });
          for (const r of rs) keep(r);
          done += rs.length;
          onProgress({ done, total: done, elapsedMs: io.now() - started, etaMs: null, workers: pool.size });
          return rs.sort((a, b) => a.seed - b.seed).map((r) => r.metrics);
        });
      }
    } catch (e) {
      if (io.isTty) io.err('\r\x1b[K');
      if (e instanceof SweepCancelled) {
        saved?.close('cancelled', ran, null);
        io.err(`interrupted: ${table.cells().length} of ${plan.cellCount} cells complete${saved ? ` (kept as ${saved.sweepId})` : ''}\n`);
        return ExitCode.interrupted;
      }
      saved?.close('failed', ran, (e as Error).message);
      throw new CliError(ExitCode.failed, `sweep failed: ${(e as Error).message}`);
    } finally {
      clearInterval(watch);
      await pool.close();
    }
    if (io.isTty) io.err('\r\x1b[K');
    if (saved !== null) {
      if (answers !== null && p.goal !== null) saved.store.saveGoal(saved.rowId, wireGoal(p.goal, answerCells(plan, p.goal, answers)), ran);
      saved.close('completed', ran, null);
      io.err(`saved as ${saved.sweepId} in ${saved.databaseFile} (${ran} runs; the app's What-if tab lists it)\n`);
    }
    const wallMs = io.now() - started;
    const cells = table.cells();
    const jsonToStdout = jsonOut === '-' || csvOut === '-';
    const say = (s: string): void => (jsonToStdout ? io.err(s) : io.out(s));

    say(`${cellTable(plan, cells, p.metrics)}\n\n`);
    if (answers === null) say(kneeText(plan, cells, p.metrics));
    if (answers !== null) say(goalText(answers, p.metrics));
    const bp = cells.map((cell) => {
      const input = cellInput(plan, cellCoords(plan, cell.index));
      if (!input.ok) throw new CliError(ExitCode.internal, input.reason);
      return { cell, rows: backpressureRows(cell, input.topology, Scenario.parse({ ...input.scenario, seed: plan.seeds[0] }), p.threshold) };
    });
    say(backpressureText(plan, bp, p.threshold));
    const verdicts = failIfVerdicts(plan, cells, p.failIf, holds);
    for (const v of verdicts) say(`--fail-if ${v.condition}: ${v.breachedAt.length === 0 ? 'ok' : `BREACHED at ${v.breachedAt.join('; ')}`}\n`);
    const rate = (cells.length * plan.seeds.length) / Math.max(1e-9, wallMs / 1000);
    io.err(`${cells.length * plan.seeds.length} runs in ${formatDuration(wallMs)} (${rate.toFixed(2)} runs/s on ${pool.size} workers)\n`);

    if (jsonOut !== undefined) {
      const text = sweepJson(plan, file, cells, {
        goal: answers?.map((a) => ({ at: a.at, query: a.answer.query.text, answer: a.answer.answer, note: a.answer.note,
          meeting: a.answer.meeting?.value ?? null, failing: a.answer.failing?.value ?? null, probes: a.answer.probes.map((x) => ({ value: x.value, meets: x.meets })) })) ?? null,
        backpressure: bp.map((b) => ({ index: b.cell.index, brokers: b.rows })),
        failIf: verdicts,
        run: { wallMs, workers: pool.size },
      });
      if (jsonOut === '-') io.out(text);
      else writeOutputFile(path.resolve(io.cwd, jsonOut), text);
    }
    if (csvOut !== undefined) {
      const text = tableCsv(plan, cells, [...p.known].sort());
      if (csvOut === '-') io.out(text);
      else writeOutputFile(path.resolve(io.cwd, csvOut), text);
    }
    const noAnswer = answers !== null && answers.some((a) => a.answer.answer === null);
    return verdicts.some((v) => v.breachedAt.length > 0) || noAnswer ? ExitCode.failed : ExitCode.ok;
  },
};
