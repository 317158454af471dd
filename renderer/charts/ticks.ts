/** y tick text: durations read as 850 ms / 1.2 s / 3.5 min (not "1.2kms"), other units as 1.2k/s */
export function yTick(v: number, unit: string): string {
  if (unit === 'ms') {
    if (v >= 60_000) return `${Math.round(v / 6_000) / 10} min`;
    if (v >= 1000) return `${Math.round(v / 100) / 10} s`;
    return `${Math.round(v)} ms`;
  }
  return `${v >= 1000 ? `${(v / 1000).toFixed(1)}k` : Math.round(v * 10) / 10}${unit}`;
}
