/**
 * `eventflow sweep list|show|rm`: the saved sweeps and goal seeks (the app's What-if tab, and
 * `eventflow sweep --save`), headless — as `eventflow runs list|show|rm` are for runs. Reads the
 * same SQLite file as the app, safely while it is open (WAL).
 */
import type { WhatifSweep, WhatifSweepMeta } from '../../../shared/api/whatif';
import { ApiError } from '../../../shared/api/define';
import { cellsCsv } from '../../../shared/whatif/sweep-table';
import { processAlive } from '../../backend/runs/run-manager';
import { StoreOpenError, openStore, resolveDataDir } from '../../backend/store';
import { SweepStore, rowIdOf } from '../../backend/whatif/sweep-store';
import { optionValue, parseArgs } from '../args';
import { CliError, ExitCode } from '../command';
import type { CliIo } from '../command';
import { statText, table } from '../sweep-output';

export const SAVED_SUBCOMMANDS = ['list', 'show', 'rm', 'delete'] as const;

export const savedUsage = `usage: eventflow sweep list [--project <id> | --no-project] [--json]
       eventflow sweep show <sweep id> [--json | --csv] [--metrics <a,b,…>]
       eventflow sweep rm <sweep id>...        (also: delete)

  a sweep id is sw-<n> (or just <n>), as \`sweep list\` and the app's What-if tab show it
  list: newest first; --no-project: those saved without a project (eventflow sweep --save)
  show: definition, status, goal answers and the cell table (mean±sd over seeds); --csv: one row
        per cell with mean and sd of every metric; --json: everything the app reopens it with
  rm:   deletes the sweep, its cells and its cell runs (a sweep still running in the app is refused)
  every subcommand: --data-dir <dir>  the app's data folder (default: EVENTFLOW_DATA_DIR, else the per-user folder)`;

const spec = { json: {}, csv: {}, project: { value: true }, 'no-project': {}, metrics: { value: true }, 'data-dir': { value: true } };

function sweepIdArg(text: string | undefined): string {
  const t = text ?? '';
  if (/^\d+$/.test(t) && Number(t) >= 1) return `sw-${Number(t)}`;
  if (/^sw-\d+$/.test(t)) return t;
  throw new CliError(ExitCode.usage, `"${t}" is not a sweep id (sw-<number>, or <number>; see eventflow sweep list)`);
}

function withSweeps<T>(dataDirOption: string | undefined, io: CliIo, f: (s: SweepStore) => T): T {
  const dataDir = resolveDataDir({ argv: dataDirOption === undefined ? [] : ['--data-dir', dataDirOption], env: io.env ?? process.env, cwd: io.cwd });
  let store;
  try {
    store = openStore({ dataDir });
  } catch (e) {
    const why = e instanceof StoreOpenError ? e.message : (e as Error).message;
    throw new CliError(ExitCode.noInput, `cannot open the app's database in ${dataDir}: ${why}`);
  }
  try {
    const sweeps = new SweepStore(store.db);
    // sweeps whose process died show as interrupted (ones the open app is running are left alone)
    sweeps.recoverInterrupted(processAlive);
    return f(sweeps);
  } catch (e) {
    if (e instanceof ApiError && (e.code === 'not-found' || e.code === 'invalid-input')) throw new CliError(ExitCode.noInput, e.message);
    throw e;
  } finally {
    store.close();
  }
}

function listTable(list: readonly WhatifSweepMeta[]): string {
  if (list.length === 0) return 'no saved sweeps\n';
  return `${table([
    ['id', 'what', 'cells', 'seeds', 'sim', 'status', 'runs', 'project', 'created'],
    ...list.map((s) => [
      s.sweepId, s.goalText !== undefined ? `find: ${s.goalText}` : s.axisTexts.join(' × '), String(s.cellCount), String(s.seeds), `${Math.round(s.durationSec / 60)}m`,
      s.status, `${s.done}/${s.total}`, s.projectId ?? '-', s.createdAt.slice(0, 19).replace('T', ' '),
    ]),
  ])}\n`;
}

const FIRST = ['ordersLost', 'checkout.p99', 'fulfilmentP99', 'orders', 'revenue'];

