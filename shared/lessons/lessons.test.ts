/** The learner-action recogniser and the claim evaluator on hand-made runs (no simulator). */
import { describe, expect, it } from 'vitest';
import { checkoutTemplate } from '../model/templates';
import { Topology } from '../model/topology';
import type { RunSummary } from '../runtime/api';
import { actionDone } from './actions';
import { evaluateClaim } from './claims';
import type { LessonRun } from './figures';
import { parseLessonText } from './loader';
import { Claim } from './schema';
import { applyEdit } from './show-me';

const shop = Topology.parse(checkoutTemplate());

function edited(patch: Record<string, unknown>, node = 'payment'): Topology {
  const r = applyEdit(shop, { do: 'update-settings', node, patch });
  if (!r.ok) throw new Error(r.reason);
  return r.topology;
}

describe('recognising the learner action', () => {
  it('scale: more instances of that node count, fewer or another node do not', () => {
    expect(actionDone({ kind: 'scale', node: 'payment' }, { before: shop, after: edited({ instances: 4 }) })).toBe(true);
    expect(actionDone({ kind: 'scale', node: 'payment' }, { before: shop, after: edited({ instances: 1 }) })).toBe(false);
    expect(actionDone({ kind: 'scale', node: 'inventory' }, { before: shop, after: edited({ instances: 4 }) })).toBe(false);
    expect(actionDone({ kind: 'scale', node: 'orders', setting: 'partitions' }, { before: shop, after: edited({ partitions: 24 }, 'orders') })).toBe(true);
  });

  it('change-setting looks at the nested setting named, nothing else', () => {
    const slower = edited({ processing: { kind: 'lognormal', meanMs: 400, sigma: 0.6 } });
    expect(actionDone({ kind: 'change-setting', node: 'payment', setting: 'processing.meanMs' }, { before: shop, after: slower })).toBe(true);
    expect(actionDone({ kind: 'change-setting', node: 'payment', setting: 'processing.sigma' }, { before: shop, after: slower })).toBe(false);
  });

  it('add-node of a kind that consumes an event; connect between named nodes', () => {
    const added = applyEdit(shop, { do: 'add-node', kind: 'service', id: 'loyalty', position: { x: 0, y: 0 }, settings: { consumes: ['OrderPlaced'] } });
    if (!added.ok) throw new Error(added.reason);
    expect(actionDone({ kind: 'add-node', nodeKind: 'service', consumes: 'OrderPlaced' }, { before: shop, after: added.topology })).toBe(true);
    expect(actionDone({ kind: 'add-node', nodeKind: 'service', consumes: 'CartAbandoned' }, { before: shop, after: added.topology })).toBe(false);
    const wired = applyEdit(added.topology, { do: 'connect', source: 'orders', target: 'loyalty', eventTypes: [] });
    if (!wired.ok) throw new Error(wired.reason);
    expect(actionDone({ kind: 'connect', source: 'orders', target: 'loyalty' }, { before: added.topology, after: wired.topology })).toBe(true);
    expect(actionDone({ kind: 'connect', source: 'storefront' }, { before: added.topology, after: wired.topology })).toBe(false);
  });

  it('inject-fault needs a run with that fault on that node', () => {
    const a = { kind: 'inject-fault', fault: 'down', node: 'payment' } as const;
    expect(actionDone(a, { before: shop, after: shop })).toBe(false);
    expect(actionDone(a, { before: shop, after: shop, runFaults: [{ kind: 'down', nodeId: 'inventory', startSec: 1, endSec: 2 }] })).toBe(false);
    expect(actionDone(a, { before: shop, after: shop, runFaults: [{ kind: 'down', nodeId: 'payment', startSec: 1, endSec: 2 }] })).toBe(true);
  });
});

function run(label: string, p99: number): LessonRun {
  const latency = { count: 10, meanMs: p99 / 2, p50Ms: p99 / 3, p95Ms: p99 * 0.9, p99Ms: p99, maxMs: p99 * 2 };
  const node = { id: 'payment', kind: 'service', name: 'Payment', latency } as unknown as RunSummary['nodes'][number];
  const summary = { topologyName: 't', nodes: [node], flows: [], kpis: { ordersLost: 0 } } as unknown as RunSummary;
  return { label, summary, snapshots: [] };
}

describe('evaluating a claim', () => {
  const ctx = (runs: LessonRun[]) => ({ runs: new Map(runs.map((r) => [r.label, r])), latest: runs.at(-1)?.label, topology: shop });
  const p99Under50 = Claim.parse({ kind: 'figure', id: 'fast', says: 'Payment answers fast', metric: { node: 'payment', figure: 'latencyP99Ms' }, op: '<', value: 50 });

  it('says "not yet" with the measured number and the bound, in the issue\'s words', () => {
    const r = evaluateClaim(p99Under50, ctx([run('a', 340)]));
    expect(r).toMatchObject({ status: 'fail', measured: 340, expected: '< 50 ms' });
    expect(r.explanation).toBe('not yet — Payment p99 was 340 ms, the claim needs < 50 ms');
    expect(evaluateClaim(p99Under50, ctx([run('a', 12)])).status).toBe('pass');
  });

  it('is pending (not failed) before any run, and names the missing run of a comparison', () => {
    expect(evaluateClaim(p99Under50, { runs: new Map(), topology: shop })).toMatchObject({ status: 'pending', explanation: 'not yet — no run yet: start a run' });
    const cmp = Claim.parse({ kind: 'compare', id: 'x', says: 's', left: { run: 'b', metric: { node: 'payment', figure: 'latencyP99Ms' } }, right: { run: 'a', metric: { node: 'payment', figure: 'latencyP99Ms' } }, relation: 'ratio', op: 'approx', value: 1, tolerance: 0.05 });
    expect(evaluateClaim(cmp, ctx([run('a', 100)])).explanation).toBe('not yet — no run "b" yet: start it first');
    expect(evaluateClaim(cmp, ctx([run('a', 100), run('b', 104)])).status).toBe('pass');
    expect(evaluateClaim(cmp, ctx([run('a', 100), run('b', 106)])).status).toBe('fail');
  });

  it('an approx claim without a tolerance is refused by the schema', () => {
    const r = Claim.safeParse({ kind: 'figure', id: 'x', says: 's', metric: { kpi: 'orders' }, op: 'approx', value: 3 });
    expect(r.success).toBe(false);
  });
});

describe('a step\'s focus', () => {
  const lesson = (focus: string) => [
    'schemaVersion: 1', 'id: f', 'title: F', 'audience: all', 'minutes: 5', 'goals: [see]', 'start: { template: checkout }',
    'steps:', '  - id: s1', '    title: S', '    narration: Look.', `    focus: ${focus}`, '    action: { kind: read }',
  ].join('\n');

  it('names the panel to open; every panel the player knows is accepted', () => {
    for (const panel of ['charts', 'faults', 'history', 'whatif', 'problems', 'inspector', 'event-types']) {
      const r = parseLessonText(lesson(`{ nodes: [payment], panel: ${panel} }`), 'f.lesson.yaml');
      expect(r.ok && r.lesson.steps[0]?.focus?.panel, panel).toBe(panel);
    }
  });

  it('an unknown panel is refused with the file, the path and the panels there are', () => {
    const r = parseLessonText(lesson('{ panel: dashboard }'), 'f.lesson.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ file: 'f.lesson.yaml', path: 'steps[0].focus.panel' });
    expect(r.issues[0]?.message).toMatch(/^unknown panel "dashboard" \(expected one of: "run", "kpis", "charts", "events", "faults", "history"/);
  });
});
