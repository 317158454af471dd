/**
 * `eventflow runs ...`: the app's run history, headless — list, show, compare (with --fail-if
 * gates for CI), export, rm. Reads the same SQLite file as the app, safely while it is open
 * (WAL readers never block the app's writer; writes wait up to busy_timeout).
 */
import path from 'node:path';
import type { RunListSort, RunMeta } from '../../../shared/api/runs';
import { ExportFormat } from '../../../shared/api/runs';
import { ApiError } from '../../../shared/api/define';
import { KPI_METRICS, evaluateThreshold, fieldChangeText, parseThreshold } from '../../../shared/report/compare';
import type { Threshold } from '../../../shared/report/compare';
import type { z } from 'zod';
import { compareRuns } from '../../backend/runs/run-compare';
import { exportRun } from '../../backend/runs/run-export';
import { processAlive } from '../../backend/runs/run-manager';
import { RunRepository } from '../../backend/runs/run-repository';
import { StoreOpenError, openStore, resolveDataDir } from '../../backend/store';
import type { Store } from '../../backend/store';
import { optionValue, parseArgs, parseDuration } from '../args';
import { parseSize } from '../size-arg';
import { StorageBudget, enforceBudget, formatBytes, pruneRuns, reclaimNow, setBudget, storageUsage } from '../../backend/runs/storage';
import { CliError, ExitCode } from '../command';
import type { CliCommand, CliIo } from '../command';
import { writeOutputFile } from '../output-file';

const usage = `usage: eventflow runs <subcommand> [options]

  runs list [--project <id>] [--sort date|orders|revenue|conversion|ordersLost|p99|throughput|errors] [--asc] [--json]
  runs show <id> [--json]
  runs compare <a> <b> [--fail-if "<metric> <op> <value>"]... [--json]
        metric: ${Object.keys(KPI_METRICS).join(', ')}
        op: > < >= <=     value: 1.2x (relative to run a), -10% (change vs a), or a number (run b)
        e.g. --fail-if "p99 > 1.2x" --fail-if "ordersLost > 0" --fail-if "throughput < -10%"
        exit 1 when any threshold is breached
  runs export <id> --format html|csv|json [--theme light|dark] [--out <file>]   (stdout without --out; --theme: the HTML report's colours, default light)
  runs rm <id>...
  runs storage [--budget <size>] [--json]   what takes the space; --budget sets the size budget for event logs
        (e.g. 2GB; the oldest finished runs' event logs are pruned to fit; summaries and series are kept)
  runs prune [--keep <n>] [--older-than <d>] [--events-only] [--json]
        delete finished runs beyond the newest n and/or older than d (e.g. 30d, 12h); --events-only keeps
        the runs and drops their event logs

  every subcommand: --data-dir <dir>  the app's data folder (default: EVENTFLOW_DATA_DIR, else the per-user folder)`;

const spec = {
  project: { value: true }, sort: { value: true }, asc: {}, json: {}, 'fail-if': { value: true, repeat: true }, format: { value: true }, out: { value: true }, theme: { value: true },
  'data-dir': { value: true }, budget: { value: true }, keep: { value: true }, 'older-than': { value: true }, 'events-only': {},
};

function openRuns(dataDirOption: string | undefined, io: CliIo): { store: Store; repo: RunRepository } {
  const dataDir = resolveDataDir({ argv: dataDirOption === undefined ? [] : ['--data-dir', dataDirOption], env: io.env ?? process.env, cwd: io.cwd });
  let store: Store;
  try {
    store = openStore({ dataDir });
  } catch (e) {
    if (e instanceof StoreOpenError) throw new CliError(ExitCode.noInput, e.message);
    throw new CliError(ExitCode.noInput, `cannot open the app's database in ${dataDir}: ${(e as Error).message}`);
  }
  const repo = new RunRepository(store.db);
  // runs whose process died show as interrupted (runs the open app is running are left alone)
  repo.recoverInterrupted(processAlive);
  return { store, repo };
}

/** A run the app (or another CLI) is still writing: never pruned from here. */
function liveInApp(repo: RunRepository, id: number): boolean {
  const s = repo.meta(id).status;
  return s === 'running' || s === 'paused' || s === 'idle';
}

