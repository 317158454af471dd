import { describe, expect, it } from 'vitest';
import type { MetricSeries, RunDetail, RunKpis } from '../api/runs';
import { checkoutTemplate } from '../model/templates';
import { parseTopology } from '../model/validate';
import { KPI_METRICS, deltaVerdict, evaluateThreshold, fieldChangeText, kpiDiff, parseThreshold, topologyDiff } from './compare';
import { metricsCsv, runReportHtml } from './run-report';
import { duration, lineChartSvg, simClock } from './chart-svg';

const kpis = (o: Partial<RunKpis> = {}): RunKpis => ({
  orders: 1000, revenue: 50_000, currency: 'EUR', conversionRate: 0.03, ordersLost: 0, checkoutLatencyP99Ms: 300, p99Ms: 400, p95Ms: 300, throughputPerSec: 500, errors: 10,
  fulfilmentMeasured: true, ordersUnfulfilled: 0, revenueAtRisk: 0, fulfilmentP50Ms: 250, fulfilmentP99Ms: 900, ordersDelayed: 0, orderSlaMs: 300_000, ...o,
});
const topo = () => {
  const r = parseTopology(checkoutTemplate());
  if (!r.ok) throw new Error('bad');
  return r.value;
};

describe('--fail-if thresholds', () => {
  it('parses relative (x), percent and absolute forms and refuses unknown metrics or syntax', () => {
    expect(parseThreshold('p99 > 1.2x')).toEqual({ ok: true, value: { text: 'p99 > 1.2x', metric: 'p99', op: '>', value: 1.2, unit: 'x' } });
    expect(parseThreshold(' throughput<-10% ')).toMatchObject({ ok: true, value: { metric: 'throughput', op: '<', value: -10, unit: '%' } });
    expect(parseThreshold('ordersLost >= 1')).toMatchObject({ ok: true, value: { op: '>=', unit: 'abs' } });
    expect(parseThreshold('latency > 2')).toMatchObject({ ok: false, error: expect.stringContaining('unknown metric "latency"') });
    expect(parseThreshold('p99 >> 2')).toMatchObject({ ok: false });
  });

  it('breaches exactly past the limit', () => {
    const t = (s: string) => { const p = parseThreshold(s); if (!p.ok) throw new Error(p.error); return p.value; };
    expect(evaluateThreshold(t('p99 > 1.2x'), kpis(), kpis({ p99Ms: 480 })).breached).toBe(false);
    expect(evaluateThreshold(t('p99 > 1.2x'), kpis(), kpis({ p99Ms: 481 })).breached).toBe(true);
    expect(evaluateThreshold(t('throughput < -10%'), kpis(), kpis({ throughputPerSec: 449 })).breached).toBe(true);
    expect(evaluateThreshold(t('throughput < -10%'), kpis(), kpis({ throughputPerSec: 451 })).breached).toBe(false);
    expect(evaluateThreshold(t('ordersLost > 0'), kpis(), kpis({ ordersLost: 1 })).breached).toBe(true);
    // relative to a zero baseline: not comparable, never a false alarm
    expect(evaluateThreshold(t('errors > 2x'), kpis({ errors: 0 }), kpis({ errors: 5 }))).toMatchObject({ breached: false, actual: null });
  });

  it('kpiDiff gives delta and ratio per metric', () => {
    const rows = kpiDiff(kpis(), kpis({ orders: 900 }));
    expect(rows.find((r) => r.metric === 'orders')).toMatchObject({ a: 1000, b: 900, delta: -100, ratio: 0.9, better: 'higher', verdict: 'worse' });
  });
});

describe('compare colours by each metric\'s declared direction', () => {
  const row = (metric: string, a: Partial<RunKpis>, b: Partial<RunKpis>) => kpiDiff(kpis(a), kpis(b)).find((r) => r.metric === metric)!;

  it('errors 519 → 54 is better, 54 → 519 worse', () => {
    expect(row('errors', { errors: 519 }, { errors: 54 })).toMatchObject({ delta: -465, better: 'lower', verdict: 'better' });
    expect(row('errors', { errors: 54 }, { errors: 519 })).toMatchObject({ verdict: 'worse' });
  });

  it('an outage run against a clean one is worse on every fulfilment figure, and revenue up is better', () => {
    const clean = { ordersUnfulfilled: 5, revenueAtRisk: 859, fulfilmentP99Ms: 977, ordersDelayed: 0 };
    const outage = { ordersUnfulfilled: 10_864, revenueAtRisk: 2_237_508, fulfilmentP99Ms: 357_166, ordersDelayed: 4868 };
    for (const m of ['unfulfilled', 'revenueAtRisk', 'fulfilmentP99', 'ordersDelayed']) expect(row(m, clean, outage).verdict, m).toBe('worse');
    expect(row('revenue', { revenue: 1 }, { revenue: 2 }).verdict).toBe('better');
  });

  it('declares a direction for every metric; neutral ones and unchanged ones get no colour', () => {
    for (const [name, m] of Object.entries(KPI_METRICS)) expect(['higher', 'lower', 'neutral'], name).toContain(m.better);
    expect(row('throughput', { throughputPerSec: 500 }, { throughputPerSec: 900 }).verdict).toBe('neutral');
    expect(row('orders', {}, {}).verdict).toBe('same');
    expect(deltaVerdict('lower', Number.NaN)).toBe('same');
  });
});

