/**
 * One varied parameter and its values: a list, a range by step, or a number of points spaced
 * linearly or logarithmically. Text form (CLI, the panel's field):
 *   path=100,200,400     a list
 *   path=1..8            from 1 to 8 by 1
 *   path=0.5..2:0.5      by a step of 0.5
 *   path=10..1000:log5   5 points, log-spaced (10, 31.6, 100, 316, 1000)
 *   path=20..200:lin4    4 points, evenly spaced
 */
import { z } from 'zod';

export const MAX_AXIS_VALUES = 10_000;

const finite = z.number().finite();
export const AxisSpec = z.union([
  z.object({ path: z.string().min(1).max(300), values: z.array(finite).min(1).max(MAX_AXIS_VALUES) }),
  z.object({ path: z.string().min(1).max(300), from: finite, to: finite, step: z.number().positive().finite() }),
  z.object({ path: z.string().min(1).max(300), from: finite, to: finite, points: z.number().int().min(2).max(MAX_AXIS_VALUES), scale: z.enum(['linear', 'log']) }),
]);
export type AxisSpec = z.infer<typeof AxisSpec>;

export type AxisResult = { ok: true; values: number[] } | { ok: false; reason: string };

/** 12 significant digits: 0.1 + 0.2 steps print as 0.3, log points as 31.6227766017 */
const tidy = (x: number): number => Number(x.toPrecision(12));

export function expandAxis(a: AxisSpec): AxisResult {
  if ('values' in a) return { ok: true, values: [...a.values] };
  if ('step' in a) {
    if (a.to < a.from) return { ok: false, reason: `${a.path}: range ${a.from}..${a.to} goes down; write it low..high` };
    const n = Math.floor((a.to - a.from) / a.step + 1e-9) + 1;
    if (n > MAX_AXIS_VALUES) return { ok: false, reason: `${a.path}: ${a.from}..${a.to} by ${a.step} is ${n} values; at most ${MAX_AXIS_VALUES} per parameter` };
    return { ok: true, values: Array.from({ length: n }, (_, i) => tidy(a.from + i * a.step)) };
  }
  if (a.to < a.from) return { ok: false, reason: `${a.path}: range ${a.from}..${a.to} goes down; write it low..high` };
  if (a.scale === 'log' && a.from <= 0) return { ok: false, reason: `${a.path}: a log range needs a positive start (got ${a.from})` };
  const ints = Number.isInteger(a.from) && Number.isInteger(a.to);
  const out: number[] = [];
  for (let i = 0; i < a.points; i++) {
    const f = i / (a.points - 1);
    const v = a.scale === 'log' ? a.from * (a.to / a.from) ** f : a.from + (a.to - a.from) * f;
    // integer endpoints (instances, partitions) give integer points; duplicates after rounding go
    const x = ints && a.scale === 'log' ? Math.round(v) : tidy(v);
    if (out[out.length - 1] !== x) out.push(x);
  }
  return { ok: true, values: out };
}

export type AxisParse = { ok: true; value: AxisSpec } | { ok: false; reason: string };

const NUM = '[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?';
const RANGE = new RegExp(`^(${NUM})\\.\\.(${NUM})(?::(?:(${NUM})|(log|lin)(\\d+)))?$`);

/** `path=spec` as typed on the command line or in the panel. */
export function parseAxisText(text: string): AxisParse {
  const eq = text.indexOf('=');
  const hint = 'expected path=values, e.g. payment.instances=1..8, storefront.profile.ratePerSec=100,200,400, orders.partitions=1..64:log7';
  if (eq <= 0) return { ok: false, reason: `"${text}": ${hint}` };
  const path = text.slice(0, eq).trim();
  const spec = text.slice(eq + 1).trim().replace(/\s+/g, '');
  const m = RANGE.exec(spec);
  let candidate: unknown;
  if (m !== null) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (m[4] !== undefined) candidate = { path, from, to, points: Number(m[5]), scale: m[4] === 'log' ? 'log' : 'linear' };
    else candidate = { path, from, to, step: m[3] === undefined ? 1 : Number(m[3]) };
  } else if (new RegExp(`^${NUM}(?:,${NUM})*$`).test(spec)) {
    candidate = { path, values: spec.split(',').map(Number) };
  } else return { ok: false, reason: `"${text}": "${spec}" is neither a list nor a range; ${hint}` };
  const r = AxisSpec.safeParse(candidate);
  if (!r.success) return { ok: false, reason: `"${text}": ${r.error.issues.map((i) => `${i.path.join('.') || 'values'}: ${i.message}`).join('; ')}` };
  return { ok: true, value: r.data };
}

/** The text form back (tables, reports). */
export function axisText(a: AxisSpec): string {
  if ('values' in a) return `${a.path}=${a.values.join(',')}`;
  if ('step' in a) return `${a.path}=${a.from}..${a.to}${a.step === 1 ? '' : `:${a.step}`}`;
  return `${a.path}=${a.from}..${a.to}:${a.scale === 'log' ? 'log' : 'lin'}${a.points}`;
}
