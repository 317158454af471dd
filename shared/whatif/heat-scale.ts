/** Heatmap colours: a value's place between the grid's min and max, light (good) to dark (bad) by the metric's direction. */
export function heatColour(value: number, min: number, max: number, lowerIsBetter: boolean): string {
  if (!Number.isFinite(value)) return 'transparent';
  const f = max > min ? (value - min) / (max - min) : 0;
  const bad = lowerIsBetter ? f : 1 - f;
  // green (120°) for good to red (0°) for bad, same lightness so the text stays readable
  return `hsl(${Math.round(120 * (1 - bad))} 65% 55%)`;
}

/** Latencies, losses, backlogs, utilisation: lower is better; orders, revenue, conversion, throughput: higher. */
export function lowerIsBetter(metric: string): boolean {
  return !/^(orders|revenue|conversionRate|ordersFulfilled|sessions|checkouts|recoveredCarts)$|\.throughput$/.test(metric);
}