function runIdArg(text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || n < 1 || !Number.isSafeInteger(n)) throw new CliError(ExitCode.usage, `"${text ?? ''}" is not a run id (a positive integer; see eventflow runs list)`);
  return n;
}

const fmt = (v: number, digits = 1): string => v.toLocaleString('en-US', { maximumFractionDigits: digits });

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return `${rows.map((r) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd()).join('\n')}\n`;
}

function listTable(runs: RunMeta[]): string {
  if (runs.length === 0) return 'no runs\n';
  return table([
    ['id', 'name', 'status', 'created', 'sim', 'orders', 'conversion', 'revenue', 'lost', 'p99 ms', 'errors'],
    ...runs.map((r) => [
      String(r.id), r.name.length > 40 ? `${r.name.slice(0, 39)}…` : r.name, r.status, r.createdAt.slice(0, 19).replace('T', ' '), `${fmt(r.simulatedMs / 1000, 0)}s`,
      fmt(r.kpis.orders, 0), `${fmt(r.kpis.conversionRate * 100)}%`, fmt(r.kpis.revenue, 0), fmt(r.kpis.ordersLost, 0), fmt(r.kpis.p99Ms, 0), fmt(r.kpis.errors, 0),
    ]),
  ]);
}

function withRepo<T>(dataDir: string | undefined, io: CliIo, f: (repo: RunRepository) => T): T {
  const { store, repo } = openRuns(dataDir, io);
  try {
    return f(repo);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'not-found') throw new CliError(ExitCode.noInput, e.message);
    throw e;
  } finally {
    store.close();
  }
}