describe('topologyDiff', () => {
  it('ignores positions and names what was added, removed or changed', () => {
    const a = topo();
    expect(topologyDiff(a, { ...a, nodes: a.nodes.map((n) => ({ ...n, position: { x: 1, y: 2 } })) }).same).toBe(true);
    const b = { ...a, nodes: a.nodes.filter((n) => n.id !== 'analytics').map((n) => (n.id === 'payment' ? { ...n, name: 'Pay' } : n)), edges: a.edges.filter((e) => e.id !== 'e-status-analytics') };
    expect(topologyDiff(a, b)).toMatchObject({ same: false, nodesRemoved: ['analytics'], nodesChanged: ['payment'], edgesRemoved: ['e-status-analytics'], nodesAdded: [] });
  });

  it('names each changed field with old → new (nested settings, lists, edges)', () => {
    const a = topo();
    const b = {
      ...a,
      nodes: a.nodes.map((n) => (n.id === 'payment' && n.kind === 'service'
        ? { ...n, settings: { ...n.settings, instances: 6, processing: { ...n.settings.processing, meanMs: 60 }, consumes: [...n.settings.consumes, 'CartAbandoned'] } } : n)),
      edges: a.edges.map((e) => (e.id === 'e-payment-gateway' ? { ...e, timeoutMs: 500 } : e)),
    };
    const d = topologyDiff(a, b);
    const payment = a.nodes.find((n) => n.id === 'payment');
    if (payment?.kind !== 'service') throw new Error('template changed');
    expect(d.fields).toEqual([
      { kind: 'node', id: 'payment', path: 'settings.instances', old: payment.settings.instances, new: 6 },
      { kind: 'node', id: 'payment', path: 'settings.processing.meanMs', old: (payment.settings.processing as { meanMs: number }).meanMs, new: 60 },
      { kind: 'node', id: 'payment', path: 'settings.consumes', old: payment.settings.consumes, new: [...payment.settings.consumes, 'CartAbandoned'] },
      { kind: 'edge', id: 'e-payment-gateway', path: 'timeoutMs', old: null, new: 500 },
    ]);
    expect(fieldChangeText(d.fields[0]!)).toBe(`payment settings.instances ${payment.settings.instances} → 6`);
  });
});

const series = (nodeId: string | null): MetricSeries => ({
  nodeId, timeMs: [1000, 2000], throughputPerSec: [1, 2], queueDepth: [0, 5], consumerLag: [0, 0], inFlight: [0, 1], utilisation: [0, 0.5], p50Ms: [1, 1], p95Ms: [2, 2],
  p99Ms: [3, 3], errors: [0, 0], retries: [0, 0], deadLetters: [0, 0], drops: [0, 0], states: ['healthy', 'down'], orders: [], revenue: [], ordersLost: [],
});

