/**
 * The knee of a sweep's curve: where adding more of the parameter stops paying off. Kneedle's
 * idea: normalise both axes to 0..1 and take the point farthest from the chord joining the ends
 * (for a falling curve, farthest below it). Undefined for fewer than 3 points or a flat curve.
 */
export function kneeIndex(xs: readonly number[], ys: readonly number[]): number | undefined {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return undefined;
  const x0 = xs[0]!;
  const x1 = xs[n - 1]!;
  const yMin = Math.min(...ys.slice(0, n));
  const yMax = Math.max(...ys.slice(0, n));
  if (x1 === x0 || yMax === yMin) return undefined;
  const nx = (x: number): number => (x - x0) / (x1 - x0);
  const ny = (y: number): number => (y - yMin) / (yMax - yMin);
  const ya = ny(ys[0]!);
  const yb = ny(ys[n - 1]!);
  let best: number | undefined;
  let bestD = 1e-9;
  for (let i = 1; i < n - 1; i++) {
    // distance from the chord, signed so that a bend towards the good side counts
    const chord = ya + (yb - ya) * nx(xs[i]!);
    const d = yb < ya ? chord - ny(ys[i]!) : ny(ys[i]!) - chord;
    if (d > bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
