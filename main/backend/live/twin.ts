/**
 * The twin comparison: the same topology and scenario in the simulator vs on the broker, per
 * service (p50/p99 latency, completions), per broker (peak backlog), per end-to-end flow
 * (p50/p99, completed traces) and for order fulfilment (the fulfilment KPIs). Where they differ
 * beyond the tolerance, the row is flagged as a finding; docs/live.md explains the known differences.
 */
import type { Topology } from '../../../shared/model/topology';
import { createSimulation } from '../../../shared/runtime';
import type { RunSummary, Scenario } from '../../../shared/runtime/api';

export interface TwinRow {
  /** the node id, the flow's name, or the KPI's name */
  node: string;
  /** a 'kpi' row carries its two values in simDone / liveDone, in `unit` */
  kind: 'service' | 'broker' | 'flow' | 'kpi';
  unit?: 'orders' | 'ms' | 'EUR';
  simP50: number;
  liveP50: number;
  simP99: number;
  liveP99: number;
  simDone: number;
  liveDone: number;
  simPeak: number;
  livePeak: number;
  /** why the row is a finding, '' when the two agree (or differ only as `note` explains) */
  finding: string;
  /**
   * a difference that is explained, not a finding: the "done" difference (the simulation stops
   * at the scenario's end with a backlog, a live run drains it after its traffic); '' when none
   */
  note: string;
}

/** relative difference allowed before a figure is a finding (and an absolute floor in ms / messages) */
const REL = 0.5;
const ABS_MS = 20;
const ABS_MSGS = 20;
const ABS_EUR = 1000;

const differs = (a: number, b: number, abs: number): boolean => Math.abs(a - b) > Math.max(abs, REL * Math.max(a, b));

export function simulateTwin(topology: Topology, scenario: Scenario): RunSummary {
  return createSimulation(topology, { ...scenario, eventLog: 'none' }).runToEnd();
}

/**
 * The "done" difference: live completed more than the simulation, and the simulation's backlog at
 * its end (waiting in the broker or in flight) accounts for it, within the tolerance.
 */
function drained(simDone: number, liveDone: number, simLeft: number, liveLeft: number, abs: number): boolean {
  return liveDone > simDone && simLeft > liveLeft && !differs(simDone + simLeft - liveLeft, liveDone, abs);
}

