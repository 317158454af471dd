import type { NodeKind, OperatorKind } from '../../shared/model';

/** One entry of the palette / quick-add: a kind, optionally pre-configured ("Payment gateway"). */
export interface PaletteItem {
  id: string;
  kind: NodeKind;
  label: string;
  hint: string;
  op?: OperatorKind;
  name?: string;
  settings?: Record<string, unknown>;
  /** shown in the left palette (the rest only in quick-add search) */
  primary?: boolean;
}

export const PALETTE_ITEMS: readonly PaletteItem[] = [
  { id: 'producer', kind: 'producer', label: 'Producer', hint: 'Storefront, app, POS: emits events by an arrival profile', primary: true },
  { id: 'topic', kind: 'topic', label: 'Topic', hint: 'Pub/sub log: every subscriber gets every event', primary: true },
  { id: 'queue', kind: 'queue', label: 'Queue', hint: 'Point-to-point: competing consumers, dead-letter', primary: true },
  { id: 'bus', kind: 'bus', label: 'Event bus', hint: 'Routes events by type and attributes', primary: true },
  { id: 'service', kind: 'service', label: 'Service', hint: 'Consumes, processes, emits reaction events', primary: true },
  { id: 'operator', kind: 'operator', label: 'Stream operator', hint: 'Filter, map, window, throttle, join', op: 'filter', primary: true },
  { id: 'sink', kind: 'sink', label: 'Sink', hint: 'External system: gateway, e-mail, warehouse', primary: true },
  { id: 'group', kind: 'group', label: 'Group', hint: 'Bounded context that holds nodes', primary: true },
  { id: 'op-filter', kind: 'operator', op: 'filter', label: 'Filter operator', name: 'Filter', hint: 'Keep events matching a condition' },
  { id: 'op-map', kind: 'operator', op: 'map', label: 'Map / enrich operator', name: 'Enrich', hint: 'Re-type events, add attributes' },
  { id: 'op-window', kind: 'operator', op: 'window', label: 'Window / aggregate operator', name: 'Window', hint: 'Count per key in a time window' },
  { id: 'op-throttle', kind: 'operator', op: 'throttle', label: 'Throttle operator', name: 'Throttle', hint: 'At most one event per interval' },
  { id: 'op-debounce', kind: 'operator', op: 'debounce', label: 'Debounce operator', name: 'Debounce', hint: 'Emit after a quiet period' },
  { id: 'op-join', kind: 'operator', op: 'join', label: 'Join operator', name: 'Join', hint: 'Join two event types on a key' },
  { id: 'storefront', kind: 'producer', label: 'Storefront (sessions)', name: 'Storefront', hint: 'Simulated shoppers: browse → cart → checkout', settings: { mode: 'sessions', emits: ['CartItemAdded', 'CheckoutStarted', 'OrderPlaced', 'CartAbandoned'] } },
  { id: 'kafka-topic', kind: 'topic', label: 'Kafka topic', name: 'topic', hint: 'Kafka topic keyed by orderId', settings: { technology: 'kafka', keyField: 'orderId', partitions: 6 } },
  { id: 'sqs-queue', kind: 'queue', label: 'SQS queue', name: 'queue', hint: 'Amazon SQS queue', settings: { technology: 'sqs' } },
  { id: 'dlq', kind: 'queue', label: 'Dead-letter queue', name: 'dlq', hint: 'Receives messages that exhausted their retries', settings: { technology: 'sqs' } },
  { id: 'payment-gateway', kind: 'sink', label: 'Payment gateway', name: 'Payment gateway', hint: 'External payment provider (~150 ms)', settings: { system: 'payment-gateway', latency: { kind: 'lognormal', meanMs: 150, sigma: 0.5 }, failurePct: 1 } },
  { id: 'email-provider', kind: 'sink', label: 'E-mail provider', name: 'E-mail provider', hint: 'Transactional e-mail (~100 ms)', settings: { system: 'email-provider', latency: { kind: 'lognormal', meanMs: 100, sigma: 0.4 } } },
  { id: 'warehouse', kind: 'sink', label: 'Warehouse system', name: 'Warehouse', hint: 'Fulfilment backend', settings: { system: 'warehouse' } },
];

export const PALETTE_MIME = 'application/x-eventflow-palette';

export function paletteItem(id: string): PaletteItem | undefined {
  return PALETTE_ITEMS.find((p) => p.id === id);
}

/** Quick-add matching: every typed word must start a word of the label or hint. */
export function searchPalette(query: string): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...PALETTE_ITEMS];
  const scored = PALETTE_ITEMS.map((p) => {
    const label = p.label.toLowerCase();
    const text = `${label} ${p.hint.toLowerCase()} ${p.kind}`;
    const tokens = text.split(/[^a-z0-9]+/);
    if (!words.every((w) => tokens.some((t) => t.startsWith(w)))) return undefined;
    const score = (label.startsWith(words[0] ?? '') ? 0 : 1) + (p.primary ? 0 : 0.5);
    return { p, score };
  }).filter((x): x is { p: PaletteItem; score: number } => x !== undefined);
  return scored.sort((a, b) => a.score - b.score).map((x) => x.p);
}
