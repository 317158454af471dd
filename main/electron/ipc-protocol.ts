/**
 * The wire between preload and main: a handful of generic channels, never one per feature.
 * Shared by preload.ts (bundled alone, so this file must import nothing but types) and main.
 */

export const IPC = {
  /** invoke {method, input} -> IpcReply */
  request: 'eventflow:request',
  /** invoke {subscriptionId, stream, params} -> IpcReply<null> */
  subscribe: 'eventflow:subscribe',
  /** send {subscriptionId} */
  unsubscribe: 'eventflow:unsubscribe',
  /** main -> renderer: (subscriptionId, event) */
  event: 'eventflow:event',
  /** main -> renderer: (commandId, args?) — a native menu item or the shell asks for a command */
  command: 'eventflow:command',
} as const;

export interface IpcErrorShape {
  code: string;
  message: string;
  issues?: { path: string; message: string }[];
}

export type IpcReply<T = unknown> = { ok: true; value: T } | { ok: false; error: IpcErrorShape };

export const SUBSCRIPTION_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_NAME_LENGTH = 128;

/**
 * True for JSON-like data (null, booleans, finite numbers, strings, arrays, plain objects),
 * within a depth and size budget. Functions, class instances, DOM nodes, cycles are refused.
 */
export function isPlainData(value: unknown, maxDepth = 64, budget = { nodes: 2_000_000 }): boolean {
  if (--budget.nodes < 0) return false;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || maxDepth <= 0) return false;
  if (Array.isArray(value)) return value.every((v) => isPlainData(v, maxDepth - 1, budget));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => v === undefined || isPlainData(v, maxDepth - 1, budget));
}
