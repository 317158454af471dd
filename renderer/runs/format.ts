/** Simulated time as hh:mm:ss (hours keep counting past 24: a run may simulate days). */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Compact count: 950, 1.2k, 12k, 3.4M. */
export function count(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e6) return `${(n / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(a >= 1e4 ? 0 : 1)}k`;
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

const groupedFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** Exact count with thousands separators (8,214): KPI cards and tables, where compact 8.2k hides the figure. */
export const grouped = (n: number): string => (Number.isFinite(n) ? groupedFormat.format(n) : '–');

export function ms(v: number): string {
  if (!Number.isFinite(v)) return '–';
  // past a minute, seconds stop being readable (1294 s): minutes, then hours
  if (v >= 3_600_000) return `${(v / 3_600_000).toFixed(1)} h`;
  if (v >= 60_000) return `${(v / 60_000).toFixed(1)} min`;
  return v >= 1000 ? `${(v / 1000).toFixed(v >= 10_000 ? 0 : 2)} s` : `${v >= 10 ? Math.round(v) : v.toFixed(1)} ms`;
}

export function money(v: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency || 'USD', maximumFractionDigits: 0 }).format(v);
  } catch {
    return `${Math.round(v)} ${currency}`;
  }
}

export const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;

/** Speed factor label: 0.1×, 50×, max. */
export const speedLabel = (s: number | 'max'): string => (s === 'max' ? 'max' : `${s}×`);