function showText(s: WhatifSweep, metrics: readonly string[]): string {
  const lines = [
    `${s.sweepId}  ${s.name}`,
    `status ${s.status} · ${s.done}/${s.total} runs · seeds ${s.seeds.join(', ')} · ${Number(s.scenario.durationSec ?? 0) / 60} min simulated · project ${s.projectId ?? '(none)'} · created ${s.createdAt.slice(0, 19).replace('T', ' ')}`,
    `axes: ${s.axisTexts.join('  ')}`,
  ];
  if (s.error !== undefined) lines.push(`error: ${s.error}`);
  if (s.goal !== undefined) {
    lines.push(`goal: ${s.goal.text}`);
    for (const a of s.goal.answers ?? []) {
      const at = Object.entries(a.at).map(([k, v]) => `${k}=${v}`).join(' ');
      const cell = (i: number | null): string => (i === null ? '-' : String(s.cells.find((c) => c.index === i)?.coords[s.axes.findIndex((x) => x.path === s.goal!.path)] ?? '?'));
      lines.push(`  ${at === '' ? '' : `at ${at}: `}${a.answer === null ? 'no candidate meets it' : `answer ${s.goal.path} = ${a.answer}`} (meets: ${cell(a.meetingCell)}, fails: ${cell(a.failingCell)}) — ${a.note}`);
    }
    if (s.goal.answers === null) lines.push('  no answer saved (it did not finish)');
  }
  lines.push('');
  if (s.cells.length === 0) lines.push('no completed cells');
  else lines.push(table([[...s.axes.map((a) => a.path), ...metrics, 'runs'], ...s.cells.map((c) => [...c.coords.map(String), ...metrics.map((m) => statText(c.stats[m])), c.runIds.join(',') || 'pruned'])]));
  return `${lines.join('\n')}\n`;
}

export async function runSavedSweeps(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseArgs([...argv], spec, savedUsage);
  const [sub, ...rest] = args.positional;
  const dataDir = optionValue(args, 'data-dir');
  const json = args.flags.has('json');
  switch (sub) {
    case 'list': {
      const project = optionValue(args, 'project');
      if (project !== undefined && args.flags.has('no-project')) throw new CliError(ExitCode.usage, '--project and --no-project exclude each other');
      const projectId = args.flags.has('no-project') ? null : project;
      const list = withSweeps(dataDir, io, (s) => s.list({ ...(projectId !== undefined ? { projectId } : {}), limit: 10_000 }));
      io.out(json ? `${JSON.stringify(list, null, 2)}\n` : listTable(list));
      return ExitCode.ok;
    }
    case 'show': {
      if (rest.length !== 1) throw new CliError(ExitCode.usage, `show needs one sweep id\n\n${savedUsage}`);
      if (json && args.flags.has('csv')) throw new CliError(ExitCode.usage, '--json and --csv exclude each other');
      const id = sweepIdArg(rest[0]);
      const s = withSweeps(dataDir, io, (st) => st.get(rowIdOf(id)));
      const known = [...new Set(s.cells.flatMap((c) => Object.keys(c.stats)))].sort();
      const metricsText = optionValue(args, 'metrics');
      const metrics = metricsText === undefined
        ? [...FIRST.filter((m) => known.includes(m)), ...(s.goal?.conditions.map((c) => c.metric) ?? [])].filter((m, i, xs) => xs.indexOf(m) === i).slice(0, 6)
        : metricsText.split(',').map((m) => m.trim()).filter((m) => m !== '');
      const unknown = metrics.filter((m) => !known.includes(m));
      if (unknown.length > 0 && s.cells.length > 0) throw new CliError(ExitCode.usage, `--metrics: unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in ${id} (it has ${known.slice(0, 12).join(', ')}…)`);
      if (json) io.out(`${JSON.stringify(s, null, 2)}\n`);
      else if (args.flags.has('csv')) io.out(cellsCsv(s.axes.map((a) => a.path), s.cells, known));
      else io.out(showText(s, metrics));
      return ExitCode.ok;
    }
    case 'rm':
    case 'delete': {
      if (rest.length === 0) throw new CliError(ExitCode.usage, `${sub} needs sweep ids\n\n${savedUsage}`);
      const ids = rest.map(sweepIdArg);
      const deleted = withSweeps(dataDir, io, (st) => {
        const rows = ids.map(rowIdOf);
        for (const [k, r] of rows.entries()) {
          const s = st.get(r);
          if (s.status === 'running') throw new CliError(ExitCode.failed, `${ids[k]} is running in the app; cancel it there first`);
        }
        const n = rows.filter((r) => st.delete(r)).length;
        // reclaim the space now: the CLI is short-lived and not the app's UI thread
        st.db.pragma('incremental_vacuum');
        return n;
      });
      io.err(`deleted ${deleted} sweep${deleted === 1 ? '' : 's'} with ${deleted === 1 ? 'its' : 'their'} cell runs\n`);
      return ExitCode.ok;
    }
    default:
      throw new CliError(ExitCode.usage, `unknown subcommand "${sub ?? ''}"\n\n${savedUsage}`);
  }
}
