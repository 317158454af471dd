/**
 * A lesson as a self-contained HTML handout: goals, each step's narration, a picture of the canvas
 * when the step changed it, a chart of every time series a claim reads, and the verified numbers
 * of the reference run (the headless check's). No scripts, no external files: print it or mail it.
 */
import { topologySvg } from '../export/svg';
import { escapeXml, lineChartSvg } from '../report/chart-svg';
import type { LessonWalk } from './check';
import type { Metric } from './metrics';
import { describeMetric } from './metrics';
import type { Lesson } from './schema';

const esc = escapeXml;

/** The narration's small Markdown, escaped first so nothing in a lesson file becomes markup. */
function narrationHtml(md: string): string {
  return md.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter((p) => p !== '').map((p) => `<p>${esc(p)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`).join('\n');
}

function seriesOf(m: Metric): m is Extract<Metric, { series: string }> {
  return 'series' in m;
}

export function lessonHandoutHtml(lesson: Lesson, walk: LessonWalk): string {
  const names = new Map<string, string>();
  for (const r of walk.runs.values()) for (const n of r.summary.nodes) names.set(n.id, n.name);
  const name = (id: string) => names.get(id) ?? id;
  const sections = lesson.steps.map((step, i) => {
    const check = walk.check.steps[i];
    const t = walk.topologies[i];
    const changed = t !== undefined && (i === 0 || t !== walk.topologies[i - 1]);
    const charts: string[] = [];
    for (const c of step.claims) {
      const ms = c.kind === 'figure' ? [{ run: c.run, metric: c.metric }] : c.kind === 'compare' ? [c.left, c.right] : [];
      for (const m of ms) {
        if (!seriesOf(m.metric)) continue;
        const run = walk.runs.get(m.run ?? walk.check.runs.at(-1)?.label ?? '');
        if (!run) continue;
        const node = m.metric.node;
        const fig = m.metric.series;
        const values = run.snapshots.map((s) => {
          const n = s.nodes.find((x) => x.id === node) as unknown as Record<string, unknown> | undefined;
          const v = fig === 'latencyP99Ms' || fig === 'latencyP50Ms' ? (n?.latency as Record<string, number> | undefined)?.[fig === 'latencyP99Ms' ? 'p99Ms' : 'p50Ms'] : n?.[fig];
          return typeof v === 'number' ? v : NaN;
        });
        const faults = run.summary.faults.filter((f) => f.nodeId === node || f.kind === 'burst').map((f) => ({ fromMs: f.startSec * 1000, toMs: f.endSec * 1000, label: `${f.kind} ${name(f.nodeId)}` }));
        charts.push(lineChartSvg({ title: `${describeMetric(m.metric, name).replace(/ at [\d.]+ s$/, '')} (run ${run.label})`, x: run.snapshots.map((s) => s.timeMs), lines: [{ name: name(node), values, color: '#4f6bd8' }], bands: faults, width: 640, height: 180, ...(fig.endsWith('Ms') ? { unit: 'ms' as const } : {}) }));
      }
    }
    const claims = (check?.claims ?? []).map((r) => `<tr class="${r.status}"><td>${r.status === 'pass' ? '✓' : '✗'}</td><td>${esc(r.says)}</td><td>${esc(r.explanation)}</td></tr>`).join('\n');
    return `<section>
<h2>${i + 1}. ${esc(step.title)}</h2>
${narrationHtml(step.narration)}
${changed && t ? `<figure>${topologySvg(t)}<figcaption>The canvas after this step</figcaption></figure>` : ''}
${[...new Set(charts)].map((c) => `<figure>${c}</figure>`).join('\n')}
${claims ? `<table><thead><tr><th></th><th>Claim</th><th>Measured in the reference run</th></tr></thead><tbody>\n${claims}\n</tbody></table>` : ''}
</section>`;
  });
  const runs = walk.check.runs.map((r) => `<li><code>${esc(r.label)}</code>: ${r.durationSec} simulated s, ${r.messages.toLocaleString('en-US')} messages</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(lesson.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 860px; margin: 32px auto; padding: 0 20px; color: #1f2430; }
h1 { margin-bottom: 4px; } .meta { color: #5b6475; margin-top: 0; }
section { border-top: 1px solid #d8dce4; margin-top: 24px; padding-top: 8px; }
figure { margin: 12px 0; overflow-x: auto; } figure svg { max-width: 100%; height: auto; } figcaption { color: #5b6475; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; } td, th { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid #eceef2; }
tr.pass td:first-child { color: #1e8e3e; } tr.fail td:first-child, tr.pending td:first-child { color: #c0392b; }
code { background: #f1f3f7; padding: 0 3px; border-radius: 3px; }
</style></head>
<body>
<h1>${esc(lesson.title)}</h1>
<p class="meta">${esc(lesson.audience)} · ${lesson.minutes} minutes · ${walk.check.ok ? 'every claim verified by the simulator' : 'some claims did NOT hold in the reference run'}</p>
<h3>Goals</h3><ul>${lesson.goals.map((g) => `<li>${esc(g)}</li>`).join('')}</ul>
${sections.join('\n')}
<section><h3>Reference runs</h3><ul>${runs}</ul><p class="meta">Deterministic: the same lesson gives the same numbers (EventFlow Studio, <code>eventflow lessons check</code>).</p></section>
</body></html>
`;
}
