/**
 * Parameter paths of a sweep: `<nodeId>.<setting path>` (payment.instances,
 * payment.processing.meanMs, storefront.profile.ratePerSec, orders.partitions,
 * payment.retry.maxAttempts) or `scenario.<field>` (scenario.durationSec,
 * scenario.faults.0.startSec). A path names a number that exists in the parsed topology or
 * scenario (defaults applied), so a typo is refused with the numeric settings that do exist.
 */
import type { Topology } from '../model/topology';
import type { ScenarioInput } from '../runtime/api';

export interface ResolvedParameter {
  path: string;
  target: 'node' | 'scenario';
  /** node id (target 'node') */
  nodeId?: string;
  /** keys inside the node's settings, or inside the scenario */
  keys: readonly string[];
  /** the value in the base topology / scenario */
  base: number;
}

export type Resolution = { ok: true; value: ResolvedParameter } | { ok: false; reason: string };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every numeric leaf under `value` as dotted keys (arrays by index). */
export function numericLeaves(value: unknown, prefix = ''): string[] {
  if (typeof value === 'number') return [prefix];
  if (Array.isArray(value)) return value.flatMap((v, i) => numericLeaves(v, prefix === '' ? String(i) : `${prefix}.${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => numericLeaves(v, prefix === '' ? k : `${prefix}.${k}`));
  }
  return [];
}

function leaf(root: unknown, keys: readonly string[]): unknown {
  let v: unknown = root;
  for (const k of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** Resolve a path against a topology and base scenario; node ids may contain dots (longest id wins). */
export function resolveParameter(path: string, topology: Topology, scenario: ScenarioInput): Resolution {
  const text = path.trim();
  if (text === '') return { ok: false, reason: 'empty parameter path' };
  if (text.startsWith('scenario.')) {
    const keys = text.slice('scenario.'.length).split('.');
    const v = leaf(scenario, keys);
    if (typeof v !== 'number') {
      const known = numericLeaves(scenario).map((k) => `scenario.${k}`);
      return { ok: false, reason: `unknown parameter "${text}": the scenario has no number there (numeric scenario fields: ${known.join(', ') || 'none'})` };
    }
    return { ok: true, value: { path: text, target: 'scenario', keys, base: v } };
  }
  const node = [...topology.nodes].sort((a, b) => b.id.length - a.id.length).find((n) => text.startsWith(`${n.id}.`));
  if (node === undefined) {
    const ids = topology.nodes.map((n) => n.id).join(', ');
    return { ok: false, reason: `unknown parameter "${text}": no node id starts it (nodes: ${ids}; or scenario.<field>)` };
  }
  const keys = text.slice(node.id.length + 1).split('.');
  const v = leaf(node.settings, keys);
  if (typeof v !== 'number') {
    const known = numericLeaves(node.settings).map((k) => `${node.id}.${k}`);
    const what = v === undefined ? 'has no setting' : `has a ${Array.isArray(v) ? 'list' : typeof v}, not a number, at`;
    return { ok: false, reason: `unknown parameter "${text}": ${node.kind} "${node.id}" ${what} "${keys.join('.')}" (its numeric settings: ${known.join(', ') || 'none'})` };
  }
  return { ok: true, value: { path: text, target: 'node', nodeId: node.id, keys, base: v } };
}

function setLeaf(root: Json, keys: readonly string[], value: number): void {
  let v: Json = root;
  for (const k of keys.slice(0, -1)) v = (v as Record<string, Json>)[k]!;
  (v as Record<string, Json>)[keys[keys.length - 1]!] = value;
}

const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/**
 * The topology and scenario with the cell's values set. The topology comes back as plain JSON
 * to parse again (parseTopology): that is what validates a value against the model.
 */
export function applyParameters(topology: Topology, scenario: ScenarioInput, values: readonly { param: ResolvedParameter; value: number }[]): { topology: unknown; scenario: ScenarioInput } {
  const t = copy(topology) as unknown as { nodes: { id: string; settings: Json }[] };
  const s = copy(scenario) as unknown as Json;
  for (const { param, value } of values) {
    if (param.target === 'scenario') setLeaf(s, param.keys, value);
    else setLeaf(t.nodes.find((n) => n.id === param.nodeId)!.settings, param.keys, value);
  }
  return { topology: t, scenario: s as unknown as ScenarioInput };
}
