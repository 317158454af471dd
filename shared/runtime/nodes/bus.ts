/** Event bus (EventBridge-like): each route edge whose event types and attribute conditions match gets the event. */
import type { AttributeCondition } from '../../model/edges';
import type { SettingsOf } from '../../model/nodes';
import type { NodeState } from '../api';
import type { RunContext } from '../context';
import type { Msg } from '../message';
import { NodeStats } from '../node-stats';
import type { EdgeCounter, Receiver, RuntimeNode } from './types';

interface Route { edge: EdgeCounter; types: Set<string> | null; conditions: readonly AttributeCondition[]; target: Receiver }

export class Bus implements Receiver, RuntimeNode {
  readonly stats = new NodeStats();
  private readonly routes: Route[] = [];

  constructor(readonly id: string, readonly ctx: RunContext, private readonly settings: SettingsOf<'bus'>) {}

  addRoute(edge: EdgeCounter, types: readonly string[], conditions: readonly AttributeCondition[], target: Receiver): void {
    this.routes.push({ edge, types: types.length > 0 ? new Set(types) : null, conditions, target });
  }

  accept(m: Msg): void {
    const ctx = this.ctx;
    ctx.deliveries++;
    this.stats.in++;
    if (m.traced) ctx.log(m, 'published', this.id, '');
    let matched = 0;
    for (const r of this.routes) {
      if (r.types !== null && !r.types.has(m.type)) continue;
      if (!r.conditions.every((c) => conditionHolds(c, m))) continue;
      matched++;
      r.edge.count++;
      this.stats.out++;
      r.target.accept(m, r.edge.id);
    }
    if (matched === 0) {
      if (this.settings.unmatched === 'dead-letter') {
        this.stats.deadLetters++;
        ctx.log(m, 'dead-lettered', this.id, '', undefined, 'no route matched');
      } else {
        this.stats.drops++;
        ctx.log(m, 'dropped', this.id, '', undefined, 'no route matched');
      }
    }
  }

  depth(): number {
    return 0;
  }
  depthPeak(): number {
    return 0;
  }
  lag(): number {
    return 0;
  }
  capacitySlots(): number {
    return 0;
  }
  state(): NodeState {
    return 'healthy';
  }
}

/** `field` reads the event: 'type', 'key', or a payload path like 'shippingAddress.country'. */
export function fieldOf(m: Msg, field: string): unknown {
  if (field === 'type') return m.type;
  if (field === 'key') return m.key;
  let v: unknown = m.payload;
  for (const part of field.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

export function compare(actual: unknown, comparator: AttributeCondition['comparator'], expected: string): boolean {
  if (actual === undefined) return comparator === '!=';
  const num = Number(expected);
  const numeric = typeof actual === 'number' && expected.trim() !== '' && !Number.isNaN(num);
  switch (comparator) {
    case '==': return numeric ? actual === num : String(actual) === expected;
    case '!=': return numeric ? actual !== num : String(actual) !== expected;
    case '>': return numeric ? (actual as number) > num : String(actual) > expected;
    case '>=': return numeric ? (actual as number) >= num : String(actual) >= expected;
    case '<': return numeric ? (actual as number) < num : String(actual) < expected;
    case '<=': return numeric ? (actual as number) <= num : String(actual) <= expected;
    case 'contains': return Array.isArray(actual) ? actual.some((x) => String(x) === expected || JSON.stringify(x).includes(expected)) : String(actual).includes(expected);
  }
}

export function conditionHolds(c: AttributeCondition, m: Msg): boolean {
  return compare(fieldOf(m, c.field), c.comparator, c.value);
}
