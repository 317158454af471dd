import type { TimeWindow } from '../../../shared/model';

/**
 * Pure helpers for the inspector's list editors (outage windows, slowdowns, enrich attributes).
 * The forms commit whole candidate values built here; the node schema stays the judge.
 */

export const MAX_WINDOWS = 100; // ServiceSettings/SinkSettings: outages/slowdowns .max(100)

/** A sensible next window: a minute after the last one ends, 30 s long (a first one at 60 s). */
export function nextWindow(existing: readonly TimeWindow[]): TimeWindow {
  const lastEnd = existing.reduce((m, w) => Math.max(m, w.endSec), 0);
  const startSec = existing.length === 0 ? 60 : lastEnd + 60;
  return { startSec, endSec: startSec + 30 };
}

/** zod's refine message names schema keys; say it in the form's words. */
export function friendlyWindowError(message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  return message === 'endSec must be after startSec' ? 'The end must be after the start' : message;
}

export type Attributes = Readonly<Record<string, string>>;
export type AttributeResult = { ok: true; value: Record<string, string> } | { ok: false; error: string };

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_KEY_LENGTH = 80; // OperatorSettings map: enrich keys .max(80)

/** Why a key cannot be used (undefined: fine). `others` are the keys of the other rows. */
export function keyProblem(key: string, others: readonly string[]): string | undefined {
  if (key === '') return 'A key is required';
  if (key.trim() !== key) return 'Keys cannot start or end with a space';
  if (key.length > MAX_KEY_LENGTH) return `Keys are at most ${MAX_KEY_LENGTH} characters`;
  if (RESERVED.has(key)) return `"${key}" is reserved`;
  if (others.includes(key)) return `"${key}" is already used`;
  return undefined;
}

function build(entries: readonly (readonly [string, string])[]): Record<string, string> {
  // defineProperty-style copy (fromEntries) so no key can touch the prototype
  return Object.fromEntries(entries);
}

/** Renames the key at `index`, keeping the row order (rows are shown in insertion order). */
export function renameAttribute(attrs: Attributes, index: number, key: string): AttributeResult {
  const entries = Object.entries(attrs);
  if (index < 0 || index >= entries.length) return { ok: false, error: 'This attribute no longer exists' };
  const problem = keyProblem(key, entries.filter((_, i) => i !== index).map(([k]) => k));
  if (problem) return { ok: false, error: problem };
  return { ok: true, value: build(entries.map(([k, v], i) => (i === index ? [key, v] : [k, v]))) };
}

export function setAttributeValue(attrs: Attributes, index: number, value: string): AttributeResult {
  const entries = Object.entries(attrs);
  if (index < 0 || index >= entries.length) return { ok: false, error: 'This attribute no longer exists' };
  return { ok: true, value: build(entries.map(([k, v], i) => (i === index ? [k, value] : [k, v]))) };
}

export function removeAttribute(attrs: Attributes, index: number): Record<string, string> {
  return build(Object.entries(attrs).filter((_, i) => i !== index));
}

/** Appends a row with a free placeholder key (attribute, attribute2, …) the user then renames. */
export function addAttribute(attrs: Attributes, base = 'attribute'): Record<string, string> {
  let key = base;
  for (let n = 2; key in attrs; n++) key = `${base}${n}`;
  return build([...Object.entries(attrs), [key, '']]);
}