describe('reports', () => {
  it('HTML is self-contained and escapes names (no script can run)', () => {
    const t = topo();
    const run: RunDetail = {
      id: 1, projectId: 'p', name: '<script>alert(1)</script>', status: 'completed', topologyName: t.name, seed: 1, durationSec: 2, simulatedMs: 2000, speed: 'max',
      createdAt: '2026-11-25T00:00:00.000Z', endedAt: null, kpis: kpis(), eventCount: 10, eventsTruncated: false, retention: 'all', error: null,
      scenario: { durationSec: 2, seed: 1, faults: [], snapshotIntervalMs: 1000, eventLog: 'none', eventLogSampleRate: 0.01, flows: [], orderSlaSec: 300 }, topology: t, summary: null,
      faults: [{ id: 1, source: 'live', fault: { kind: 'down', nodeId: 'payment', startSec: 1, endSec: 2 }, injectedAt: '2026-11-25T00:00:01.000Z', injectedSimMs: 1000, endedSimMs: null }],
      annotations: [{ id: 1, runId: 1, atMs: 1500, text: '"quoted" & <b>', createdAt: 'x' }],
    };
    const html = runReportHtml({ run, system: series(null), nodes: [series('payment')] });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;b&gt;');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('down on Payment, simulated 0:00:01 → 0:00:02');
    expect(html).toContain('injected live at 2026-11-25 00:00:01 UTC');
    expect(html).toContain('started 2026-11-25 00:00:00 UTC');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(5); // 4 charts + topology
  });

  it('a dark report is dark throughout: page, charts and topology picture; light stays the default', () => {
    const t = topo();
    const run: RunDetail = {
      id: 2, projectId: 'p', name: 'Dark', status: 'completed', topologyName: t.name, seed: 1, durationSec: 2, simulatedMs: 2000, speed: 'max',
      createdAt: '2026-11-25T00:00:00.000Z', endedAt: null, kpis: kpis(), eventCount: 10, eventsTruncated: false, retention: 'all', error: null,
      scenario: { durationSec: 2, seed: 1, faults: [], snapshotIntervalMs: 1000, eventLog: 'none', eventLogSampleRate: 0.01, flows: [], orderSlaSec: 300 }, topology: t, summary: null,
      faults: [{ id: 1, source: 'scenario', fault: { kind: 'down', nodeId: 'payment', startSec: 1, endSec: 2 }, injectedAt: null, injectedSimMs: null, endedSimMs: null }],
      annotations: [],
    };
    const light = runReportHtml({ run, system: series(null), nodes: [series('payment')] });
    const dark = runReportHtml({ run, system: series(null), nodes: [series('payment')], theme: 'dark' });
    expect(light).toContain('data-theme="light"');
    expect(light).toContain('background:#ffffff');
    expect(dark).toContain('data-theme="dark"');
    expect(dark).toContain('color-scheme:dark');
    expect(dark).toContain('background:#16181d');
    // the charts' titles and axes and the topology's background switch too: no light ink left on the dark page
    expect(dark).toContain('font-weight="600" fill="#e4e7ec"');
    expect(dark).toContain('fill="#0f172a"'); // topologySvg's dark background
    expect(dark).not.toContain('fill="#111111"');
    expect(dark).not.toContain('fill="#fecaca"');
    expect(light).toContain('fill="#fecaca"');
  });

  it('CSV has one row per node per time and neutralises spreadsheet formulas', () => {
    const csv = metricsCsv([series(null), series('=cmd')]).trim().split('\n');
    expect(csv).toHaveLength(5);
    expect(csv[1]).toBe('system,1000,1,0,0,0,0,1,2,3,0,0,0,0,healthy');
    expect(csv[4]).toBe("'=cmd,2000,2,5,0,1,0.5,1,2,3,0,0,0,0,down");
  });

  it('says "not measured" for checkout KPIs a run without sessions did not measure, latencies in their unit', () => {
    const t = topo();
    const run = {
      id: 2, projectId: 'p', name: 'r', status: 'completed', topologyName: t.name, seed: 1, durationSec: 7200, simulatedMs: 4_314_100, speed: 'max',
      createdAt: '2026-11-25T10:14:33.909Z', endedAt: null, kpis: kpis({ conversionRate: 0, checkoutLatencyP99Ms: 0, p99Ms: 1_293_844 }), eventCount: 10, eventsTruncated: false, retention: 'all', error: null,
      scenario: { durationSec: 7200, seed: 1, faults: [], snapshotIntervalMs: 1000, eventLog: 'none', eventLogSampleRate: 0.01, flows: [], orderSlaSec: 300 }, topology: t, summary: null, faults: [], annotations: [],
    } satisfies RunDetail;
    const html = runReportHtml({ run, system: series(null), nodes: [] });
    expect(html).toMatch(/Conversion<b><span class="muted"[^>]*>not measured</);
    expect(html).toContain('p99 end-to-end<b>21.6 min</b>');
    expect(html).toContain('1:11:54 of 2:00:00 simulated');
    expect(html).toContain('no queue built up');
  });
});

describe('report charts', () => {
  it('lays the legend out under the title, wrapping, never over it', () => {
    const names = ['payments-dlq', 'orders', 'order-status', 'notification', 'inventory', 'analytics'];
    const svg = lineChartSvg({ title: 'Queue depth', x: [0, 1000], lines: names.map((name) => ({ name, values: [0, 1], color: '#000' })), width: 360 });
    const legendYs = names.map((n) => Number(new RegExp(`y="([\\d.]+)"[^>]*>${n}<`).exec(svg)?.[1]));
    for (const y of legendYs) expect(y).toBeGreaterThan(16 + 10); // the title's baseline is 16
    expect(new Set(legendYs).size).toBeGreaterThan(1); // 6 names do not fit one 360 px row
  });
  it('formats durations and the simulated clock', () => {
    expect(duration(86.4)).toBe('86 ms');
    expect(duration(4_200)).toBe('4.2 s');
    expect(duration(1_293_844)).toBe('21.6 min');
    expect(duration(11_000_000)).toBe('3.1 h');
    expect(simClock(4_314_100)).toBe('1:11:54');
  });
});
