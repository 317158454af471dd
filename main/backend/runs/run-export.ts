import type { z } from 'zod';
import type { ExportFormat, ExportResult } from '../../../shared/api/runs';
import { metricsCsv, runReportHtml } from '../../../shared/report/run-report';
import type { RunRepository } from './run-repository';

/** A stored run as a file: self-contained HTML report (light or dark), metrics CSV, or JSON (meta, summary, faults, series). */
export function exportRun(repo: RunRepository, runId: number, format: z.infer<typeof ExportFormat>, theme: 'light' | 'dark' = 'light'): z.infer<typeof ExportResult> {
  const run = repo.detail(runId);
  const base = `run-${runId}-${run.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'run'}`;
  const system = repo.metrics(runId, undefined);
  const nodes = repo.metricNodes(runId).filter((n) => n !== '').map((n) => repo.metrics(runId, n));
  switch (format) {
    case 'html':
      return { fileName: `${base}.html`, mimeType: 'text/html', text: runReportHtml({ run, system, nodes, theme }) };
    case 'csv':
      return { fileName: `${base}-metrics.csv`, mimeType: 'text/csv', text: metricsCsv([system, ...nodes]) };
    case 'json':
      return { fileName: `${base}.json`, mimeType: 'application/json', text: `${JSON.stringify({ format: 'eventflow-run', version: 1, run, metrics: { system, nodes } }, null, 2)}\n` };
  }
}
