import { describe, expect, it } from 'vitest';
import { sweepReportHtml } from '../report/sweep-report';
import { linePoints, sweepChartSvg, sweepHeatmapSvg, sweepLineSvg } from './sweep-svg';
import { cellsCsv } from './sweep-table';

const stat = (mean: number, spread = 0) => ({ mean, sd: spread / 2, min: mean - spread, max: mean + spread });
// utilisation ∝ 1/instances: the bend is at 2
const axis = { path: 'payment.instances', values: [1, 2, 3, 4, 5] };
const line = axis.values.map((c, i) => ({ index: i, coords: [c], stats: { 'payment.utilisation': stat(0.6 / c, 0.02) } }));

describe('sweep charts and report', () => {
  it('line: the mean, the min–max band, the knee circled and named; waits for every cell before a knee', () => {
    expect(linePoints(axis, line, 'payment.utilisation').knee).toBe(1);
    const svg = sweepLineSvg(axis, line, 'payment.utilisation');
    expect(svg).toContain('<polygon');
    expect(svg).toContain('knee: payment.instances = 2');
    expect(svg.match(/<circle /g)).toHaveLength(6);
    expect(linePoints(axis, line.slice(0, 3), 'payment.utilisation').knee).toBeUndefined();
    expect(sweepLineSvg(axis, [], 'x')).toContain('no cell has x yet');
  });

  it('heatmap: a rect per cell coloured by value, empty cells marked; the chart picks by axis count', () => {
    const axes = [{ path: 'a', values: [1, 2] }, { path: 'b', values: [10, 20, 30] }] as const;
    const cells = [0, 1, 2, 3, 4].map((i) => ({ index: i, coords: [axes[0].values[Math.floor(i / 3)]!, axes[1].values[i % 3]!], stats: { ordersLost: stat(i) } }));
    const svg = sweepHeatmapSvg(axes, cells, 'ordersLost');
    expect(svg.match(/<rect x=/g)).toHaveLength(6);
    expect(svg).toContain('hsl(120 65% 55%)'); // 0 lost: best, green
    expect(svg).toContain('hsl(0 65% 55%)'); // 4 lost: worst, red
    expect(svg).toContain('#eee'); // the cell not run yet
    expect(sweepChartSvg(axes, cells, 'ordersLost')).toBe(svg);
    expect(sweepChartSvg([axis], line, 'payment.utilisation')).toBe(sweepLineSvg(axis, line, 'payment.utilisation'));
  });

  it('report and CSV: parameters, knee, charts and a row per cell, no script', () => {
    const html = sweepReportHtml({ name: 'Sizing <payment>', topologyName: 'Checkout', status: 'completed', createdAt: '2026-12-07T06:00:00Z', axes: [axis], seeds: [1, 2], durationSec: 600, cells: line, metrics: ['payment.utilisation'], sweepId: 'sw-3' });
    expect(html).toContain('Sizing &lt;payment&gt;');
    expect(html).toContain('5 of 5 cells × 2 seeds');
    expect(html).toContain('payment.utilisation: at payment.instances = 2');
    expect(html.match(/<tr>/g)).toHaveLength(6);
    expect(html).not.toMatch(/<script/i);
    const csv = cellsCsv([axis.path], line, ['payment.utilisation']).trim().split('\n');
    expect(csv[0]).toBe('payment.instances,payment.utilisation.mean,payment.utilisation.sd');
    expect(csv[2]).toBe('2,0.3,0.01');
  });
});