export const runsCommand: CliCommand = {
  name: 'runs',
  summary: "the app's run history: list, show, compare (--fail-if gates), export html|csv|json, rm",
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, spec, usage);
    const [sub, ...rest] = args.positional;
    const dataDir = optionValue(args, 'data-dir');
    const json = args.flags.has('json');
    switch (sub) {
      case 'list': {
        const sort = optionValue(args, 'sort') ?? 'date';
        const sorts: readonly z.infer<typeof RunListSort>[] = ['date', 'orders', 'revenue', 'conversion', 'ordersLost', 'p99', 'throughput', 'errors'];
        if (!(sorts as readonly string[]).includes(sort)) throw new CliError(ExitCode.usage, `--sort "${sort}": one of ${sorts.join(', ')}`);
        const project = optionValue(args, 'project');
        const runs = withRepo(dataDir, io, (repo) =>
          repo.list({ ...(project !== undefined ? { projectId: project } : {}), sortBy: sort as z.infer<typeof RunListSort>, order: args.flags.has('asc') ? 'asc' : 'desc', limit: 10_000 }));
        io.out(json ? `${JSON.stringify(runs, null, 2)}\n` : listTable(runs));
        return ExitCode.ok;
      }
      case 'show': {
        const id = runIdArg(rest[0]);
        const run = withRepo(dataDir, io, (repo) => repo.detail(id));
        if (json) {
          io.out(`${JSON.stringify(run, null, 2)}\n`);
          return ExitCode.ok;
        }
        const k = run.kpis;
        const lines = [
          `run #${run.id}  ${run.name}`,
          `status      ${run.status}${run.error ? ` (${run.error})` : ''}`,
          `topology    ${run.topologyName}${run.projectId ? `  (project ${run.projectId})` : ''}`,
          `scenario    ${fmt(run.durationSec, 0)} s, seed ${run.seed}, speed ${run.speed}, simulated ${fmt(run.simulatedMs / 1000)} s`,
          `created     ${run.createdAt}${run.endedAt ? `, ended ${run.endedAt}` : ''}`,
          `events      ${fmt(run.eventCount, 0)} stored (${run.retention}${run.eventsTruncated ? ', capped' : ''})`,
          `KPIs        orders ${fmt(k.orders, 0)}, conversion ${fmt(k.conversionRate * 100)}%, revenue ${fmt(k.revenue, 0)} ${k.currency}, lost ${fmt(k.ordersLost, 0)}`,
          `            p99 ${fmt(k.p99Ms, 0)} ms, p95 ${fmt(k.p95Ms, 0)} ms, checkout p99 ${fmt(k.checkoutLatencyP99Ms, 0)} ms, throughput ${fmt(k.throughputPerSec)}/s, errors ${fmt(k.errors, 0)}`,
          `faults      ${run.faults.length === 0 ? 'none' : ''}`,
          ...run.faults.map((f) => `  - ${f.fault.kind} ${f.fault.nodeId} ${fmt(f.fault.startSec)}s-${f.endedSimMs !== null ? fmt(f.endedSimMs / 1000) : fmt(f.fault.endSec)}s (${f.source})`),
          ...run.annotations.map((a) => `note${a.atMs !== null ? ` @${fmt(a.atMs / 1000)}s` : ''}: ${a.text}`),
        ];
        io.out(`${lines.join('\n')}\n`);
        return ExitCode.ok;
      }
      case 'compare': {
        if (rest.length !== 2) throw new CliError(ExitCode.usage, `compare needs two run ids\n\n${usage}`);
        const a = runIdArg(rest[0]);
        const b = runIdArg(rest[1]);
        const thresholds: Threshold[] = (args.values.get('fail-if') ?? []).map((t) => {
          const p = parseThreshold(t);
          if (!p.ok) throw new CliError(ExitCode.usage, `--fail-if ${p.error}`);
          return p.value;
        });
        const result = withRepo(dataDir, io, (repo) => compareRuns(repo, a, b));
        const verdicts = thresholds.map((t) => evaluateThreshold(t, result.a.kpis, result.b.kpis));
        const breached = verdicts.filter((v) => v.breached);
        if (json) io.out(`${JSON.stringify({ ...result, thresholds: verdicts.map((v) => ({ text: v.threshold.text, breached: v.breached, actual: v.actual })) }, null, 2)}\n`);
        else {
          const rows = [['metric', '', `#${a}`, `#${b}`, 'delta', 'ratio'], ...result.kpis.map((r) => [r.metric, r.label, fmt(r.a, 2), fmt(r.b, 2), `${r.delta > 0 ? '+' : ''}${fmt(r.delta, 2)}`, r.ratio === null ? '—' : `${fmt(r.ratio, 3)}x`])];
          io.out(table(rows));
          const t = result.topology;
          io.out(t.same ? 'topology: identical\n' : `topology differs: ${[
            t.nodesAdded.length ? `+nodes ${t.nodesAdded.join(',')}` : '', t.nodesRemoved.length ? `-nodes ${t.nodesRemoved.join(',')}` : '',
            t.nodesChanged.length ? `~nodes ${t.nodesChanged.join(',')}` : '', t.edgesAdded.length ? `+edges ${t.edgesAdded.join(',')}` : '',
            t.edgesRemoved.length ? `-edges ${t.edgesRemoved.join(',')}` : '', t.edgesChanged.length ? `~edges ${t.edgesChanged.join(',')}` : '',
          ].filter(Boolean).join('; ')}\n`);
          for (const f of t.fields) io.out(`  ~ ${f.kind} ${fieldChangeText(f)}\n`);
          for (const v of verdicts) io.out(`${v.message}\n`);
        }
        if (breached.length > 0) {
          io.err(`${breached.length} threshold${breached.length === 1 ? '' : 's'} breached: ${breached.map((v) => v.threshold.text).join('; ')}\n`);
          return ExitCode.failed;
        }
        return ExitCode.ok;
      }
      case 'export': {
        const id = runIdArg(rest[0]);
        const format = ExportFormat.safeParse(optionValue(args, 'format'));
        if (!format.success) throw new CliError(ExitCode.usage, `--format: html, csv or json\n\n${usage}`);
        const theme = optionValue(args, 'theme') ?? 'light';
        if (theme !== 'light' && theme !== 'dark') throw new CliError(ExitCode.usage, `--theme "${theme}": light or dark`);
        const file = withRepo(dataDir, io, (repo) => exportRun(repo, id, format.data, theme));
        const out = optionValue(args, 'out');
        if (out === undefined) {
          io.out(file.text);
          return ExitCode.ok;
        }
        writeOutputFile(path.resolve(io.cwd, out), file.text);
        io.err(`run #${id} exported to ${out}\n`);
        return ExitCode.ok;
      }
      case 'rm': {
        if (rest.length === 0) throw new CliError(ExitCode.usage, `rm needs run ids\n\n${usage}`);
        const ids = rest.map(runIdArg);
        const missing = withRepo(dataDir, io, (repo) => {
          const gone: number[] = [];
          for (const id of ids) {
            const m = repo.meta(id);
            if (m.status === 'running' || m.status === 'paused' || m.status === 'idle') throw new CliError(ExitCode.failed, `run ${id} is ${m.status} in the app; stop it first`);
          }
          for (const id of ids) if (!repo.delete(id)) gone.push(id);
          // reclaim the space now: the CLI is short-lived and not the app's UI thread
          repo.db.pragma('incremental_vacuum');
          return gone;
        });
        io.err(`deleted ${ids.length - missing.length} run${ids.length - missing.length === 1 ? '' : 's'}\n`);
        return ExitCode.ok;
      }
      case 'storage': {
        const budget = optionValue(args, 'budget');
        const usageNow = withRepo(dataDir, io, (repo) => {
          if (budget !== undefined) {
            const bytes = parseSize(budget, 'budget');
            const ok = StorageBudget.safeParse(bytes);
            if (!ok.success) throw new CliError(ExitCode.usage, `--budget "${budget}": ${ok.error.issues[0]?.message ?? 'out of range'}`);
            setBudget(repo.db, bytes);
            const pruned = enforceBudget(repo.db, (id) => liveInApp(repo, id));
            if (pruned.eventsPruned.length > 0) {
              reclaimNow(repo.db);
              io.err(`pruned the event logs of ${pruned.eventsPruned.length} run${pruned.eventsPruned.length === 1 ? '' : 's'} (${formatBytes(pruned.bytesFreed)})\n`);
            }
          }
          return storageUsage(repo.db);
        });
        if (args.flags.has('json')) {
          io.out(`${JSON.stringify(usageNow, null, 2)}\n`);
          return ExitCode.ok;
        }
        io.out(`${usageNow.databaseFile}: ${formatBytes(usageNow.databaseBytes)} (${formatBytes(usageNow.freeBytes)} free inside); event logs ${formatBytes(usageNow.eventBytes)} of a ${formatBytes(usageNow.budgetBytes)} budget\n`);
        for (const r of usageNow.runs.slice(0, 20)) {
          io.out(`  #${r.id}  ${formatBytes(r.eventBytes + r.seriesBytes).padStart(9)}  ${r.eventsPrunedAt ? 'events pruned' : `${r.eventCount.toLocaleString('en-US')} events`}  ${r.status}  ${r.name}\n`);
        }
        if (usageNow.runs.length > 20) io.out(`  … ${usageNow.runs.length - 20} more\n`);
        return ExitCode.ok;
      }
      case 'prune': {
        const keepText = optionValue(args, 'keep');
        const older = optionValue(args, 'older-than');
        if (keepText === undefined && older === undefined) throw new CliError(ExitCode.usage, `prune needs --keep <n> and/or --older-than <d>\n\n${usage}`);
        if (keepText !== undefined && !/^\d+$/.test(keepText)) throw new CliError(ExitCode.usage, `--keep "${keepText}" must be a whole number of runs (0 or more)`);
        const olderThanMs = older === undefined ? undefined : parseDuration(older, 'older-than');
        const r = withRepo(dataDir, io, (repo) => {
          const result = pruneRuns(repo.db, (id) => liveInApp(repo, id), {
            ...(keepText !== undefined ? { keep: Number(keepText) } : {}), ...(olderThanMs !== undefined ? { olderThanMs } : {}), eventsOnly: args.flags.has('events-only'),
          });
          reclaimNow(repo.db);
          return result;
        });
        if (args.flags.has('json')) io.out(`${JSON.stringify(r, null, 2)}\n`);
        io.err(`${r.runsDeleted.length} run${r.runsDeleted.length === 1 ? '' : 's'} deleted, ${r.eventsPruned.length} event log${r.eventsPruned.length === 1 ? '' : 's'} pruned, ${formatBytes(r.bytesFreed)} freed\n`);
        return ExitCode.ok;
      }
      default:
        throw new CliError(ExitCode.usage, `${sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`}\n\n${usage}`);
    }
  },
};