export function twinRows(sim: RunSummary, live: RunSummary): TwinRow[] {
  const rows: TwinRow[] = [];
  const stopSec = f(sim.simulatedMs / 1000);
  const doneNote = (left: number, what: string): string =>
    `done differs as expected: the simulation stops at ${stopSec} s with ${f(left)} ${what} still waiting or in flight; the live run drained them after its traffic`;
  for (const l of live.nodes) {
    const s = sim.nodes.find((n) => n.id === l.id);
    if (s === undefined) continue;
    if (l.kind === 'service') {
      const why: string[] = [];
      if (differs(s.latency.p50Ms, l.latency.p50Ms, ABS_MS)) why.push('p50');
      if (differs(s.latency.p99Ms, l.latency.p99Ms, ABS_MS)) why.push('p99');
      const simLeft = s.consumerLag + s.inFlight;
      // marked even within the relative tolerance: a drained backlog is worth its reason
      const explained = l.out - s.out > ABS_MSGS && drained(s.out, l.out, simLeft, l.consumerLag + l.inFlight, ABS_MSGS);
      if (differs(s.out, l.out, ABS_MSGS) && !explained) why.push('completions');
      rows.push({
        node: l.id, kind: 'service', simP50: s.latency.p50Ms, liveP50: l.latency.p50Ms, simP99: s.latency.p99Ms, liveP99: l.latency.p99Ms,
        simDone: s.out, liveDone: l.out, simPeak: s.consumerLag, livePeak: l.consumerLag, finding: why.length > 0 ? `${why.join(', ')} differ` : '',
        note: explained ? doneNote(simLeft, 'messages') : '',
      });
    } else if (l.kind === 'topic' || l.kind === 'queue' || l.kind === 'bus') {
      rows.push({
        node: l.id, kind: 'broker', simP50: 0, liveP50: 0, simP99: 0, liveP99: 0, simDone: s.in, liveDone: l.in, simPeak: s.queueDepthPeak, livePeak: l.queueDepthPeak,
        finding: differs(s.queueDepthPeak, l.queueDepthPeak, ABS_MSGS) ? 'peak backlog differs' : '', note: '',
      });
    }
  }
  for (const l of live.flows) {
    const s = sim.flows.find((x) => x.name === l.name);
    if (s === undefined) continue;
    const why: string[] = [];
    if (differs(s.latency.p50Ms, l.latency.p50Ms, ABS_MS)) why.push('p50');
    if (differs(s.latency.p99Ms, l.latency.p99Ms, ABS_MS)) why.push('p99');
    const explained = l.latency.count - s.latency.count > ABS_MSGS && drained(s.latency.count, l.latency.count, s.open, l.open, ABS_MSGS);
    if (differs(s.latency.count, l.latency.count, ABS_MSGS) && !explained) why.push('completions');
    rows.push({
      node: l.name, kind: 'flow', simP50: s.latency.p50Ms, liveP50: l.latency.p50Ms, simP99: s.latency.p99Ms, liveP99: l.latency.p99Ms,
      simDone: s.latency.count, liveDone: l.latency.count, simPeak: 0, livePeak: 0, finding: why.length > 0 ? `${why.join(', ')} differ` : '',
      note: explained ? doneNote(s.open, 'traces') : '',
    });
  }
  const sk = sim.kpis;
  const lk = live.kpis;
  if (sk.fulfilmentSteps.length > 0 && lk.fulfilmentSteps.length > 0) {
    // the orders the simulation left open at its end, when a live run closed them all by draining
    const openLeft = sk.ordersUnfulfilled - lk.ordersUnfulfilled;
    const ordersDrained = openLeft > 0 && lk.ordersUnfulfilled <= ABS_MSGS;
    const kpi = (node: string, unit: 'orders' | 'ms' | 'EUR', a: number, b: number, abs: number, explained = false): void => {
      const note = explained && Math.abs(a - b) > abs;
      rows.push({
        node, kind: 'kpi', unit, simP50: 0, liveP50: 0, simP99: 0, liveP99: 0, simDone: a, liveDone: b, simPeak: 0, livePeak: 0,
        finding: differs(a, b, abs) && !note ? 'differs' : '', note: note ? doneNote(sk.ordersUnfulfilled, 'orders') : '',
      });
    };
    kpi('orders fulfilled', 'orders', sk.ordersFulfilled, lk.ordersFulfilled, ABS_MSGS,
      ordersDrained && drained(sk.ordersFulfilled + sk.ordersFailed, lk.ordersFulfilled + lk.ordersFailed, sk.ordersUnfulfilled, lk.ordersUnfulfilled, ABS_MSGS));
    kpi('orders unfulfilled', 'orders', sk.ordersUnfulfilled, lk.ordersUnfulfilled, ABS_MSGS, ordersDrained);
    kpi('revenue at risk', 'EUR', sk.revenueAtRisk, lk.revenueAtRisk, ABS_EUR, ordersDrained);
    kpi('order → fulfilment p50', 'ms', sk.fulfilmentP50Ms, lk.fulfilmentP50Ms, ABS_MS);
    kpi('order → fulfilment p99', 'ms', sk.fulfilmentP99Ms, lk.fulfilmentP99Ms, ABS_MS);
    kpi('orders beyond SLA', 'orders', sk.ordersDelayed, lk.ordersDelayed, ABS_MSGS);
  }
  return rows;
}

const f = (x: number): string => (Math.round(x * 10) / 10).toString();

export function formatTwin(rows: readonly TwinRow[]): string {
  const lines = ['| node | sim p50 ms | live p50 ms | sim p99 ms | live p99 ms | sim done/in | live done/in | sim peak backlog | live peak backlog | finding |', '|---|---|---|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    if (r.kind === 'kpi') {
      lines.push(`| ${r.node} (${r.unit ?? ''}) |  |  |  |  | ${f(r.simDone)} | ${f(r.liveDone)} |  |  | ${r.finding || r.note} |`);
      continue;
    }
    const lat = r.kind === 'service' || r.kind === 'flow' ? [f(r.simP50), f(r.liveP50), f(r.simP99), f(r.liveP99)] : ['', '', '', ''];
    const peak = r.kind === 'broker' ? [f(r.simPeak), f(r.livePeak)] : ['', ''];
    lines.push(`| ${r.node} | ${lat.join(' | ')} | ${r.simDone} | ${r.liveDone} | ${peak.join(' | ')} | ${r.finding || r.note} |`);
  }
  return lines.join('\n');
}
